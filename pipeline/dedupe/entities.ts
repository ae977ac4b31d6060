/**
 * A small, general extractor of named people, places and organisations:
 * runs of capitalised words inside sentences ("Kaja Kallas", "European
 * Commission", "Bank of England", "NATO"). No model, no gazetteer — it only
 * needs to be good enough that two reports of one event share more names
 * than two reports of two similar events.
 */
import { STOP_WORDS } from '../shared/text.ts';

/** Lower-case words that may sit inside a name: "Bank of England", "Charles de Gaulle". */
const CONNECTORS = new Set(['of', 'de', 'du', 'da', 'del', 'della', 'der', 'van', 'von', 'la', 'le', 'al', 'bin', 'ibn', 'el', 'y']);

/**
 * Capitalised words that are not names: honorifics and titles (they precede a
 * name: "Foreign Secretary David Lammy" → "David Lammy"), days and months.
 */
const NOT_NAMES = new Set(
  `mr mrs ms miss dr prof sir dame lord lady rev st mister madam
  president vice prime minister secretary chancellor chief deputy foreign defence defense home senator sen rep governor gov
  mayor king queen prince princess pope general gen colonel col captain capt sergeant officer judge justice ambassador
  spokesman spokeswoman spokesperson director chairman chairwoman ceo minister's leader envoy commissioner representative
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec today tonight yesterday tomorrow`.split(/\s+/),
);

/** A word (dots, apostrophes, hyphens and & inside) or a punctuation mark that breaks a name. */
const TOKEN = /([\p{L}\p{N}][\p{L}\p{N}'’.&-]*)|([.!?:;,—–"“”‘()\[\]\n])/gu;
/** Marks after which the next word starts a sentence or clause ("LONDON — Officials said…"). */
const OPENS = new Set(['.', '!', '?', ':', ';', '—', '–', '"', '“', '‘', '(', '[', '\n']);

export interface NamedEntity {
  /** As written, titles removed: "Kaja Kallas". */
  text: string;
  /** Lower-case words of the name, possessive removed: ["kaja", "kallas"]. */
  words: string[];
}

interface Token {
  /** The word as written (possessive and final dot removed), or null for punctuation. */
  word: string | null;
  lower: string;
  capitalised: boolean;
  /** Opens a sentence or clause. */
  first: boolean;
  /** A possessive ("Keir's") ends a name. */
  endsName: boolean;
}

/**
 * The names in `text`, in order of appearance (repeats kept). A capitalised
 * word at the start of a sentence (or clause) counts only when the text also
 * capitalises it inside a sentence, so "Whether", "Officials" are not names
 * but "Lammy" is. One regular-expression pass: it runs on every article.
 */
export function extractNames(text: string): NamedEntity[] {
  const tokens: Token[] = [];
  let first = true;
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[1];
    if (raw === undefined) {
      tokens.push({ word: null, lower: '', capitalised: false, first: false, endsName: true });
      if (OPENS.has(m[2]!)) first = true;
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
    const c = word.charAt(0);
    tokens.push({ word, lower: word.toLowerCase(), capitalised: c !== c.toLowerCase(), first, endsName: possessive || endsSentence });
    first = endsSentence;
  }
  // Words seen capitalised inside a sentence: only those count when they open one.
  const midCapitalised = new Set<string>();
  for (const t of tokens) if (t.word !== null && t.capitalised && !t.first) midCapitalised.add(t.lower);

  const names: NamedEntity[] = [];
  let run: Token[] = [];
  let connectors: Token[] = [];
  const flush = () => {
    const words = run.map((t) => t.lower).filter((w) => w.length > 1);
    if (words.length > 0) names.push({ text: run.map((t) => t.word).join(' '), words });
    run = [];
    connectors = [];
  };
  for (const t of tokens) {
    if (t.word === null) {
      flush();
      continue;
    }
    const isName = t.capitalised && !NOT_NAMES.has(t.lower) && !STOP_WORDS.has(t.lower) && (!t.first || midCapitalised.has(t.lower));
    if (isName) {
      run.push(...connectors, t);
      connectors = [];
    } else if (run.length > 0 && CONNECTORS.has(t.word)) {
      connectors.push(t);
    } else {
      flush();
    }
    if (t.endsName) flush();
  }
  flush();
  return names;
}

