/**
 * Does a sentence lean on something said before it? "He said…", "It comes
 * as…", "But…", "She added…", "The pair…" — such a sentence cannot open a
 * summary, and inside one it needs its antecedent (an earlier sentence of the
 * same article) before it. The tests are about grammar (pronouns, connectives,
 * anaphoric noun phrases), never about particular stories.
 */

/** Subject/possessive pronouns whose referent must come earlier. */
const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her', 'them', 'his', 'hers', 'their', 'theirs', 'it', 'its']);

/** Connectives that continue an argument rather than start one. */
const CONNECTIVES = new Set([
  'but', 'and', 'or', 'so', 'yet', 'nor', 'however', 'also', 'still', 'instead', 'nevertheless', 'nonetheless', 'moreover',
  'furthermore', 'additionally', 'similarly', 'likewise', 'therefore', 'thus', 'hence', 'otherwise', 'indeed', 'meanwhile',
  'then', 'besides', 'regardless', 'accordingly', 'consequently', 'though', 'although', 'again', 'too',
]);

const CONNECTIVE_PHRASES =
  /^(?:in addition|in response|in turn|in return|as a result|as well|by contrast|on the other hand|even so|despite this|despite that|after that|because of this|because of that|for (?:his|her|their|its) part|at the same time|that said|this comes|it comes|which)\b/i;

/** "The pair", "The move": definite noun phrases that point back. */
const ANAPHORIC_NOUN_PHRASE =
  /^(?:the|both|such|this|these|those|that)\s+(?:pair|two|three|four|duo|trio|couple|former|latter|move|decision|comments?|remarks?|statement|announcement|incident|same|other|men|women|group|latter|plan|proposal|deal|measure|report|claims?)\b/i;

/** "This week", "That night": demonstratives that name a time, not a referent. */
const DEMONSTRATIVE_TIME = /^(?:this|that|these|those)\s+(?:week|weekend|month|year|morning|afternoon|evening|night|day|summer|winter|spring|autumn|fall|season|time|term|quarter|decade|century)\b/i;

/** "It is unclear…": "it" as a dummy subject refers to nothing. */
const DUMMY_IT = /^it\s+(?:is|was|has been|had been|will be|would be|remains|remained|seems|seemed|appears|appeared)\s+(?:not\s+)?(?:un)?(?:clear|likely|expected|thought|understood|known|believed|possible|impossible|important|necessary|hoped|feared|estimated|reported|raining|time)\b/i;

const QUOTE_OPEN = /^[“"‘']/;
/** A pronoun as the speaker of a quote: “…,” she said / “…,” said he / “…,” they added. */
const PRONOUN_ATTRIBUTION = /[”"’']\s*,?\s*(?:(?:he|she|they|it)\s+(?:\w+ly\s+)?(?:said|says|added|adds|told|tells|continued|explained|wrote|insisted|argued|claimed|warned|noted|stated|replied|asked)\b|(?:said|added|says|told)\s+(?:he|she|they)\b)/i;

export type Dependency = 'pronoun' | 'connective' | 'anaphora' | 'attribution';

/** Why a sentence cannot stand first, or null when it can. */
export function danglingReference(sentence: string): Dependency | null {
  const text = sentence.trim();
  if (QUOTE_OPEN.test(text)) {
    if (PRONOUN_ATTRIBUTION.test(text)) return 'attribution';
    // A quotation with nobody named after it ("“We will go.”") continues an earlier speaker's words.
    const outsideQuotes = text.replace(/“[^”]*(?:”|$)/g, ' ').replace(/"[^"]*(?:"|$)/g, ' ');
    return /\p{L}{2,}/u.test(outsideQuotes) ? null : 'attribution';
  }
  const first = /^([\p{L}']+)/u.exec(text)?.[1]?.toLowerCase().replace(/['’]s$/, '') ?? '';
  if (CONNECTIVES.has(first) || CONNECTIVE_PHRASES.test(text)) return 'connective';
  if (DEMONSTRATIVE_TIME.test(text)) return null;
  if (ANAPHORIC_NOUN_PHRASE.test(text)) return 'anaphora';
  if (first === 'it' && DUMMY_IT.test(text)) return null;
  if (PRONOUNS.has(first)) return 'pronoun';
  // "This is…", "That was…": a bare demonstrative as subject.
  if (/^(?:this|that|these|those)\s+(?:is|was|are|were|has|had|will|would|could|should|may|might|means|meant|comes|came|includes?)\b/i.test(text)) return 'pronoun';
  // "Asked about it, he said…", "Speaking on Monday, she…": an opening clause whose subject is a pronoun.
  if (/^[^,.;:“"]{1,80},\s+(?:he|she|they)\s+\w+/i.test(text)) return 'pronoun';
  return null;
}

/** A person's full name: two to four capitalised words ("Carlos Andrade", "Mary Anne Ellery"). */
const FULL_NAME = /\p{Lu}[\p{Ll}'’-]+(?: \p{Lu}[\p{Ll}'’-]+){1,3}/gu;
const TWO_CAPITALS = /\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}/u;
/** Words a speaker's attribution uses: a sentence without one gives nobody as a speaker. */
const SPEECH_WORD = /\b(?:said|says|added|adds|told|tells|explained|warned|argued|noted|insisted|wrote|replied|asked|continued|according)\b/;
const TITLES = String.raw`(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Cllr|Councillor)\.?\s+)?`;
const SPEECH = String.raw`(?:said|says|added|adds|told|tells|explained|warned|argued|noted|insisted|wrote|replied|asked|continued)`;

/**
 * For each sentence of an article (in order), the earlier sentence that names in full the person
 * it gives only by surname as the speaker ("…,” Andrade said.", "said Ms Tonkin", "according to
 * Andrade"), with that full name — or null. Such a sentence leans on the introduction: without it
 * the reader meets a surname nobody was introduced by.
 */
export function speakerIntroductions(sentences: readonly string[]): Array<{ index: number; name: string } | null> {
  const introduced = new Map<string, { index: number; name: string }>();
  return sentences.map((text, i) => {
    let needs: { index: number; name: string } | null = null;
    if (introduced.size > 0 && SPEECH_WORD.test(text)) for (const [surname, intro] of introduced) {
      if (!text.includes(surname) || text.includes(intro.name)) continue;
      if (speaksAs(text, surname)) {
        needs = intro;
        break;
      }
    }
    // Two capitalised words in a row, or none: most sentences name nobody new.
    if (!TWO_CAPITALS.test(text)) return needs;
    for (const match of text.matchAll(FULL_NAME)) {
      const words = match[0].split(/\s+/);
      const surname = words[words.length - 1]!;
      // The first name and surname: a title or role before them ("Dr", "Editor") is not always repeated.
      if (!introduced.has(surname)) introduced.set(surname, { index: i, name: words.slice(-2).join(' ') });
    }
    return needs;
  });
}

const SPEECH_AFTER = new RegExp(String.raw`^\s+(?:also\s+|later\s+|then\s+)?${SPEECH}\b`);
const SPEECH_BEFORE = new RegExp(String.raw`\b(?:${SPEECH}|according to)\s+${TITLES}$`);
const LETTER = /[\p{L}'’-]/u;

/**
 * Whether `text` gives `surname` as a speaker: "Andrade said", "Dr Andrade added", "said Ms Tonkin",
 * "according to Andrade". Looked for where the surname stands (indexOf), not by a pattern run along
 * the whole sentence: a year of editions asks this of every sentence that names someone.
 */
function speaksAs(text: string, surname: string): boolean {
  for (let at = text.indexOf(surname); at >= 0; at = text.indexOf(surname, at + 1)) {
    const end = at + surname.length;
    if ((at > 0 && LETTER.test(text[at - 1]!)) || (end < text.length && LETTER.test(text[end]!))) continue;
    if (SPEECH_AFTER.test(text.slice(end, end + 24)) || SPEECH_BEFORE.test(text.slice(Math.max(0, at - 40), at))) return true;
  }
  return false;
}

