/**
 * JSON text with every character outside ASCII written as a `\uXXXX` escape: the same value
 * to `JSON.parse`, in text that is ASCII from end to end.
 *
 * Why the cache stores its JSON so (cache.ts `DiskCache.set`): every build reads hundreds of MB
 * of it back at a year of news, and news text is rarely ASCII (curly quotes, dashes, names).
 * SQLite hands a text entry back as UTF-8, and turning UTF-8 with a few non-ASCII characters
 * into a JavaScript string is the slow path of V8's decoder — the whole string becomes two-byte —
 * where pure ASCII is copied as it is. Measured on a year's 382 clean day entries (63 MB):
 * reading them took 460–640 ms as UTF-8 and 250–370 ms escaped, parsing them 270–610 against
 * 245–470 ms (same process, alternated); the text grows by 1.5 % (a curly quote is 3 bytes of
 * UTF-8 and 6 escaped).
 *
 * Each UTF-16 unit is escaped on its own, so a character outside the BMP becomes its surrogate
 * pair (`\ud83d\ude00`), which `JSON.parse` joins again; lone surrogates `JSON.stringify` has
 * escaped already.
 *
 * Text that is mostly not ASCII (news in Greek, Russian, Chinese…) is left as it is: there the
 * string is two-byte whatever is done, and escapes would double or triple its bytes (`\u4e2d` is 6
 * bytes, its UTF-8 3) for the parser to undo — 10 MB of Russian news JSON, escaped: read 132–181
 * against 108–126 ms, parsed 98–152 against 62–65 ms. The gain is for text with a few non-ASCII
 * characters, so past one in `MAX_ESCAPED_SHARE` the JSON is returned unescaped. Both read back the same.
 */
export function asciiJson(json: string): string {
  if (!NON_ASCII.test(json)) return json;
  // A loop over the units, not `replace` with a function: ~5× faster on news text (20 MB of it with
  // a curly quote or dash every 30 characters: 95–103 ms against 489–661 ms).
  const most = json.length / MAX_ESCAPED_SHARE;
  let escaped = 0;
  let out = '';
  let from = 0;
  for (let i = 0; i < json.length; i++) {
    const unit = json.charCodeAt(i);
    if (unit < 0x80) continue;
    if (++escaped > most) return json;
    out += json.slice(from, i) + escapeOf(unit);
    from = i + 1;
  }
  return out + json.slice(from);
}

/** Escaped only while at most one unit in this many is outside ASCII (the synthetic year's clean entries: about one in 200). */
const MAX_ESCAPED_SHARE = 8;
const NON_ASCII = /[^\x00-\x7f]/;
/** Escapes made so far, by UTF-16 unit: a text repeats the same few (quotes, dashes). */
const escapes = new Map<number, string>();

function escapeOf(unit: number): string {
  let escape = escapes.get(unit);
  if (escape === undefined) escapes.set(unit, (escape = `\\u${unit.toString(16).padStart(4, '0')}`));
  return escape;
}
