/**
 * A source's or a footnote's mark in running text: Wikipedia's and scholarly pages' "[3]",
 * "[citation needed]", a superscript "4" after a full stop. It points at a note the clean text does not
 * keep, and inside a summary sentence it reads as a stray figure ("… before the next election.4").
 */

/**
 * Marks glued to what they support (a word, a figure, a quotation mark or punctuation), one or several: "[3]",
 * "[12][13]", "[citation needed]". Not a letter in brackets: "give[s]", "idea[s]" are an editor's words in a quotation.
 */
const BRACKETED_MARKS = /(?<=[\p{L}\p{N}.,;:!?)"”’'%])(?:\[(?:\d{1,3}|citation needed|note \d{1,3}|nb \d{1,2})\])+(?=[\s.,;:!?)"”’]|$)/gu;

/**
 * A syllabus's or a digest's page reference after a sentence, to where the opinion says it ("… within the State. Pp. 4–15.",
 * "P. 7."): a pointer into a text the article does not keep. A capital P and pages only, after a sentence's end.
 */
const PAGE_REFERENCE = /(?<=[.!?]["”’)]?)\s+Pp?\.\s\d{1,4}(?:[–-]\d{1,4})?\.(?=\s|$)/gu;

/**
 * Text without its bracketed citation marks and page references, and the marks taken out (for the removal that says
 * so: nothing goes silently). A bracket with a space before it ("clause [3]") is the text's own.
 */
export function withoutCitationMarks(text: string): { text: string; marks: string[] } {
  const bracketed = text.includes('[');
  const paged = text.includes('P');
  if (!bracketed && !paged) return { text, marks: [] };
  const marks: string[] = [];
  const take = (mark: string): string => {
    marks.push(mark.trim());
    return '';
  };
  let stripped = bracketed ? text.replace(BRACKETED_MARKS, take) : text;
  if (paged) stripped = stripped.replace(PAGE_REFERENCE, take);
  return { text: stripped, marks };
}

/** What a footnote's superscript holds: a number, a letter, a dagger or an asterisk, perhaps in brackets. */
const FOOTNOTE_TEXT = /^\s*\[?\s*(?:\d{1,3}|[a-z]|[*†‡§¶]{1,3})\s*\]?\s*$/i;
/** Text that ends where a footnote mark stands: after punctuation closing a clause or a quotation. */
const ENDS_CLAUSE = /[.,;:!?)"”’]\s*$/;

/**
 * Whether a superscript is a footnote's mark: its text a mark's (`FOOTNOTE_TEXT`), and it links to a
 * note on the page (an `#…` address) or follows punctuation. A power ("km²" as "km<sup>2</sup>",
 * "10<sup>6</sup>") follows a letter or a figure and links nowhere: it stays. (A mark in brackets
 * glued to a word goes as text, `withoutCitationMarks`.)
 */
export function isFootnoteMark(text: string, before: string, linksToNote: boolean): boolean {
  if (!FOOTNOTE_TEXT.test(text)) return false;
  return linksToNote || ENDS_CLAUSE.test(before);
}
