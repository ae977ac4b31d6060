/**
 * A PDF's running header or footer, on lines of their own: the document's name or its issuer, on
 * every page again, beside the page's number ("Department of Planning" / "Statement on the
 * Wrexley Colliery Decision" / "Page 2 of 5"). The number goes by its cue (furniture/lexicon.ts);
 * a line the article holds twice or more (in any case, with or without a page number on it) that
 * stands beside a removed page number goes with it. A heading the article repeats elsewhere, away
 * from page numbers, stays.
 */
import { hasCue, type Verdict } from './verdict.ts';
import { comparableText } from './text/structure.ts';

/** The cues of a page's number, alone or in a running header's line. */
const PAGE_CUES = ['page number', 'running header'];
/** A page's number inside a line: "Page 2 of 5", "p. 2/5". */
const PAGE_MARK = /(?:page|p\.)\s*\d{1,4}\s*(?:of|\/)\s*\d{1,4}/gi;
/** Lines looked at on each side of a page number (a header of a title and an issuer, over the number or under it). */
const REACH = 2;

/** What a line is when it repeats: its words, lower case, without a page's number. */
const keyOf = (text: string) => comparableText(text.replace(PAGE_MARK, ' '));

/** A line a running header could be: short, one line, no sentence end. */
function headerShaped(verdict: Verdict): boolean {
  const { text, words } = verdict.paragraph;
  return words > 0 && words <= 14 && !text.includes('\n') && !/[.!?…]["'”’)]*$/u.test(text.trim());
}

export function dropRunningHeads(verdicts: Verdict[]): void {
  const marks = verdicts.flatMap((v, i) => (v.ruleId && PAGE_CUES.some((cue) => hasCue(v, cue)) ? [i] : []));
  if (marks.length === 0) return;
  const counts = new Map<string, number>();
  for (const verdict of verdicts) {
    const key = keyOf(verdict.paragraph.text);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const mark of marks) {
    for (const step of [-1, 1]) {
      for (let i = mark + step, n = 0; n < REACH && i >= 0 && i < verdicts.length; i += step, n++) {
        const verdict = verdicts[i]!;
        if (verdict.ruleId) {
          // Another page number or header line: look past it.
          if (PAGE_CUES.some((cue) => hasCue(verdict, cue)) || verdict.signals.some((s) => s.name === 'running-head')) continue;
          break;
        }
        if (!headerShaped(verdict) || (counts.get(keyOf(verdict.paragraph.text)) ?? 0) < 2) break;
        verdict.ruleId = 'clean/notice';
        verdict.signals = [...verdict.signals, { kind: 'context', name: 'running-head', label: "a line every page repeats, beside the page's number (a running header)", weight: 0 }];
      }
    }
  }
}
