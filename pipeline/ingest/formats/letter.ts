import { wordCount } from '../../common/text.ts';

/**
 * What a plain-text e-mail carries around its news because it is a letter: a greeting, a
 * sign-off with the sender's signature and disclaimer, and the message it replies to, quoted.
 * A press officer's reply ("Hi Sarah, … please see our updated statement below … Kind regards,
 * Jordan / Media Officer / T: … / This email is confidential … / On Wed, … Sarah wrote: > …") is
 * read as the statement. The clean stage judges paragraphs one at a time; these are known by
 * where they stand in a letter, so they are taken off here, where the text is known to be one.
 */
export function letterBody(text: string): string {
  return withoutGreeting(withoutSignOff(withoutSignature(withoutQuotedReply(text))));
}

/** "On Wed, 20 Nov 2024 at 09:18, Sarah Kemp <…> wrote:" and its translations: the line before a quoted reply. */
const ATTRIBUTION = /^[ \t]*(?:On\b[^\n]{0,300}\bwrote|Am\b[^\n]{0,300}\bschrieb[^\n]{0,60}|Le\b[^\n]{0,300}\ba écrit|El\b[^\n]{0,300}\bescribió|Op\b[^\n]{0,300}\bschreef[^\n]{0,60})[ \t]*:[ \t]*$/m;

/**
 * The message a reply quotes, from its attribution line to the end of the quoted lines
 * ("> …"). Only when the attribution is followed by quoted lines: a sentence that happens to
 * end in "wrote:" is text.
 */
export function withoutQuotedReply(text: string): string {
  const attribution = ATTRIBUTION.exec(text);
  if (!attribution) return text;
  const after = text.slice(attribution.index + attribution[0].length).split('\n');
  let i = 0;
  while (i < after.length && after[i]!.trim() === '') i++;
  if (i >= after.length || !after[i]!.startsWith('>')) return text;
  while (i < after.length && (after[i]!.startsWith('>') || after[i]!.trim() === '')) i++;
  return text.slice(0, attribution.index) + after.slice(i).join('\n');
}

/** The signature separator of RFC 3676 (§4.3): "-- " on a line of its own; what follows is the signature. */
const SIGNATURE_SEPARATOR = /^-- ?$/m;

export function withoutSignature(text: string): string {
  const separator = SIGNATURE_SEPARATOR.exec(text);
  if (!separator || wordCount(text.slice(0, separator.index)) === 0) return text;
  return text.slice(0, separator.index);
}

/** A sign-off on a line of its own: "Kind regards,", "Best wishes", "Many thanks,", "Yours sincerely,". */
const SIGN_OFF = /^[ \t]*(?:(?:kind|warm|best|warmest|many)\s+(?:regards|wishes|thanks)|regards|best|cheers|thanks(?: again| so much)?|thank you|many thanks|all the best|with (?:best|kind) (?:regards|wishes)|yours(?: sincerely| faithfully| truly)?|sincerely)[ \t]*[,.!]?[ \t]*$/im;
/** What a sign-off may have after it, at most: a name, a title, an organisation, numbers, links, a disclaimer. */
const SIGNATURE_WORDS = 120;

/** From a sign-off to the end, when what follows is no more than a signature. */
export function withoutSignOff(text: string): string {
  const signOff = lastMatch(SIGN_OFF, text);
  if (!signOff || wordCount(text.slice(0, signOff.index)) === 0) return text;
  if (wordCount(text.slice(signOff.index + signOff.length)) > SIGNATURE_WORDS) return text;
  return text.slice(0, signOff.index);
}

/** A greeting on a line of its own at the start: "Hi Sarah,", "Dear colleagues,", "Good morning all,". ("Hello Kitty maker …" has no comma.) */
const GREETING = /^\s*(?:(?:hi|hello|hey|good (?:morning|afternoon|evening))\b[^\n.!?,:]{0,40}[,!:]|dear\b[^\n.!?]{0,60}[,:!]?)[ \t]*\n/i;
/**
 * The sender's note under a greeting, pointing the reader at what follows: "Thanks for your patience – please see our
 * updated statement below", "Please find attached our response", "As requested, here is …".
 */
const COVER_NOTE = /\b(?:below|attached|as requested|as promised|here (?:is|are)|following (?:statement|release|update|response))\b/i;
/** At most this many words in a cover note. */
const COVER_NOTE_WORDS = 40;

/** The greeting, and the cover note under it. */
export function withoutGreeting(text: string): string {
  const greeting = GREETING.exec(text);
  if (!greeting) return text;
  const rest = text.slice(greeting[0].length);
  const note = /^\s*([^\n]+(?:\n[^\n]+)*)\n\s*\n/.exec(rest);
  if (note && COVER_NOTE.test(note[1]!) && /\b(?:you|your|please|thanks?)\b/i.test(note[1]!) && wordCount(note[1]!) <= COVER_NOTE_WORDS) return rest.slice(note[0].length);
  return rest;
}

function lastMatch(pattern: RegExp, text: string): { index: number; length: number } | null {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let last: { index: number; length: number } | null = null;
  for (const match of text.matchAll(global)) last = { index: match.index, length: match[0].length };
  return last;
}
