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
const DATE_LINE = /^(\s*)date\s+(\d[\d./-]*\d)(?=\s|$)[ \t]*/i;

export const readText: FormatReader = (file, ctx) => {
  let raw = file.text;
  let date: string | null = null;
  const match = DATE_LINE.exec(raw);
  if (match) {
    const stated = match[2]!;
    const day = toDay(stated, ctx.config.timezone);
    if (day.ok && /^\d{4}-\d{2}-\d{2}$/.test(stated)) {
      date = day.day;
    } else {
      ctx.report.warn({
        ruleId: 'ingest/bad-date',
        reason: `date line says "${stated}", which is not a real YYYY-MM-DD day; the article is read as undated`,
        file: file.display,
        line: 1,
        column: match[1]!.length + 1,
      });
    }
    raw = raw.slice(match[0].length);
  }
  return [{ id: file.idBase, origin: { file: file.display }, format: 'txt', raw, date, dateSource: date ? 'date-line' : null }];
};
