/**
 * The Porter stemmer (M. F. Porter, "An algorithm for suffix stripping",
 * 1980) with the NLTK extensions, i.e. what `nltk.stem.porter.PorterStemmer()`
 * does in its default mode. Written here rather than taken from npm because the
 * maintained npm stemmers implement the original algorithm (or Porter2), and
 * ROUGE as google-research `rouge_score` computes it depends on NLTK's
 * variant. NLTK's departures from the paper, all reproduced:
 *
 * - a table of irregular forms ("dying" → "die", "skies" → "sky", "news");
 * - words of one or two letters are returned as they are;
 * - "ies"/"ied" on a four-letter word → "ie" ("dies" → "die"), else "i";
 * - step 1c turns y into i only after a consonant that is not the first letter;
 * - step 2: "alli" → "al" first (then step 2 again), "bli" → "ble" instead of
 *   "abli" → "able", plus "fulli" → "ful" and "logi" → "log";
 * - the *o condition also holds for a two-letter vowel–consonant stem;
 * - like NLTK, the first rule whose suffix matches decides, even when its
 *   condition fails (except in step 5a, which tries both of its rules).
 *
 * The summariser uses it too, so "talks"/"talked" count as one term.
 */

const IRREGULAR: Record<string, string> = {
  sky: 'sky', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', news: 'news', innings: 'inning', inning: 'inning',
  outings: 'outing', outing: 'outing', cannings: 'canning', canning: 'canning', howe: 'howe', proceed: 'proceed',
  exceed: 'exceed', succeed: 'succeed',
};

type Condition = ((stem: string) => boolean) | null;
type Rule = [suffix: string, replacement: string, condition: Condition];

function isConsonant(word: string, i: number): boolean {
  const ch = word[i];
  if (ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u') return false;
  if (ch === 'y') return i === 0 ? true : !isConsonant(word, i - 1);
  return true;
}

/** Porter's m: the number of vowel–consonant sequences. */
function measure(stem: string): number {
  let m = 0;
  let previousVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const consonant = isConsonant(stem, i);
    if (consonant && previousVowel) m++;
    previousVowel = !consonant;
  }
  return m;
}

const positive = (stem: string): boolean => measure(stem) > 0;
const aboveOne = (stem: string): boolean => measure(stem) > 1;

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  return word.length >= 2 && word[word.length - 1] === word[word.length - 2] && isConsonant(word, word.length - 1);
}

/** Condition *o: ends consonant–vowel–consonant, the last not w, x or y (or a two-letter vowel–consonant word). */
function endsCvc(word: string): boolean {
  const n = word.length;
  if (n >= 3 && isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1) && !'wxy'.includes(word[n - 1]!)) return true;
  return n === 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

function applyRules(word: string, rules: Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === '*d') {
      if (endsDoubleConsonant(word)) {
        const stem = word.slice(0, -2);
        return condition === null || condition(stem) ? stem + replacement : word;
      }
      continue;
    }
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

function step1a(word: string): string {
  if (word.endsWith('ies') && word.length === 4) return word.slice(0, -3) + 'ie';
  return applyRules(word, [
    ['sses', 'ss', null],
    ['ies', 'i', null],
    ['ss', 'ss', null],
    ['s', '', null],
  ]);
}

function step1b(word: string): string {
  if (word.endsWith('ied')) return word.slice(0, -3) + (word.length === 4 ? 'ie' : 'i');
  if (word.endsWith('eed')) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? stem + 'ee' : word;
  }
  let stem: string | null = null;
  for (const suffix of ['ed', 'ing']) {
    if (word.endsWith(suffix)) {
      const candidate = word.slice(0, word.length - suffix.length);
      if (containsVowel(candidate)) {
        stem = candidate;
        break;
      }
    }
  }
  if (stem === null) return word;
  const last = stem[stem.length - 1] ?? '';
  return applyRules(stem, [
    ['at', 'ate', null],
    ['bl', 'ble', null],
    ['iz', 'ize', null],
    ['*d', last, () => !'lsz'.includes(last)],
    ['', 'e', (s) => measure(s) === 1 && endsCvc(s)],
  ]);
}

function step1c(word: string): string {
  return applyRules(word, [['y', 'i', (stem) => stem.length > 1 && isConsonant(stem, stem.length - 1)]]);
}

function step2(word: string): string {
  if (word.endsWith('alli') && positive(word.slice(0, -4))) return step2(word.slice(0, -4) + 'al');
  return applyRules(word, [
    ['ational', 'ate', positive],
    ['tional', 'tion', positive],
    ['enci', 'ence', positive],
    ['anci', 'ance', positive],
    ['izer', 'ize', positive],
    ['bli', 'ble', positive],
    ['alli', 'al', positive],
    ['entli', 'ent', positive],
    ['eli', 'e', positive],
    ['ousli', 'ous', positive],
    ['ization', 'ize', positive],
    ['ation', 'ate', positive],
    ['ator', 'ate', positive],
    ['alism', 'al', positive],
    ['iveness', 'ive', positive],
    ['fulness', 'ful', positive],
    ['ousness', 'ous', positive],
    ['aliti', 'al', positive],
    ['iviti', 'ive', positive],
    ['biliti', 'ble', positive],
    ['fulli', 'ful', positive],
    ['logi', 'log', () => positive(word.slice(0, -3))],
  ]);
}

function step3(word: string): string {
  return applyRules(word, [
    ['icate', 'ic', positive],
    ['ative', '', positive],
    ['alize', 'al', positive],
    ['iciti', 'ic', positive],
    ['ical', 'ic', positive],
    ['ful', '', positive],
    ['ness', '', positive],
  ]);
}

function step4(word: string): string {
  return applyRules(word, [
    ['al', '', aboveOne],
    ['ance', '', aboveOne],
    ['ence', '', aboveOne],
    ['er', '', aboveOne],
    ['ic', '', aboveOne],
    ['able', '', aboveOne],
    ['ible', '', aboveOne],
    ['ant', '', aboveOne],
    ['ement', '', aboveOne],
    ['ment', '', aboveOne],
    ['ent', '', aboveOne],
    ['ion', '', (stem) => measure(stem) > 1 && (stem.endsWith('s') || stem.endsWith('t'))],
    ['ou', '', aboveOne],
    ['ism', '', aboveOne],
    ['ate', '', aboveOne],
    ['iti', '', aboveOne],
    ['ous', '', aboveOne],
    ['ive', '', aboveOne],
    ['ize', '', aboveOne],
  ]);
}

function step5a(word: string): string {
  if (!word.endsWith('e')) return word;
  const stem = word.slice(0, -1);
  const m = measure(stem);
  if (m > 1) return stem;
  if (m === 1 && !endsCvc(stem)) return stem;
  return word;
}

function step5b(word: string): string {
  return applyRules(word, [['ll', 'l', () => measure(word.slice(0, -1)) > 1]]);
}

const memo = new Map<string, string>();

/** The stem of a lower-case word, as NLTK's PorterStemmer() gives it. */
export function porterStem(input: string): string {
  const cached = memo.get(input);
  if (cached !== undefined) return cached;
  const word = input.toLowerCase();
  let stem: string;
  if (Object.hasOwn(IRREGULAR, input)) stem = IRREGULAR[input]!;
  else if (input.length <= 2) stem = word;
  else stem = step5b(step5a(step4(step3(step2(step1c(step1b(step1a(word))))))));
  if (memo.size > 200_000) memo.clear();
  memo.set(input, stem);
  return stem;
}
