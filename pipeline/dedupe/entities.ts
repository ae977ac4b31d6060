/**
 * A small, general extractor of named people, places and organisations:
 * runs of capitalised words inside sentences ("Kaja Kallas", "European
 * Commission", "Bank of England", "NATO"). No model, no gazetteer — it only
 * needs to be good enough that two reports of one event share more names
 * than two reports of two similar events.
 */
import { STOP_WORDS } from '../common/text.ts';
import { MONTHS, OTHER_MONTH_WORDS, OTHER_WEEKDAY_WORDS, WEEKDAYS } from '../common/text-dates.ts';
import { isTableWord } from './word-weights.ts';

/** Lower-case words that may sit inside a name: "Bank of England", "Charles de Gaulle". */
const CONNECTORS = new Set(['of', 'de', 'du', 'da', 'del', 'della', 'der', 'van', 'von', 'la', 'le', 'al', 'bin', 'ibn', 'el', 'y']);

/**
 * Capitalised words that are not names: honorifics and titles (they precede a
 * name: "Foreign Secretary David Lammy" → "David Lammy"; "Bundeskanzler", "Frau", "présidente" in other languages),
 * days and months (English's and the other languages').
 */
const NOT_NAMES = new Set([
  ...`mr mrs ms miss dr prof sir dame lord lady rev st mister madam
  president vice prime minister secretary chancellor chief deputy foreign defence defense home senator sen rep governor gov
  mayor king queen prince princess pope general gen colonel col captain capt sergeant officer judge justice ambassador
  spokesman spokeswoman spokesperson director chairman chairwoman ceo minister's leader envoy commissioner representative
  jan feb mar apr jun jul aug sep sept oct nov dec today tonight yesterday tomorrow
  herr frau mme mlle señor señora sra signor signora sig dott président présidente ministre präsident präsidentin
  ministerin kanzler kanzlerin bundeskanzler bundeskanzlerin bürgermeister bürgermeisterin maire presidente ministro ministra
  sindaco alcalde alcaldesa prefeito voorzitter burgemeester`.split(/\s+/),
  ...WEEKDAYS,
  ...MONTHS,
  // The same in the other languages clean reads: German capitalises them, and every language's sentence may start with one.
  ...OTHER_WEEKDAY_WORDS,
  ...OTHER_MONTH_WORDS,
]);

const CAPITALISED_WORD = String.raw`\p{Lu}[\p{L}\p{N}'’.&-]*`;
/**
 * A run of capitalised words separated by spaces, connectors allowed inside:
 * the only places a name can be. Matching runs directly (rather than every
 * word) keeps this cheap: it runs on every article.
 */
const RUN = new RegExp(String.raw`${CAPITALISED_WORD}(?:[ \t]+(?:(?:${[...CONNECTORS].join('|')})[ \t]+)*${CAPITALISED_WORD})*`, 'gu');
/** Marks after which the next word starts a sentence or clause ("LONDON — Officials said…"). */
const OPENS = new Set(['.', '!', '?', ':', ';', '—', '–', '"', '“', '‘', '(', '[', '\n']);

export interface NamedEntity {
  /** As written, titles removed: "Kaja Kallas". */
  text: string;
  /** Lower-case words of the name, possessive removed: ["kaja", "kallas"]. */
  words: string[];
}

interface Token {
  /** The word as written, possessive and final dot removed. */
  word: string;
  lower: string;
  connector: boolean;
  /** Opens a sentence or clause. */
  first: boolean;
  /** A possessive ("Keir's") or a sentence's last word ends a name. */
  endsName: boolean;
}

/**
 * The names in `text`, in order of appearance (repeats kept). A capitalised
 * word at the start of a sentence (or clause) counts only when the text also
 * capitalises it inside a sentence, so "Whether", "Officials" are not names
 * but "Lammy" is.
 */
export function extractNames(text: string): NamedEntity[] {
  const runs: Token[][] = [];
  for (const m of text.matchAll(RUN)) {
    let first = opensSentence(text, m.index);
    const run: Token[] = [];
    for (const raw of m[0].split(/[ \t]+/)) {
      if (CONNECTORS.has(raw)) {
        run.push({ word: raw, lower: raw, connector: true, first: false, endsName: false });
        continue;
      }
      let word = raw;
      let endsSentence = false;
      // "Kallas." ends a sentence; "U.S." and "Mr." do not.
      if (word.endsWith('.') && word.indexOf('.') === word.length - 1) {
        word = word.slice(0, -1);
        endsSentence = !NOT_NAMES.has(word.toLowerCase());
      }
      const possessive = /['’]s$/i.test(word);
      if (possessive) word = word.slice(0, -2);
      run.push({ word, lower: word.toLowerCase(), connector: false, first, endsName: possessive || endsSentence });
      first = endsSentence;
    }
    runs.push(run);
  }
  // Words seen capitalised inside a sentence: only those count when they open one.
  const midCapitalised = new Set<string>();
  for (const run of runs) for (const t of run) if (!t.first && !t.connector) midCapitalised.add(t.lower);

  const names: NamedEntity[] = [];
  for (const run of runs) {
    let current: Token[] = [];
    let connectors: Token[] = [];
    const flush = () => {
      const words = current.map((t) => t.lower).filter((w) => w.length > 1);
      if (words.length > 0) names.push({ text: current.map((t) => t.word).join(' '), words });
      current = [];
      connectors = [];
    };
    for (let k = 0; k < run.length; k++) {
      const t = run[k]!;
      if (t.connector) {
        if (current.length > 0) connectors.push(t);
        continue;
      }
      const isName = !NOT_NAMES.has(t.lower) && !STOP_WORDS.has(t.lower) && (!t.first || midCapitalised.has(t.lower) || opensFullName(run, k, midCapitalised, text));
      if (isName) {
        current.push(...connectors, t);
        connectors = [];
      } else {
        flush();
      }
      if (t.endsName) flush();
    }
    flush();
  }
  return names;
}

/**
 * Whether the sentence-initial word at `run[k]` is the first word of a name the text goes on to give by
 * its second ("Andrew Bailey, the governor, said …" and later "Mr Bailey"): the next word is capitalised
 * inside a sentence elsewhere, this one is never written in lower case ("Angry Britons": the text says
 * "angry" elsewhere as a plain word) and it is no `OPENING_WORDS`. Before, the first name was lost whenever
 * the full name opened a sentence, and "Bailey" alone was the name.
 */
function opensFullName(run: readonly Token[], k: number, midCapitalised: ReadonlySet<string>, text: string): boolean {
  const t = run[k]!;
  const next = run[k + 1];
  if (t.endsName || !next || next.connector || !midCapitalised.has(next.lower) || NOT_NAMES.has(next.lower) || STOP_WORDS.has(next.lower)) return false;
  return !OPENING_WORDS.has(t.lower) && !writtenLowercase(text, t.lower);
}

/**
 * Words that open a sentence before a name and that `STOP_WORDS` does not hold: prepositions, conjunctions
 * and adverbs ("Despite Trump's …", "Under Starmer, …", "Whether Lammy …"), and the determiners and
 * adjectives that come before a group's name ("Many Britons", "Senior Conservatives", "Former …"), which a
 * short text may never write in lower case. Closed classes of English, not names.
 */
const OPENING_WORDS = new Set(
  `whether although though despite unlike under since following according like unless amid among amongst across along alongside
  without within behind beyond besides beside instead meanwhile however yet still even perhaps speaking asked around toward
  towards upon per via except including near throughout inside outside onto beneath whereas whilst thanks former
  many several senior both every another neither either last next earlier later`.split(/\s+/),
);

/** Whether position `index` starts a sentence or clause: only spaces back to the start or to an opening mark. */
function opensSentence(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') continue;
    return OPENS.has(c);
  }
  return true;
}

/**
 * Words that name a kind of institution or place, not one: capitalised in "Thornby Council",
 * "the Bank", "Crown Court", yet every council, bank or court has them.
 */
const GENERIC_NAME_WORDS = new Set(
  `council councils bank banks police court courts government ministry department agency authority authorities
  committee commission parliament assembly senate congress university college school academy hospital trust service
  services board office party union company group club church station airport port city county district borough town
  village state republic kingdom federal national association society institute centre center foundation fund league
  federation corporation museum library army navy force forces fire rescue prison council's bank's police's court's`.split(/\s+/),
);

/**
 * Whether a capitalised word of a name is an ordinary common noun, not what identifies the
 * name: an institution word (`GENERIC_NAME_WORDS`), or a word of the table of everyday English
 * (`isTableWord`) that the text itself also writes in lower case ("Tarnford Council … the
 * council said"). Such a word alone is no name, and it does not tie its content word or a bare
 * mention to a full name: two councils' budget votes share "Council", not an entity.
 */
export function isGenericNameWord(word: string, text: string): boolean {
  return GENERIC_NAME_WORDS.has(word) || (isTableWord(word) && writtenLowercase(text, word));
}

/** Whether `text` has `word` (lower case) as a whole word written in lower case. */
function writtenLowercase(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + word.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}
