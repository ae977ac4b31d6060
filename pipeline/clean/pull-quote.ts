import { paragraphKey } from './repetition.ts';
import type { Verdict } from './verdict.ts';

export const PULL_QUOTE_RULE = 'clean/pull-quote';

/** Fewer words than this are a phrase two paragraphs may share by chance ("the Secretary of State"), not a quote set twice. */
const MIN_WORDS = 6;
/** A pull quote is a sentence or two: a longer paragraph inside another is the page's own repetition, left as it is. */
const MAX_WORDS = 60;

/** More than this many in one article, and the repetition is the page's design, not pull quotes (see `dropPullQuotes`). */
const MAX_PULL_QUOTES = 3;

/** A line that opens with a quotation mark (in plain text a short line without a full stop reads as a heading; one in quotes is a quote). */
const QUOTED = /^\s*["“‘'«]/;

/** The speaker's name a pull quote may carry after it ("… front” — Dana Whitfield"), left out when its words are compared. */
const ATTRIBUTION = /\s[—–-]{1,2}\s*\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s*$/u;

/**
 * A pull quote: words of the article set again in large type between its paragraphs (a page's
 * `<blockquote class="pullquote">`, or the line a scrape keeps of it, in quotation marks). Once is
 * enough: a quotation set apart whose words (case, punctuation and quotation marks aside) stand
 * inside a longer paragraph of the same article goes. Only a quotation, and only inside a longer
 * paragraph: two ordinary paragraphs that share a sentence, or two embedded posts signed alike, are
 * the writer's (or the page's) to repeat. Only paragraphs still kept count as where the words stand.
 */
export function dropPullQuotes(verdicts: Verdict[], disabled: ReadonlySet<string>): void {
  if (disabled.has(PULL_QUOTE_RULE)) return;
  const kept = verdicts.filter((v) => !v.ruleId && (v.paragraph.type !== 'heading' || QUOTED.test(v.paragraph.text)));
  /** What may be a pull quote: a quotation set apart (a page's blockquote, Markdown's `>`), or a line in quotation marks. */
  const quoteLike = (v: Verdict) => v.paragraph.type === 'quote' || QUOTED.test(v.paragraph.text);
  if (kept.length < 2) return;
  const keys = kept.map((v) => ` ${paragraphKey(v.paragraph.text)} `);
  const found: [quote: Verdict, home: Verdict][] = [];
  kept.forEach((verdict, i) => {
    const words = verdict.paragraph.words;
    if (!quoteLike(verdict) || words < MIN_WORDS || words > MAX_WORDS) return;
    const key = ` ${paragraphKey(verdict.paragraph.text.replace(ATTRIBUTION, ''))} `;
    const home = kept.findIndex((_, j) => j !== i && keys[j]!.length > key.length && keys[j]!.includes(key) && !found.some(([quote]) => quote === kept[j]));
    if (home >= 0) found.push([verdict, kept[home]!]);
  });
  // A page that sets many of its lines again does so by design (a meal plan's days, a schedule, a
  // list of items under several headings): those are its text, not pull quotes.
  if (found.length > MAX_PULL_QUOTES) return;
  for (const [quote, home] of found) {
    quote.ruleId = PULL_QUOTE_RULE;
    quote.signals = [...quote.signals, { kind: 'context', name: 'pull-quote', label: `its words stand in the article's text already (“${excerpt(home.paragraph.text)}”)`, weight: 0 }];
  }
}

function excerpt(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57).trimEnd()}…`;
}
