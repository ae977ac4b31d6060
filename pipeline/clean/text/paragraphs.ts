import type { Paragraph } from '../../types.ts';
import { endsLikeSentence, isListItem, isWholeQuote, looksLikeHeading, normaliseListItem } from './structure.ts';
import { appendAll } from '../../common/arrays.ts';
import { isCreditLine } from '../furniture/lexicon.ts';

interface Line {
  text: string;
  /** 1-based line number in the text. */
  line: number;
}

/**
 * Plain text → paragraphs, keeping the writer's boundaries. Scraped text comes
 * in two shapes: blank-line paragraphs, and one paragraph per line (no blank
 * lines at all). Both are read line by line; lines are only joined back when a
 * chunk is visibly hard-wrapped (short lines that stop mid-sentence), so a
 * subheading on its own line is never glued into the next sentence.
 */
export function textToParagraphs(raw: string): Paragraph[] {
  const chunks: Line[][] = [];
  let current: Line[] = [];
  raw.replace(/\r\n?/g, '\n').split('\n').forEach((text, index) => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (trimmed === '') {
      if (current.length > 0) chunks.push(current);
      current = [];
    } else {
      current.push({ text: trimmed, line: index + 1 });
    }
  });
  if (current.length > 0) chunks.push(current);

  const blocks: Paragraph[] = [];
  for (const chunk of chunks) appendAll(blocks, chunkToBlocks(chunk));
  return typeBlocks(blocks);
}

/**
 * Hard-wrapped lines joined back into one paragraph. A line that ends in a hyphen after a letter,
 * before a line that starts in lower case, is a word split by the wrap ("the govern-" / "ment has"):
 * it is joined without a space. The hyphen stays, since a wrap also falls after a compound's own
 * hyphen ("well-" / "known"), and which one it was cannot be told from the text.
 */
function joinWrapped(lines: readonly string[]): string {
  let text = lines[0] ?? '';
  for (let i = 1; i < lines.length; i++) text += (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(lines[i]!) ? '' : ' ') + lines[i];
  return text;
}

function chunkToBlocks(chunk: Line[]): Paragraph[] {
  const blocks: Paragraph[] = [];
  const wrapped = isHardWrapped(chunk);
  let pending: Line[] = [];
  const flushPending = () => {
    if (pending.length === 0) return;
    blocks.push({ type: 'paragraph', text: joinWrapped(pending.map((l) => l.text)), line: pending[0]!.line });
    pending = [];
  };
  for (let i = 0; i < chunk.length; i++) {
    const line = chunk[i]!;
    if (isListItem(line.text)) {
      flushPending();
      const items: string[] = [];
      const start = line.line;
      while (i < chunk.length && isListItem(chunk[i]!.text)) items.push(normaliseListItem(chunk[i++]!.text));
      i--;
      blocks.push({ type: 'list', text: items.join('\n'), line: start });
    } else if (/^>\s?/.test(line.text)) {
      flushPending();
      const quoted: string[] = [];
      const start = line.line;
      while (i < chunk.length && /^>\s?/.test(chunk[i]!.text)) quoted.push(chunk[i++]!.text.replace(/^>\s?/, ''));
      i--;
      blocks.push({ type: 'quote', text: quoted.join(' ').trim(), line: start });
    } else if (wrapped) {
      pending.push(line);
    } else {
      blocks.push({ type: 'paragraph', text: line.text, line: line.line });
    }
  }
  flushPending();
  return blocks;
}

/**
 * A chunk typed at a fixed width: several lines, none longer than a terminal
 * line, most of them stopping without sentence punctuation. One-paragraph-per-
 * line text has long lines that end in full stops, so it never qualifies.
 */
function isHardWrapped(chunk: Line[]): boolean {
  if (chunk.length < 2) return false;
  const body = chunk.slice(0, -1).filter((l) => !isListItem(l.text));
  if (body.length === 0) return false;
  if (body.some((l) => l.text.length > 100)) return false;
  const open = body.filter((l) => !endsLikeSentence(l.text)).length;
  // A heading followed by one paragraph line is two blocks, not a wrapped paragraph.
  if (chunk.length === 2) return open === 1 && /^[\p{Ll}\d]/u.test(chunk[1]!.text) && body[0]!.text.length > 40;
  return open / body.length >= 0.5 && body.filter((l) => l.text.length >= 40).length / body.length >= 0.6;
}

/**
 * Marks subheadings and whole-paragraph quotations. A heading-like line is only a
 * heading when article text follows it — a short last line ("Read more") is not.
 */
function typeBlocks(blocks: Paragraph[]): Paragraph[] {
  return blocks.map((block, index) => {
    if (block.type !== 'paragraph') return block;
    // A byline or time stamp under a title ("By FELIX AMUNDSEN Associated Press") is not what follows it: the text after is.
    let after = index + 1;
    while (after < blocks.length && isCreditLine(blocks[after]!.text)) after++;
    const next = blocks[after];
    if (next && looksLikeHeading(block.text) && !looksLikeHeading(next.text)) return { ...block, type: 'heading' };
    if (isWholeQuote(block.text)) return { ...block, type: 'quote' };
    return block;
  });
}
