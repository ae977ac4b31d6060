/**
 * Word-level text helpers shared by the stages that compare text (dedupe,
 * summarise): one tokenizer, one stop-word list, so "similar" means the same
 * thing everywhere.
 */

/** Lower-cased word tokens (letters and digits, Unicode-aware; apostrophes inside words kept). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
}

/**
 * Common function words: they carry no topic. English's, then French, German, Spanish, Italian, Portuguese and Dutch
 * ones (the languages clean reads), without those that are English words with a topic ("war", "die", "hat", "den",
 * "son", "era", "sin", "con", "come", "fine", "man", "met", "mit", "car", "pour", "plus", "door", "dan") or the particles of
 * names in English news ("de", "la", "le", "el", "da", "del", "di", "der", "von", "van": "Le Pen", "El Salvador").
 */
export const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how
  i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own
  same she should so some such than that the their theirs them themselves then there these they this those through to too under until
  up very was we were what when where which while who whom why will with would you your yours yourself yourselves said says say told
  would could also one two new last first year years mr mrs ms dr sir
  les un une au aux ce cette ces qui que dont où elle ils elles nous vous ne pas par sur dans avec sans sous entre
  leur leurs sa ses se y en été être avoir ont était fait comme mais ou donc aussi très tout tous toute toutes déjà selon après avant
  lors depuis déclaré
  dem ein eine einen einem einer eines und ist sind wurde wurden werden wird haben hatte zu im auf für aus bei nach
  über unter vor um als auch sich nicht noch nur wie es er sie wir ihr ihre ihren ihrem sein seine seiner dass oder aber wenn bis zum
  zur durch gegen ohne sei hier dort schon sehr mehr sagte sagt
  una unos unas por para sobre qué su sus es fue ha han había ser está están como pero más menos muy ya también
  este esta estos estas ese esa eso hasta desde según tras cuando donde dijo
  gli sul sulla per tra fra ed che chi non è sono hanno essere stato stata ma anche più
  già alla ai alle nel nella nei questo questa quello quella dopo prima secondo detto
  os um uma uns umas do em na nos nas pelo pela com sem seu sua seus suas são foi estão mais já à às após disse
  het een dat zijn werd worden wordt heeft hebben voor niet aan er om ook bij nog uit tot naar dit deze geen meer haar hun hij zij ze
  wij zei zegt`.split(/\s+/),
);

/** Tokens without stop words and one-letter tokens. */
export function contentWords(text: string): string[] {
  return tokenize(text).filter(isContentWord);
}

/** A token `contentWords` keeps: two letters or more, not a stop word. */
export function isContentWord(token: string): boolean {
  return token.length > 1 && !STOP_WORDS.has(token);
}

/**
 * The words of a text: its runs of non-space characters (`text.split(/\s+/).filter(Boolean).length`,
 * without the arrays). Counted on every paragraph and sentence of every article by clean and
 * summarise, and on a feed's items by ingest: a loop over the code units, ~20 % faster than
 * `/\S+/g` (measured).
 */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** Whitespace as `\s` sees it (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** `text` as a regular expression that matches it literally (for a name or delimiter built into a pattern). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A line as two lines are compared for being the same: lower case, words only ("Plans approved!" = "PLANS APPROVED"). */
export function comparableText(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * A headline's shape: a capital, digit or opening quote first, no full stop, colon or comma at the end
 * (a headline may ask or exclaim), between `minWords` and `maxWords` words and at most `maxLength`
 * characters. `text` trimmed, `words` its word count. (Clean's title and listed headlines; ingest's digest items.)
 */
export function headlineShaped(text: string, words: number, minWords: number, maxWords: number, maxLength: number): boolean {
  if (text.length === 0 || text.length > maxLength) return false;
  if (!/^[\p{Lu}\p{N}‘“"']/u.test(text) || /[.…:;,]["'”’)]*$/u.test(text)) return false;
  return words >= minWords && words <= maxWords;
}
