/**
 * Long Markdown is parsed in pieces. micromark's time grows faster than its
 * input: one list of 200,000 items took 52 s, and 150,000 "[a](b" on one line
 * took minutes: its time grew with the square of the line's length (the profile
 * shows micromark resolving the line's text again and again). An article
 * is a few thousand words, so bodies up to PIECE_SIZE — nearly all of them —
 * are parsed whole. A longer body is cut where a cut changes the least:
 *
 * - before a line that starts a block (not blank, not indented) after a blank
 *   line, outside fenced code and HTML comments; an indented line may continue
 *   a list item or be indented code;
 * - failing that, once a piece reaches twice the size, before any line outside
 *   fenced code and comments (a list of thousands of items becomes several lists);
 * - a single line longer than LINE_SIZE is cut at sentence ends (else at a
 *   space) into paragraphs of its own: a line that long is a scrape without breaks.
 *
 * Link reference definitions ("[x]: url") are repeated at the end of every
 * piece, so a reference still resolves when its definition is in another piece.
 */
export interface MarkdownPiece {
  text: string;
  /** The body's line (1-based) on which the piece starts. */
  firstLine: number;
}

const PIECE_SIZE = 32 * 1024;
const LINE_SIZE = 16 * 1024;
/** Definitions repeated in every piece, at most: past this a body of definitions would be repeated quadratically. */
const MAX_DEFINITIONS_SIZE = 8 * 1024;

const BLANK = /^[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DEFINITION = /^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*\S/;
const COMMENT_START = /^ {0,3}<!--/;

export function markdownPieces(markdown: string): MarkdownPiece[] {
  if (markdown.length <= PIECE_SIZE) return [{ text: markdown, firstLine: 1 }];
  // micromark ends a line at \r\n, \r or \n: so do the pieces' line numbers.
  const lines = markdown.split(/\r\n|\r|\n/);
  const definitions = definitionsOf(lines);
  const pieces: MarkdownPiece[] = [];
  let start = 0;
  let size = 0;
  const cut = (end: number) => {
    if (end > start) pieces.push({ text: lines.slice(start, end).join('\n') + definitions, firstLine: start + 1 });
    start = end;
    size = 0;
  };
  let fence: string | null = null; // the opening fence's marks while inside fenced code
  let comment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const outside = fence === null && !comment;
    if (outside && line.length > LINE_SIZE) {
      cut(i);
      for (const part of lineParts(line)) pieces.push({ text: part, firstLine: i + 1 });
      start = i + 1;
      continue;
    }
    if (outside && i > start && size >= PIECE_SIZE) {
      const blockStart = BLANK.test(lines[i - 1]!) && !BLANK.test(line) && !/^[ \t]/.test(line);
      if (blockStart || size >= 2 * PIECE_SIZE) cut(i);
    }
    if (fence !== null) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && BLANK.test(line.slice(close[0].length))) fence = null;
    } else if (comment) {
      if (line.includes('-->')) comment = false;
    } else {
      const open = FENCE.exec(line);
      if (open) fence = open[1]!;
      else if (COMMENT_START.test(line) && !line.slice(line.indexOf('<!--') + 4).includes('-->')) comment = true;
    }
    size += line.length + 1;
  }
  cut(lines.length);
  return pieces;
}

/** The body's link reference definitions, as text to append to a piece ('' when none, or too many to repeat). */
function definitionsOf(lines: readonly string[]): string {
  const found = lines.filter((line) => DEFINITION.test(line));
  const text = found.join('\n');
  return found.length === 0 || text.length > MAX_DEFINITIONS_SIZE ? '' : `\n\n${text}`;
}

/** A line too long to parse in one go, cut at sentence ends (else spaces) into parts of at most LINE_SIZE. */
function lineParts(line: string): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > LINE_SIZE) {
    const window = rest.slice(0, LINE_SIZE);
    let at = lastMatchEnd(window, /[.!?]["”’)]*[ \t]+/g, LINE_SIZE / 2);
    if (at < 0) at = lastMatchEnd(window, /[ \t]+/g, LINE_SIZE / 2);
    if (at < 0) at = LINE_SIZE - (/[\uD800-\uDBFF]/.test(window[LINE_SIZE - 1]!) ? 1 : 0); // never split a surrogate pair
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trimStart();
  }
  parts.push(rest.trim());
  return parts.filter(Boolean);
}

/** Where the last match of `pattern` in `text` ending at or after `min` ends, or -1. */
function lastMatchEnd(text: string, pattern: RegExp, min: number): number {
  let end = -1;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index + m[0].length >= min) end = m.index + m[0].length;
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return end;
}
