/**
 * A social thread's position marks, as a copied or saved thread keeps them: each post ends (or starts) with its
 * place in the thread ("… why exporters are worried. 1/6", "2/ The regulation requires …", "(3/6)"), and the first
 * may open with the thread's label ("Thread 🧵", "A thread:"). Inside a summary sentence a mark reads as a stray
 * fraction ("… before the end of the year. 5/6").
 */

/** A post's place at its end: " 4/6", " (4/6)", " [4/6]". */
const TRAILING_MARK = /\s+[([]?(\d{1,2})\s?\/\s?(\d{1,2})[)\]]?\s*$/u;
/** A post's place at its start, its total left out or not: "4/ ", "4/6 ", "(4/6) ". */
const LEADING_MARK = /^[([]?(\d{1,2})\s?\/\s?(\d{1,2})?[)\]]?\s+(?=\S)/u;
/** A thread's label before its first post: "Thread 🧵", "A thread:", "🧵👇". */
const THREAD_LABEL = /^(?:(?:a |long |short )?thread\s*(?:[:🧵👇⬇️]\s*)+|[🧵👇]+\s*)(?=\S)/iu;

/** Where a mark stands in its post. */
type Side = 'end' | 'start';

interface Mark {
  index: number;
  place: number;
  side: Side;
}

/** The marks in place order: the first post's place is 1 (or 0), each next one more, all on one side, of one total. */
function threadMarks(texts: readonly string[], side: Side): Mark[] {
  const marks: Mark[] = [];
  let total: number | null = null;
  for (const [index, text] of texts.entries()) {
    const m = (side === 'end' ? TRAILING_MARK : LEADING_MARK).exec(text);
    if (!m) continue;
    const place = Number(m[1]);
    const of = m[2] === undefined ? null : Number(m[2]);
    if (of !== null && (place > of || (total !== null && of !== total))) return [];
    total ??= of;
    const last = marks.at(-1);
    if (last ? place <= last.place : place > 1) return [];
    marks.push({ index, place, side });
  }
  return marks;
}

/**
 * The paragraphs without their thread marks, and the marks taken out (for the removal that says so). Only a
 * thread: two marks or more, counting up from the first post, of one total. A fraction in one sentence ("… won
 * 3/4 of the seats") or a date ("on 4/6") is no mark: it is one, or not at the end of a run of posts.
 */
export function withoutThreadMarks(texts: readonly string[]): { texts: string[]; marks: string[][] } {
  const out = [...texts];
  const taken: string[][] = texts.map(() => []);
  if (!texts.some((text) => text.includes('/'))) return { texts: out, marks: taken };
  for (const side of ['end', 'start'] as const) {
    const marks = threadMarks(out, side);
    if (marks.length < 2) continue;
    for (const { index } of marks) {
      const pattern = side === 'end' ? TRAILING_MARK : LEADING_MARK;
      out[index] = out[index]!.replace(pattern, (mark) => {
        taken[index]!.push(mark.trim());
        return '';
      });
    }
    // The thread's label, before its first post.
    const first = marks[0]!.index;
    out[first] = out[first]!.replace(THREAD_LABEL, (label) => {
      taken[first]!.unshift(label.trim());
      return '';
    });
  }
  return { texts: out, marks: taken };
}
