import { wordCount } from '../../common/text.ts';

/**
 * A story about subscriptions, newsletters, sign-ups or advertising uses furniture's
 * words ("added 9 million paid subscribers", "half of new sign-ups"), but it reports:
 * about others, in the third person, attributed ("the company said"), with figures,
 * names and past tenses. Furniture talks to the reader ("you", "our", "Sign up").
 * This tells the two apart, so topical words are not read as a pitch.
 */

/** Someone else's words or figures being reported. */
const ATTRIBUTION =
  /\b(said|says|told|according to|announced|reported|confirmed|estimated|wrote|noted|disclosed|revealed|predicted|forecast|insisted|argued|claimed|warned|acknowledged)\b/i;
/** A figure: digits or a written-out magnitude. */
const FIGURE = /\d|\b(million|billion|trillion|thousand|hundreds|dozens|per ?cent|percent)\b/i;
/** Narrative past: regular "-ed" forms and the irregular verbs business and news reports use most. */
const PAST =
  /\b\p{L}{3,}ed\b|\b(rose|fell|grew|laid|made|took|went|came|saw|won|lost|cut|paid|sold|bought|began|left|held|shut|met|spent|hit|led|drew|gave|brought|built|became|kept|told|said)\b/iu;
/** A sentence ends the paragraph (a closing quote or bracket may follow). */
const SENTENCE_END = /[.?]["'”’)]*$/;
/** Reports are sentences, not labels: short lines are left to the other signals. */
const MIN_WORDS = 10;

/**
 * Whether a paragraph's own voice (quotes removed) reads as a news report: a full
 * sentence of some length, and either attributed, long and about someone named, or
 * narrating figures about named subjects in the past tense. The caller checks the
 * reader is not addressed.
 */
export function readsAsReporting(voice: string): boolean {
  const text = voice.trim();
  if (wordCount(text) < MIN_WORDS || !SENTENCE_END.test(text)) return false;
  if (ATTRIBUTION.test(text)) return true;
  // A long sentence about named others ("Residents will be able to sign up for the new fortnightly
  // newsletter on the council website from July, and …") reports what they will do, even unattributed.
  if (wordCount(text) >= LONG_REPORT_WORDS && namesSomeone(text)) return true;
  return FIGURE.test(text) && PAST.test(text) && namesSomeone(text);
}

/** A sentence this long about someone named reads as a report without attribution or figures. */
const LONG_REPORT_WORDS = 25;

/** A capitalised word that does not open a sentence: a name (of a person, company or place). */
function namesSomeone(text: string): boolean {
  return /(?<![.!?:]\s*|^\s*|["“‘(]\s*)(?<=\s)\p{Lu}\p{Ll}/u.test(text);
}
