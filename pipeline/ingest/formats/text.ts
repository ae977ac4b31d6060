import { toDay } from '../../common/dates.ts';
import type { FormatReader } from './types.ts';

/**
 * The scrapers' plain-text form: an optional leading `date YYYY-MM-DD` token,
 * often with a banner glued to it on the same line, then the article.
 * The date token is taken out here (it is metadata); the rest of the line is
 * left for the clean stage, which removes the banner. Lines keep their numbers.
 */
// The token must look like a date (digits and separators): an article that
// merely starts with the word "Date" ("Date night returns…") keeps its words.
// "date:" is read as "date". A whole YYYY-MM-DD, or an ISO date and time
// (`2025-05-02T22:30:00-04:00`: its day in the configured timezone), may have the
// banner glued on with no space at all ("date 2025-05-02Support us…", as scrapers
// join a date cell and the next text); any other token ends at a space, so
// "2025-05-021" or "2025/05/02-03" is one token, a bad date, never a day with
// digits left over.
const ISO_DATE = String.raw`\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const DATE_LINE = new RegExp(String.raw`^(\s*)date(?:\s*:\s*|\s+)(${ISO_DATE}(?![\d./:+-])|\d[\d./-]*\d(?=\s|$))[ \t]*`, 'i');
const WHOLE_ISO_DATE = new RegExp(`^${ISO_DATE}$`);

export const readText: FormatReader = (file, ctx) => {
  let raw = file.text;
  let date: string | null = null;
  const match = DATE_LINE.exec(raw);
  if (match) {
    const stated = match[2]!;
    const day = toDay(stated, ctx.config.timezone);
    if (day.ok && WHOLE_ISO_DATE.test(stated)) {
      date = day.day;
    } else {
      ctx.report.warn({
        ruleId: 'ingest/bad-date',
        reason: `date line says "${stated}", which is not a real YYYY-MM-DD day (or ISO date and time); the article is read as undated`,
        file: file.display,
        line: 1,
        column: match[1]!.length + 1,
      });
    }
    raw = raw.slice(match[0].length);
  }
  return [{ id: file.idBase, origin: { file: file.display }, format: 'txt', raw, date, dateSource: date ? 'date-line' : null }];
};
