/**
 * Choosing and ordering a summary's sentences: maximal marginal relevance
 * (Carbonell & Goldstein 1998) over the ranked candidates within a word
 * budget, then reading order.
 *
 * - The lead article's lede comes first when it can stand alone.
 * - Each step takes the sentence with the best mix of importance and novelty
 *   (λ·score − (1−λ)·max similarity to what is already chosen); near-copies of
 *   a chosen sentence, or of a sentence already used elsewhere in the edition,
 *   are never taken; a sentence stating a figure a chosen one states is a
 *   restated fact (SHARED_FIGURE_REDUNDANCY); another report's lede that says
 *   nothing new is left out (isRestatement), and so is another report's
 *   different toll (casualtiesOf).
 * - A sentence that leans on an earlier one ("He said…", "But…") is taken only
 *   when one of the two sentences before it in its article is already in (for
 *   an unattributed quotation: the one just before, its speaker); otherwise its
 *   antecedent (the sentence before it) is taken with it when that fits, or it
 *   waits until one is. A speaker given by surname alone ("…,” Andrade said.")
 *   likewise needs the sentence that named them in full.
 * - The budget is "about N words": a sentence that overshoots is taken only if
 *   it lands nearer the budget than stopping would, and shorter sentences are
 *   tried before giving up.
 * - Reading order: by article (lead article first, then by date), then by
 *   position in the article — the way the sources told it; a summary opens on
 *   a statement rather than a quotation or a question when it can.
 */
import type { Ranked } from './rank.ts';
import { cosine, isNearCopy, NearCopyIndex } from './terms.ts';
import { maxOf } from '../common/arrays.ts';
import { tokenize } from '../common/text.ts';
import { MONTHS, WEEKDAYS } from '../common/text-dates.ts';

/** Importance vs novelty: 0.6 leans on importance but lets a new fact beat a close paraphrase of a chosen one. */
export const DEFAULT_LAMBDA = 0.6;

/**
 * The least redundancy of a sentence that states a figure a chosen sentence
 * states ("about 1,400 residents … were ordered to leave" / "the order affects
 * about 1,400 people"): reports of one event reword a fact but keep its number,
 * so a shared figure is a restated fact even where few words are shared.
 */
export const SHARED_FIGURE_REDUNDANCY = 0.5;

/**
 * How much of another report's opening sentence the summary must already say for it to be a restatement
 * of the story's news: reports of one event each open on the same fact in their own words ("An elderly man
 * has died in a house fire in the Harehills area of Leeds." after "An 84-year-old man has died after a fire
 * at a terraced house in Harehills, Leeds, …"). Reworded, the two share too few words for the similarity
 * measure (cosine ~0.3), and every source's lede was taken (`isRestatement`).
 */
export const RESTATED_TERMS = 0.6;
/**
 * The same, for a lede that states a figure the summary states (with no name or figure it does not): "The
 * consolidation of Europe's wind industry took another step on Tuesday when Vestamar announced a $1,200
 * million cash offer for Hochwind, the loss-making German turbine builder." after "Vestamar has agreed to
 * buy German rival Hochwind in a $1.2bn deal …" shares a third of its terms.
 */
export const RESTATED_TERMS_WITH_FIGURE = 0.3;

/**
 * The figures a sentence states, as written without separators ("1,400" → "1400", "3.10%" and
 * "3.1 per cent" → "3.1%", "€412" → "412"), an amount with its magnitude as its value ("$1.2bn",
 * "1.2 billion dollars" and "$1,200 million" → "1200000000"): numbers of two digits or more, or of
 * one after a currency sign ("£8") or before a magnitude ("3 million"), that are not a year
 * (1900–2099), the part of a date or count most often shared by unrelated facts.
 */
export function figuresOf(text: string): Set<string> {
  const figures = new Set<string>();
  for (const match of text.matchAll(FIGURE)) {
    const whole = match[2]!.replace(/,/g, '');
    const decimals = match[3]?.replace(/0+$/, '');
    const magnitude = match[5] ? MAGNITUDES[match[5].toLowerCase()] : undefined;
    if (magnitude) {
      figures.add(String(Math.round(Number(`${whole}.${decimals || 0}`) * magnitude)));
      continue;
    }
    const figure = whole + (decimals ? `.${decimals}` : '') + (match[4] ? '%' : '');
    if (figure.replace(/\D/g, '').length < 2 && !match[1]) continue;
    if (!match[3] && !match[4] && /^(?:19|20)\d\d$/.test(whole)) continue;
    figures.add(figure);
  }
  return figures;
}

/** The kinds of casualty count a report states, by the words that state them. */
type Casualty = 'dead' | 'injured' | 'missing';

/** The kind each word the patterns below capture counts (a toll without one counts the dead). */
const CASUALTY_KIND: ReadonlyMap<string, Casualty> = new Map([
  ...['killed', 'dead', 'died', 'deaths', 'killing'].map((word) => [word, 'dead'] as const),
  ...['injured', 'wounded', 'hurt', 'injuring', 'wounding'].map((word) => [word, 'injured'] as const),
  ['missing', 'missing'],
]);

/** A count: digits with thousands commas (no decimals: a magnitude 6.6 is no casualty count), after an optional "at least". */
const COUNT = String.raw`(?:at least |about |around |more than |over |nearly |almost |some |up to )?(\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]\d)`;

/**
 * Where a count of casualties stands: "57 dead", "12 people were killed", "more than 300 people were injured"
 * (a count, up to three words, a verb, the word); "killing at least 12", "injuring 40" (the word, then the
 * count); "the death toll rose to 57", "the number of people killed … has risen to 57" (the count, and its word
 * up to 80 characters before it).
 */
const CASUALTY_COUNTS: ReadonlyArray<{ pattern: RegExp; count: number; word: number }> = [
  { pattern: new RegExp(String.raw`\b${COUNT}(?:\s+[\p{L}-]+){0,3}?\s+(?:(?:were|was|are|have been|had been|been|now|confirmed)\s+)*(killed|dead|died|injured|wounded|hurt|missing)\b`, 'giu'), count: 1, word: 2 },
  { pattern: new RegExp(String.raw`\b(killing|killed|injuring|injured|wounding|wounded)\s+${COUNT}\b`, 'giu'), count: 2, word: 1 },
  {
    pattern: new RegExp(String.raw`\b(?:death toll|toll(?=\s+(?:has\s+|had\s+)?(?:rose|rises|risen|climbed|climbs|jumped|jumps|stands|stood|reached|reaches|hit|hits)\b)|number of (?:people |those )?(killed|dead|deaths|injured|missing))\b[^.;:]{0,80}?\b(?:to|at|of|reached|hit|passed|is|was)\s+${COUNT}\b`, 'giu'),
    count: 2,
    word: 1,
  },
];

/**
 * The casualty counts a sentence states, by kind ("has risen to 57" after "the number of people killed":
 * dead 57). Two reports of one disaster written hours apart give different tolls; a summary that states
 * both ("has risen to 57", "killing at least 12") says two things as facts, one of them stale. A year is
 * no count ("the 2021 fire killed 85 people": dead 85).
 */
export function casualtiesOf(text: string): Map<Casualty, Set<number>> {
  const counts = new Map<Casualty, Set<number>>();
  // Most sentences count no one: one scan for the words before the three patterns.
  if (!CASUALTY_HINT.test(text)) return counts;
  for (const { pattern, count, word } of CASUALTY_COUNTS) {
    for (const m of text.matchAll(pattern)) {
      const value = m[count]!.replace(/,/g, '');
      if (/^(?:19|20)\d\d$/.test(value)) continue;
      const kind = m[word] === undefined ? 'dead' : CASUALTY_KIND.get(m[word].toLowerCase());
      if (!kind) continue;
      const set = counts.get(kind) ?? new Set();
      set.add(Number(value));
      counts.set(kind, set);
    }
  }
  return counts;
}

/** A word every casualty count has. */
const CASUALTY_HINT = /kill|dead|died|death|injur|wound|hurt|missing|toll/i;

/** Whether two sentences give different counts of one kind of casualty (and none in common). */
function conflictingCounts(a: ReadonlyMap<Casualty, ReadonlySet<number>>, b: ReadonlyMap<Casualty, ReadonlySet<number>>): boolean {
  for (const [kind, counts] of a) {
    const other = b.get(kind);
    if (other && ![...counts].some((count) => other.has(count))) return true;
  }
  return false;
}

/** What a word or abbreviation after a number multiplies it by ("£2bn", "1.2 million", "30k"). */
const MAGNITUDES: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
  tn: 1e12,
  trillion: 1e12,
};

/** A number: currency sign, digits with thousands commas, decimals, then a per cent or a magnitude. */
const FIGURE = new RegExp(
  String.raw`(?<![\p{L}\d.,])(\p{Sc}\s?)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:(\s?%| per ?cent)|\s?(${Object.keys(MAGNITUDES).join('|')})\b)?(?![\p{L}\d])`,
  'giu',
);

export interface SelectOptions {
  words: number;
  /** λ of MMR: 1 = importance only, 0 = novelty only. */
  lambda?: number;
  /** Term sets of sentences already used in the edition: never repeat them (nor near-copies). */
  exclude?: ReadonlyArray<ReadonlySet<string>>;
  /** Sentences left out from the start (`oldNews`: what the story's earlier reports said). */
  skip?: ReadonlySet<Ranked>;
}

export function selectSentences(ranked: Ranked[], options: SelectOptions): Ranked[] {
  const lambda = options.lambda ?? DEFAULT_LAMBDA;
  const exclude = options.exclude ?? [];
  const maxScore = Math.max(0, ...ranked.map((r) => r.score)) || 1;
  // Sentences already used in the edition (or near-copies of them) are out from the start.
  const blocked = new Set<Ranked>(ranked.filter((r) => !r.candidate.usable || options.skip?.has(r)));
  const excluded = nearCopiesOf(exclude, ranked.filter((r) => r.candidate.usable));
  for (const r of excluded) blocked.add(r);
  const available = ranked.filter((r) => !blocked.has(r));
  const byPlace = new Map(ranked.map((r) => [`${r.candidate.articleId}\u0000${r.candidate.index}`, r]));
  const chosen: Ranked[] = [];
  const taken = new Set<Ranked>();
  let words = 0;
  // Each sentence's greatest similarity to the chosen ones, brought up to date as each is chosen (a max: the same number however it is gathered).
  const redundancyOf = new Map<Ranked, number>(ranked.map((r) => [r, 0]));
  const figures = new Map<Ranked, Set<string>>(ranked.map((r) => [r, figuresOf(r.candidate.text)]));
  const said: Said = { words: new Set(), terms: new Set(), figures: new Set() };
  // Asked only of sentences from two articles as each is chosen: found on first use.
  const casualties = new Map<Ranked, Map<Casualty, Set<number>>>();
  const casualtiesIn = (r: Ranked) => {
    let counts = casualties.get(r);
    if (!counts) casualties.set(r, (counts = casualtiesOf(r.candidate.text)));
    return counts;
  };
  const sharesFigure = (a: Ranked, b: Ranked): boolean => {
    const other = figures.get(b)!;
    for (const figure of figures.get(a)!) if (other.has(figure)) return true;
    return false;
  };

  // The antecedent must be close: the sentence just before (a quote's speaker), or one of the two before (a pronoun's
  // referent) — the one two before only when the sentence between names no one: "It counted 342 injured" after a
  // skipped "The civil defence agency INDECI said …" refers to the agency, not to the sentence before that.
  const hasAntecedent = (item: Ranked): boolean => {
    const { articleId, index } = item.candidate;
    const between = byPlace.get(`${articleId}\u0000${index - 1}`);
    const reach = item.candidate.dependency === 'attribution' || (between !== undefined && namesSomeone(between.candidate.text)) ? 1 : 2;
    return chosen.some((c) => c.candidate.articleId === articleId && c.candidate.index < index && c.candidate.index >= index - reach);
  };
  // Introduced: a chosen sentence of its article, or of an article read before it, names the speaker in full.
  const isIntroduced = (item: Ranked): boolean =>
    chosen.some(
      (c) =>
        (c.candidate.articleId === item.candidate.articleId ? c.candidate.index < item.candidate.index : c.candidate.articleOrder < item.candidate.articleOrder) &&
        c.candidate.text.includes(item.candidate.introduction!.name),
    );
  // Near-copies of a chosen sentence are blocked once, when it is chosen.
  const choose = (item: Ranked): void => {
    chosen.push(item);
    taken.add(item);
    words += item.candidate.words;
    for (const word of tokenize(item.candidate.text)) said.words.add(possessiveless(word));
    for (const term of item.candidate.termSet) said.terms.add(term);
    for (const figure of figures.get(item)!) said.figures.add(figure);
    for (const other of available) {
      if (taken.has(other) || blocked.has(other)) continue;
      let s = cosine(other.vector, item.vector);
      if (s < SHARED_FIGURE_REDUNDANCY && sharesFigure(other, item)) s = SHARED_FIGURE_REDUNDANCY;
      if (s > redundancyOf.get(other)!) redundancyOf.set(other, s);
    }
    for (const other of available) {
      if (blocked.has(other) || taken.has(other)) continue;
      if (isNearCopy(item.candidate.termSet, other.candidate.termSet) || isRestatement(other, figures.get(other)!, said)) blocked.add(other);
      // Another report's different toll: the summary states one (the first taken: the lead's, where it gives one).
      else if (other.candidate.articleId !== item.candidate.articleId && conflictingCounts(casualtiesIn(other), casualtiesIn(item))) blocked.add(other);
    }
  };

  // The lead article's lede opens the pick: the story is told from the lead, and a lede is written to stand alone.
  const lede = available.find((r) => r.candidate.articleOrder === 0 && r.candidate.position === 0 && !r.candidate.dependency && !blocked.has(r));
  if (lede) choose(lede);
  for (;;) {
    const remaining = options.words - words;
    let best: { items: Ranked[]; value: number } | null = null;
    for (const item of available) {
      if (taken.has(item) || blocked.has(item)) continue;
      let items = [item];
      if (item.candidate.dependency && !hasAntecedent(item)) {
        // Bring the sentence before it, when that one can stand in a summary and needs nothing itself.
        const before = byPlace.get(`${item.candidate.articleId}\u0000${item.candidate.index - 1}`);
        if (!before || taken.has(before) || blocked.has(before) || before.candidate.dependency) continue;
        if (isNearCopy(before.candidate.termSet, item.candidate.termSet)) continue;
        items = [before, item];
      }
      // A speaker given by surname alone needs the sentence that introduced them.
      const introduction = item.candidate.introduction;
      if (introduction && !isIntroduced(item)) {
        const intro = byPlace.get(`${item.candidate.articleId}\u0000${introduction.index}`);
        if (!intro || taken.has(intro) || blocked.has(intro) || intro.candidate.dependency || intro.candidate.introduction) continue;
        if (!items.includes(intro)) items = [intro, ...items];
      }
      const cost = items.reduce((sum, r) => sum + r.candidate.words, 0);
      // Overshooting is allowed only when it lands nearer the budget than stopping here (or for the first sentence).
      if (chosen.length > 0 && cost > remaining && cost - remaining >= remaining) continue;
      const relevance = items.reduce((sum, r) => sum + r.score, 0) / items.length / maxScore;
      const redundancy = maxOf(items.map((r) => redundancyOf.get(r)!));
      const value = lambda * relevance - (1 - lambda) * redundancy;
      if (!best || value > best.value + 1e-12) best = { items, value };
    }
    if (!best) break;
    for (const item of best.items) choose(item);
    if (words >= options.words) break;
  }
  return inReadingOrder(chosen);
}

/** What the chosen sentences say: their words (lower case, possessives dropped), terms and figures. */
interface Said {
  words: Set<string>;
  terms: Set<string>;
  figures: Set<string>;
}

/**
 * Another report's lede that says nothing the summary has not: every name in it (a capitalised word past
 * the first, other than a day or a month) and every figure it states is already said, and at least
 * RESTATED_TERMS of its terms are. Only the opening sentence of an article after the lead's: a report's
 * lede restates the news its story is about, while a later sentence with a familiar name and familiar words
 * often adds the one detail that matters ("Firefighters rescued the man, but paramedics could not save him").
 */
export function isRestatement(item: Ranked, figures: ReadonlySet<string>, said: Said): boolean {
  const { candidate } = item;
  if (candidate.articleOrder === 0 || candidate.position !== 0 || candidate.termSet.size === 0) return false;
  for (const figure of figures) if (!said.figures.has(figure)) return false;
  for (const name of namesIn(candidate.text)) if (!said.words.has(name)) return false;
  let known = 0;
  for (const term of candidate.termSet) if (said.terms.has(term)) known++;
  // The same figure with the same names is the same fact, however differently the rest is worded.
  return known / candidate.termSet.size >= (figures.size > 0 ? RESTATED_TERMS_WITH_FIGURE : RESTATED_TERMS);
}

/**
 * What the reports of a story's earlier days said, for the part of it a later day's edition carries
 * (day-parts.ts): a follow-up report retells the news the first day's edition gave ("A large fire at
 * the Brenton Logistics warehouse on Mill Lane forced the evacuation of about 200 homes on Wednesday
 * night.") before or after its own ("Residents were allowed to return on Thursday …"), and the later
 * summary should say what is new. Kept: each earlier sentence's text, and its terms indexed by term;
 * its specifics (`specificsOf`) and the names they state are found when first needed.
 */
export class EarlierReports {
  private readonly texts: string[] = [];
  private readonly terms = new NearCopyIndex();
  /** Found on first use: most sentences share too few terms with any earlier one to need them. */
  private readonly specifics: (Set<string> | undefined)[] = [];
  private names: Set<string> | undefined;

  constructor(sentences: Iterable<{ text: string; termSet: ReadonlySet<string> }>) {
    for (const { text, termSet } of sentences) {
      this.texts.push(text);
      this.terms.add(termSet);
    }
  }

  /**
   * Whether a sentence only retells them: every name in it is theirs, and one of their sentences states
   * each of its specifics and holds RETOLD_TERMS of its terms (RESTATED_TERMS when it has specifics: the
   * same figure on the same day is the same fact). One sentence, not all of them together: the day's own
   * news is told in the story's words ("Residents evacuated from about 200 homes in Oakley were allowed
   * to return …" shares 60 % of its terms with the earlier reports together, under half with any one of
   * their sentences). A specific of its own makes it news: another day ("remained suspended on
   * Wednesday, a day after …" told on Tuesday's), another figure (a market report's "the DAX lost 0.4%"
   * beside the day before's "gained 0.9%"), "Tomorrow: …" beside "Today …". Short sentences are never
   * taken for retold: a few shared words ("Anita Brandt said …") are the story's, not its news.
   */
  retold(text: string, terms: ReadonlySet<string>): boolean {
    if (terms.size < MIN_RETOLD_TERMS) return false;
    const own = specificsOf(text);
    const needed = own.size > 0 ? RESTATED_TERMS : RETOLD_TERMS;
    const held = this.terms.someSharing(terms, (k, shared) => {
      if (shared / terms.size < needed) return false;
      const theirs = (this.specifics[k] ??= specificsOf(this.texts[k]!));
      for (const specific of own) if (!theirs.has(specific)) return false;
      return true;
    });
    if (!held) return false;
    this.names ??= new Set(this.texts.flatMap((t) => tokenize(t).map(possessiveless)));
    for (const name of namesIn(text)) if (!this.names.has(name)) return false;
    return true;
  }
}

/** The share of a sentence's terms one earlier sentence must hold for it to be retold, when it states no specific. */
export const RETOLD_TERMS = 0.75;
/** Fewer terms than this, and a sentence is not taken for retold (`EarlierReports.retold`). */
const MIN_RETOLD_TERMS = 5;

/** When a sentence's facts happened and how many: its numbers as written (years too), days, months, "today", "tomorrow". */
function specificsOf(text: string): Set<string> {
  const specifics = new Set<string>();
  for (const match of text.matchAll(/\d+(?:[.,]\d+)*/g)) specifics.add(match[0].replace(/,/g, ''));
  for (const word of tokenize(text)) if (WHEN_WORDS.has(word)) specifics.add(word);
  return specifics;
}

const WHEN_WORDS = new Set([...WEEKDAYS, ...MONTHS, 'today', 'tonight', 'tomorrow', 'yesterday']);

/**
 * The sentences selection could take that retell the story's earlier reports (`EarlierReports`), to be
 * left out; none when they are all it could take: a report run again on a later day is better summarised
 * by what it says than not at all.
 */
export function oldNews(ranked: readonly Ranked[], earlier: EarlierReports): Set<Ranked> {
  const usable = ranked.filter((r) => r.candidate.usable);
  const old = new Set(usable.filter((r) => earlier.retold(r.candidate.text, r.candidate.termSet)));
  return old.size < usable.length ? old : new Set();
}

/** The capitalised words of a sentence past its first, lower case and without a possessive, days and months left out. */
function namesIn(text: string): string[] {
  const names: string[] = [];
  for (const match of text.replace(/^\S+/, '').matchAll(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}]*(?:['’]\p{L}+)*/gu)) {
    const name = possessiveless(match[0].toLowerCase());
    if (!CALENDAR_WORDS.has(name)) names.push(name);
  }
  return names;
}

/** Days and months: a report's "on Tuesday" where another says "last night" is no new fact worth a sentence. */
const CALENDAR_WORDS = new Set([...WEEKDAYS, ...MONTHS]);

function possessiveless(word: string): string {
  return word.replace(/['’]s$/, '');
}

/**
 * A capitalised word past a sentence's first: a name (of a person, an organisation or a place) a pronoun
 * after it could mean. Acronyms count ("INDECI"), unlike clean's test of a report naming someone
 * (furniture/reporting.ts), which asks whether a paragraph is about others, not what "it" refers to.
 */
function namesSomeone(text: string): boolean {
  return /(?<=\s)\p{Lu}\p{L}/u.test(text.replace(/^\S+/, ''));
}

/** The items that are near-copies of any of `sets` (through an index, so only sets sharing a term are compared). */
function nearCopiesOf(sets: ReadonlyArray<ReadonlySet<string>>, items: Ranked[]): Ranked[] {
  const excluded = new Set(excludedSentences(sets, items.map((item) => item.candidate.termSet)));
  return items.filter((_, i) => excluded.has(i));
}

/**
 * Which of `candidates` (term sets, by index, ascending) are near-copies of
 * any of `used`: all that the sentences used elsewhere in the edition change
 * in a selection. The story cache compares these to reuse a decision.
 */
export function excludedSentences(used: ReadonlyArray<ReadonlySet<string>>, candidates: ReadonlyArray<ReadonlySet<string>>): number[] {
  if (used.length === 0) return [];
  const index = new NearCopyIndex();
  for (const set of used) index.add(set);
  const excluded: number[] = [];
  candidates.forEach((set, i) => {
    if (index.hasNearCopyOf(set)) excluded.push(i);
  });
  return excluded;
}

/**
 * Reading order: article by article (story order), each in its own order. A
 * summary should open on a statement of the news, so when the first article's
 * part would open with a quotation or a question, the first article whose part
 * opens with a plain statement goes first instead (the others keep their order).
 * Likewise when the first article's part opens mid-article ("The sheriff said
 * the order affects about 1,400 people") while another article's part opens
 * with that article's lede: news is written so that its first sentence can
 * stand alone, and a later one often leans on it.
 */
export function inReadingOrder(items: Ranked[]): Ranked[] {
  const sorted = [...items].sort((a, b) => a.candidate.articleOrder - b.candidate.articleOrder || a.candidate.index - b.candidate.index);
  const opensBadly = (r: Ranked): boolean => /^[“"‘']/.test(r.candidate.text) || /\?["”’']?$/.test(r.candidate.text);
  const first = sorted[0];
  if (!first) return sorted;
  // Each other article's opening item: the first of its part.
  const openings = sorted.filter(
    (r, i) => i > 0 && r.candidate.articleOrder !== first.candidate.articleOrder && !opensBadly(r) && !sorted.some((o) => o.candidate.articleOrder === r.candidate.articleOrder && o.candidate.index < r.candidate.index),
  );
  const better = opensBadly(first)
    ? (openings.find((r) => r.candidate.position === 0) ?? openings[0])
    : first.candidate.position > 0
      ? openings.find((r) => r.candidate.position === 0)
      : undefined;
  if (!better) return sorted;
  const article = better.candidate.articleOrder;
  return [...sorted.filter((r) => r.candidate.articleOrder === article), ...sorted.filter((r) => r.candidate.articleOrder !== article)];
}
