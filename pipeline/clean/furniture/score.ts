import { contentWords } from '../../common/text.ts';
import { letterCount, quotedShare, upperCount, withoutQuotes } from '../text/structure.ts';
import { wordCount } from '../../common/text.ts';
import { LiteralScanner, requiredLiterals } from './needles.ts';
import { readsAsReporting } from './reporting.ts';
import { CUES, FIRST_PERSON_PLURAL, IMPERATIVE_START, PICTURE_AGENCIES, PLATFORM_NAMES, SECOND_PERSON, type FurnitureCategory } from './lexicon.ts';

/**
 * One piece of evidence about a paragraph.
 * - `evidence`: what the paragraph says (cues, voice) — furniture-ness on its own;
 * - `context`: where it is and how it relates to the article (start/end, no shared
 *   words, repeated in other articles) — counts only when there is evidence too,
 *   because position alone says nothing about a paragraph;
 * - `counter`: evidence that it is article text (shares many words with the story).
 */
export interface Signal {
  kind: 'evidence' | 'context' | 'counter';
  name: string;
  weight: number;
  label: string;
  category?: FurnitureCategory;
  /** The words that triggered it, for the reason shown to editors. */
  evidence?: string;
}

/**
 * The cues with global flags, compiled once (matchAll needs `g`), and the literals one of
 * which any match contains (`needles.ts`): a cue whose literals are absent is not run.
 */
const GLOBAL_CUES = CUES.map((cue) => ({
  ...cue,
  global: new RegExp(cue.pattern.source, cue.pattern.flags.includes('g') ? cue.pattern.flags : `${cue.pattern.flags}g`),
}));
const CUE_LITERALS = new LiteralScanner(CUES.map((cue) => requiredLiterals(cue.pattern)));

/** Long paragraphs collect stray cues by chance; damp their evidence by √(reference/words). */
const DAMPING_WORDS = 50;

/**
 * What a paragraph's own words say about it: cues from the lexicon, second-
 * person marketing, the outlet's "we" or its name (`outlet`, when known),
 * imperative openings, shouting, share-bar platform lists, credit lines.
 * Weights are damped for long paragraphs.
 */
export function textEvidence(text: string, outlet: string | null = null): Signal[] {
  const voice = ownVoice(text);
  const words = Math.max(1, wordCount(voice));
  const damping = Math.min(1, Math.sqrt(DAMPING_WORDS / words));
  const signals: Signal[] = [];
  const add = (signal: Omit<Signal, 'kind'>) => signals.push({ kind: 'evidence', ...signal, weight: round(signal.weight * damping) });

  // Most cues match nothing: look for their literals (one pass for all cues), run only the cues
  // whose literals are there, and collect matches only for the few that match.
  const inText = CUE_LITERALS.scan(text.toLowerCase());
  const inVoice = voice === text ? inText : CUE_LITERALS.scan(voice.toLowerCase());
  let strongestCue = 0;
  for (let i = 0; i < GLOBAL_CUES.length; i++) {
    const cue = GLOBAL_CUES[i]!;
    if (!(cue.whole ? inText : inVoice)[i]) continue;
    const subject = cue.whole ? text : voice;
    if (!cue.pattern.test(subject)) continue;
    const matches = [...subject.matchAll(cue.global)].map((m) => m[0]);
    if (matches.length === 0) continue;
    strongestCue = Math.max(strongestCue, cue.weight);
    // A second occurrence adds half again: repetition of a pitch within a paragraph is itself a pitch.
    add({ name: 'cue', label: cue.label, category: cue.category, weight: cue.weight * (matches.length > 1 ? 1.5 : 1), evidence: matches[0]!.trim() });
  }

  const you = voice.match(SECOND_PERSON) ?? [];
  if (you.length > 0) add({ name: 'second-person', label: 'talks to the reader', weight: Math.min(2, 0.6 * you.length), evidence: you[0] });
  const we = voice.match(FIRST_PERSON_PLURAL) ?? [];
  if (we.length > 0) add({ name: 'first-person-plural', label: 'the outlet talks about itself', weight: Math.min(1.5, 0.5 * we.length), evidence: we[0] });

  // Sentence starts by a cheap split (the full splitter's care with abbreviations does not matter for openings).
  const imperatives = voice
    .split(/(?<=[.!?:…])\s+|\n/)
    .map((s) => IMPERATIVE_START.exec(s.replace(/^[^\p{L}]+/u, ''))?.[0])
    .filter((m): m is string => Boolean(m));
  if (imperatives.length > 0) add({ name: 'imperative', label: 'call to action', weight: Math.min(2, imperatives.length), evidence: imperatives[0] });

  // The outlet naming itself in its own voice ("Follow the Courier on…", "The Courier is trusted by…").
  // Weak on its own: news also says "a source told the Courier".
  if (outlet && outlet.trim().length >= 4 && voice.toLowerCase().includes(outlet.trim().toLowerCase().replace(/^the /, ''))) {
    add({ name: 'own-outlet', label: 'names its own outlet', weight: 1, evidence: outlet.trim() });
  }

  if (voice.includes('!')) add({ name: 'exclamation', label: 'exclamation', weight: 0.5 });

  // Three words at least: a capitalised two-word dateline ("BAAR, SWITZERLAND") or name is not shouting.
  // (Letters are only counted for short lines: counting every paragraph's letters was a large share of the stage.)
  if (words >= 3 && words <= 12) {
    const letters = letterCount(voice);
    if (letters >= 6 && upperCount(voice) / letters > 0.8) add({ name: 'shouting', label: 'shouted in capitals', weight: 1.5, evidence: voice.trim() });
  }

  if (words <= 15) {
    const platforms = new Set((text.match(PLATFORM_NAMES) ?? []).map((p) => p.toLowerCase()));
    if (platforms.size >= 3) add({ name: 'platform-list', label: 'list of sharing platforms', category: 'share', weight: 3, evidence: [...platforms].join(', ') });
  }

  // An agency name in a short line that is not a sentence is a picture credit ("Jane Doe / Getty Images").
  const agency = PICTURE_AGENCIES.exec(text)?.[0];
  if (agency && wordCount(text) <= 25 && (/[/|©]/.test(text) || /^\(.*\)$/.test(text.trim()) || !/[.!?]["'”’)]*$/.test(text.trim()))) {
    add({ name: 'agency-credit', label: 'picture agency credit', category: 'credit', weight: 2.5, evidence: agency });
  }

  // A report that only uses furniture's topical words (a story about subscribers, sign-ups,
  // advertising) is the story: nothing addresses the reader and no cue is a call, a label or a credit.
  // It offsets those words, never more (repetition across articles, say, is other evidence).
  const cueWeight = signals.filter((s) => s.name === 'cue').reduce((sum, s) => sum + s.weight, 0);
  const addressesReader = signals.some((s) => ADDRESS.has(s.name));
  if (cueWeight > 0 && !addressesReader && strongestCue < STRONG_CUE && readsAsReporting(voice)) {
    signals.push({ ...REPORTING, weight: -round(Math.min(cueWeight, MAX_REPORTING)) });
  }
  return signals;
}

/** Signals of a paragraph talking to the reader (or shouting at them): furniture's voice, never a report's. */
const ADDRESS = new Set(['second-person', 'first-person-plural', 'imperative', 'exclamation', 'shouting', 'own-outlet']);
/** Cues this strong are calls, labels, credits or notices — a report does not explain them away. */
const STRONG_CUE = 2;
/** At most as strong as quoted speech: reported speech and figures are the article's material too. */
const MAX_REPORTING = 1.5;
const REPORTING: Signal = { kind: 'counter', name: 'reporting', label: 'reads as a news report (third person, attributed or figures)', weight: -MAX_REPORTING };

/** Whether the paragraph's own words read as a news report (see `reporting.ts`). */
export function isReporting(signals: Signal[]): boolean {
  return signals.some((s) => s.name === REPORTING.name);
}

/**
 * An interview's turn ("Q: How did you start?", "A: Donations, mostly."): the interviewer and
 * the interviewee talking to each other — their "you", "we" and "join" are not the outlet's to
 * the reader. Upper-case letter and a colon only: "A. J. Smith said" is a name.
 */
const INTERVIEW_TURN = /^\s*[QA]\s*:\s*\S/;

/**
 * A pitch quoted without quotation marks, then who made it: "Sign up to get the news in your inbox: that is
 * the promise of Ashford Today, …", "Subscribe or lose access: that was the message from the paper …". The
 * words before the colon are mentioned, as in a quotation, not said to the reader.
 */
const MENTIONED_PITCH = /^[^:]{3,200}:\s+(?=(?:that|this|such)\s+(?:is|was|['’]s|has been|had been|will be)\s+(?:the|their|its|his|her)\s+(?:[\w-]+\s+)?(?:promise|pitch|message|offer|idea|premise|invitation|slogan|question|plea|call|warning|pledge|tagline|motto|appeal|advice|demand|choice)\b)/i;

/** What the paragraph says in its own (the outlet's) voice: quoted speech, a mentioned pitch and interview turns set aside. */
function ownVoice(text: string): string {
  return INTERVIEW_TURN.test(text) ? '' : withoutQuotes(text.replace(MENTIONED_PITCH, ''));
}

/** The words a paragraph shares with the rest of its article. */
export interface ArticleVocabulary {
  /** Content word → number of the story's paragraphs using it. */
  paragraphsUsing: Map<string, number>;
  /** Whether a paragraph is one of those counted. */
  includes(text: string): boolean;
}

/** `words`: each text's content words when the caller has them already (tokenising is a large share of the stage). */
export function articleVocabulary(texts: string[], words: string[][] = texts.map((text) => contentWords(text))): ArticleVocabulary {
  const paragraphsUsing = new Map<string, number>();
  for (const list of words) for (const word of new Set(list)) paragraphsUsing.set(word, (paragraphsUsing.get(word) ?? 0) + 1);
  const counted = new Set(texts);
  return { paragraphsUsing, includes: (text) => counted.has(text) };
}

/**
 * Context signals: position at the start or end of the article (where banners
 * and sign-up boxes sit) and lexical connection to the rest of the article.
 * Furniture is about the outlet, not the story, so it shares few words with it.
 * `reporting`: the paragraph reads as a news report (`isReporting`), so sharing few
 * words is no sign of furniture. `title`: the paragraph is the heading the article opens with.
 */
export function contextSignals(
  text: string,
  index: number,
  count: number,
  vocabulary: ArticleVocabulary,
  ownWords: string[] = contentWords(text),
  reporting = false,
  title = false,
): Signal[] {
  const own = new Set(ownWords);
  const signals: Signal[] = [];
  if (count > 1 && (index === 0 || index === count - 1)) {
    signals.push({ kind: 'context', name: 'edge', label: index === 0 ? 'at the start of the article' : 'at the end of the article', weight: 1 });
  } else if (count > 4 && (index === 1 || index === count - 2)) {
    signals.push({ kind: 'context', name: 'edge', label: index === 1 ? 'near the start of the article' : 'near the end of the article', weight: 0.5 });
  }
  const words = [...own];
  // With fewer than four paragraphs there is too little story to compare against.
  if (words.length >= 6 && count > 3) {
    // Used by another paragraph of the story (the vocabulary may or may not include this one).
    const shared = words.filter((w) => (vocabulary.paragraphsUsing.get(w) ?? 0) > (vocabulary.includes(text) ? 1 : 0)).length / words.length;
    // A report's few shared words say nothing: a lede or a new turn of the story brings new names and figures.
    const unconnectedCounts = !reporting;
    if (unconnectedCounts && shared < 0.15) signals.push({ kind: 'context', name: 'unconnected', label: `shares almost no words with the story (${Math.round(shared * 100)}%)`, weight: 1.5 });
    else if (unconnectedCounts && shared < 0.3) signals.push({ kind: 'context', name: 'unconnected', label: `shares few words with the story (${Math.round(shared * 100)}%)`, weight: 0.75 });
    // The heading an article opens with that shares most of its words with the story is its title — a headline
    // about a newsletter or a subscription ("Gazette launches free newsletter as print edition goes weekly") too.
    else if (shared >= 0.5 && title) signals.push({ kind: 'counter', name: 'connected', label: `the article's title, about its story (${Math.round(shared * 100)}% of its words)`, weight: -2 });
    else if (shared >= 0.5) signals.push({ kind: 'counter', name: 'connected', label: `shares most of its words with the story (${Math.round(shared * 100)}%)`, weight: -1 });
  }
  // Quoted speech is the article's material, never the outlet's furniture.
  const quoted = INTERVIEW_TURN.test(text) ? 1 : quotedShare(text);
  if (quoted >= 0.6) signals.push({ kind: 'counter', name: 'quoted', label: 'mostly quoted speech', weight: -1.5 });
  return signals;
}

/**
 * A counter for cues that are the story's topic: a paragraph that does not address the reader, whose cues
 * are weak (topical words, not calls, labels or credits) and whose cue words the story's other paragraphs
 * use too (`TOPICAL_PARAGRAPHS` of them). A story about a paper's new paywall ends on "… will charge £6.99 a
 * month for digital access. Print subscribers will get online access at no extra cost. Readers will be able
 * to read three articles a month for free if they register with an email address." — no attribution, name
 * or past tense for `readsAsReporting`, and at the article's end, where sign-up boxes sit. Its "free" and
 * "subscribers" are the story's words; a sign-up box's are not. Offsets exactly those cues' weight: what
 * else the paragraph says (an email address asked for, its place at the end) still counts.
 */
export function topicalSignals(evidence: Signal[], text: string, paragraphs: number, vocabulary: ArticleVocabulary): Signal[] {
  if (paragraphs <= 3 || evidence.some((s) => ADDRESS.has(s.name) || s.name === REPORTING.name)) return [];
  const cues = evidence.filter((s) => s.name === 'cue');
  if (cues.length === 0 || cues.some((s) => s.weight >= STRONG_CUE)) return [];
  const self = vocabulary.includes(text) ? 1 : 0;
  const topical = cues.filter((s) => {
    const words = contentWords(s.evidence ?? '');
    return words.length > 0 && words.every((w) => (vocabulary.paragraphsUsing.get(w) ?? 0) - self >= TOPICAL_PARAGRAPHS);
  });
  if (topical.length === 0) return [];
  const weight = topical.reduce((sum, s) => sum + s.weight, 0);
  return [{ kind: 'counter', name: 'topical', label: `the story's own topic (${topical.map((s) => `“${clip(s.evidence!, 20)}”`).join(', ')})`, weight: -round(weight) }];
}

/** Other paragraphs of the story that must use a cue's words for them to be its topic. */
const TOPICAL_PARAGRAPHS = 2;

/**
 * The paragraph's own evidence: specific evidence, plus the voice (the reader
 * addressed, the outlet's "we") up to as much again — the voice amplifies a
 * pitch but is no pitch itself: bloggers, columnists and advisers say "you" and
 * "we" all the time.
 */
export function evidenceWeight(signals: Signal[]): number {
  const specific = specificEvidence(signals);
  const voice = signals.filter((s) => s.kind === 'evidence' && VOICE.has(s.name)).reduce((sum, s) => sum + s.weight, 0);
  return specific + Math.min(voice, Math.max(0, specific));
}

/** The reader addressed, the outlet's "we", an exclamation: marketing's voice, but also a columnist's or an adviser's. */
const VOICE = new Set(['second-person', 'first-person-plural', 'exclamation']);

/** Evidence beyond the voice: cues, calls to action, credits, repetition. */
export function specificEvidence(signals: Signal[]): number {
  return signals.filter((s) => s.kind === 'evidence' && !VOICE.has(s.name)).reduce((sum, s) => sum + s.weight, 0);
}

/**
 * Total score: evidence, plus context in proportion to the evidence, plus counter-
 * evidence. `extra` are collection-level signals (repetition across articles).
 */
export function totalScore(signals: Signal[]): number {
  const evidence = evidenceWeight(signals);
  const context = signals.filter((s) => s.kind === 'context').reduce((sum, s) => sum + s.weight, 0);
  const counter = signals.filter((s) => s.kind === 'counter').reduce((sum, s) => sum + s.weight, 0);
  // Context strengthens evidence, never replaces it: it counts in full only once the
  // paragraph gives 2 points of specific evidence (a tangential last paragraph
  // mentioning "subscribers", or one addressing "you", is not a sign-up box).
  return round(evidence + context * Math.min(1, specificEvidence(signals) / 2) + counter);
}

/** The rule a removal is filed under: the furniture category with most evidence. */
export function categoryOf(signals: Signal[]): FurnitureCategory | 'repeated' {
  const totals = new Map<FurnitureCategory, number>();
  for (const s of signals) if (s.category && s.kind === 'evidence') totals.set(s.category, (totals.get(s.category) ?? 0) + s.weight);
  let best: FurnitureCategory | null = null;
  for (const [category, total] of totals) if (!best || total > totals.get(best)!) best = category;
  if (best) return best;
  return signals.some((s) => s.name === 'repeated') ? 'repeated' : 'promo';
}

/**
 * The reason shown to editors: the strongest evidence first (at most six
 * pieces; every signal with its weight is in the message's `detail`), then
 * where it sits and how it relates to the story.
 */
export function describe(signals: Signal[]): string {
  const specific = specificEvidence(signals);
  const label = (s: Signal) => (s.evidence ? `${s.label} (“${clip(s.evidence, 40)}”)` : s.label);
  const unique = (labels: string[]) => labels.filter((l, i) => labels.indexOf(l) === i);
  const evidence = unique(
    signals
      .filter((s) => s.kind === 'evidence' && s.weight > 0)
      .sort((a, b) => b.weight - a.weight)
      .map(label),
  );
  const shown = evidence.slice(0, 6);
  if (evidence.length > 6) shown.push(`${evidence.length - 6} more`);
  const rest = signals.filter((s) => s.kind !== 'evidence' && s.weight !== 0 && (s.kind === 'counter' || specific > 0)).map(label);
  const structural = signals.filter((s) => s.weight === 0 && s.kind === 'context').map(label);
  return unique([...shown, ...rest, ...structural]).join(', ');
}

function clip(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
