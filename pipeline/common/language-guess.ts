/**
 * The language of a text no source states (a plain-text file, a feed item without `xml:lang`), from
 * its function words: English, French, German, Spanish, Italian, Portuguese or Dutch — the languages
 * clean reads. Used where a wrong guess costs more than none: a story in another language than the
 * briefing's is marked with `lang` so that screen readers read it in its own (render/view.ts), and a
 * screen reader reading English in a Dutch voice is worse than one reading Dutch in an English voice.
 * So it answers only when the text is long enough and one language leads clearly; else null.
 *
 * Why function words: they are most of any text's tokens (a third to a half), each language's short
 * list tells it from the others, and they need no model. A word several languages share ("de", "en",
 * "que", "la") counts for each of them by a share; what decides is the words only one has
 * ("the", "und", "het", "della", "não").
 */
import { tokenize } from './text.ts';

/** The most frequent function words of each language (from frequency lists of news text), lower case. */
const FUNCTION_WORDS: Record<string, string> = {
  en: 'the of and to in is was that for on with as by at from it he his are were be has have had said which this not but they their an will who would been its after',
  fr: 'le la les des du de et est un une dans pour que qui sur au aux pas par il elle ont sont été avec ce cette mais ou plus son ses leur nous vous selon',
  de: 'der die das und ist nicht mit sich des ein eine dem den auf für von wird auch zu im nach bei sind wurde werden hat haben sie er es aus als noch über bis gegen sagte hatte hatten um wie oder aber wenn dass zum zur vor seit sein seine ihre einer einen',
  es: 'el los las del de que en y es por una con para se al su como más pero fue sus lo le ha han este esta entre sobre también según',
  it: 'il della di che è e la le per un del non una dei nel sono alla gli anche ha delle al con si da come più ma questo stato dalla',
  pt: 'o os da do que e em um uma não para com dos das no na se ao foi são como mais pelo pela já também está ser sua seu',
  nl: 'de het een van en is dat op te zijn niet met voor die er aan ook wordt werd naar door bij om tot uit heeft hebben zich maar nog over',
};

/** Each function word and the languages that list it. */
const LANGUAGES_OF = new Map<string, string[]>();
for (const [language, words] of Object.entries(FUNCTION_WORDS)) {
  for (const word of words.split(' ')) {
    const languages = LANGUAGES_OF.get(word);
    if (languages) languages.push(language);
    else LANGUAGES_OF.set(word, [language]);
  }
}

/** Enough text to tell (10 words of the lists: a sentence or two). */
const MIN_EVIDENCE = 10;
/** The leader's score against the next language's: well ahead, or no answer. */
const MIN_LEAD = 2;
/** The leader's share of all the text's tokens: a text of names, numbers and another language's quotes is no evidence. */
const MIN_SHARE = 0.1;
/** Enough of a long text to tell (characters): on the benchmark pages 4,000 answered no better (one page fewer) and cost twice the time (~50 µs a guess against ~25). */
export const LANGUAGE_SAMPLE_CHARS = 2000;

/** The language of `text` (`en`, `fr`, `de`, `es`, `it`, `pt`, `nl`), or null when it cannot tell with confidence. */
export function guessLanguage(text: string): string | null {
  const tokens = tokenize(text.length > LANGUAGE_SAMPLE_CHARS ? text.slice(0, LANGUAGE_SAMPLE_CHARS) : text);
  const scores = new Map<string, number>();
  let evidence = 0;
  for (const token of tokens) {
    const languages = LANGUAGES_OF.get(token);
    if (!languages) continue;
    evidence++;
    for (const language of languages) scores.set(language, (scores.get(language) ?? 0) + 1 / languages.length);
  }
  if (evidence < MIN_EVIDENCE) return null;
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [leader, next] = [ranked[0]!, ranked[1]];
  if (leader[1] < MIN_SHARE * tokens.length) return null;
  if (next && leader[1] < MIN_LEAD * next[1]) return null;
  return leader[0];
}
