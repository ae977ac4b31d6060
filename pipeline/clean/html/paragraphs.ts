/**
 * The kept article → sanitized hast → typed paragraphs (pass 3, over the
 * article only). rehype-sanitize (GitHub's schema, plus the raw-text elements
 * stripped whole) guarantees nothing executable or hidden survives: no
 * <script>/<style> text, no event handlers, no `javascript:` URLs.
 */
import type { Element, Root, RootContent } from 'hast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import { unified } from 'unified';
import type { Paragraph, ParagraphType } from '../../types.ts';
import { wordCount } from '../../common/text.ts';
import { endsLikeSentence, looksLikeHeading } from '../text/structure.ts';
import { isFootnoteMark } from '../text/citations.ts';

const schema = {
  ...defaultSchema,
  // A table's `role` says whether it is one of data: e-mail builders mark their layout tables "presentation" (isLayoutTable).
  attributes: { ...defaultSchema.attributes, table: [...(defaultSchema.attributes?.['table'] ?? []), 'role'] },
  strip: [...(defaultSchema.strip ?? []), 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'textarea', 'select', 'button', 'object'],
};

const sanitizer = unified().use(rehypeSanitize, schema);

export function sanitizeArticle(root: Root): Root {
  return sanitizer.runSync(root) as Root;
}

/** Elements after which text starts a new paragraph. */
const BREAKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'figure', 'figcaption', 'address', 'center',
  'details', 'summary', 'dl', 'dd', 'dt', 'pre', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'table', 'caption',
]);

const collapse = (text: string): string =>
  text
    .replace(/[ \t\r\f\v\u00a0\u200b]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();

/** Text of a subtree, `<br>` as a line break, iteratively. */
function textOf(node: Element): string {
  const out: string[] = [];
  const stack: RootContent[] = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out.push(n.value.replace(/\s+/g, ' '));
    else if (n.type === 'element') {
      if (n.tagName === 'br') out.push('\n');
      else if (BREAKS.has(n.tagName) || n.tagName === 'li' || n.tagName === 'tr') out.push(' ');
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return collapse(out.join(''));
}

function listText(list: Element): string {
  const ordered = list.tagName === 'ol';
  const items: string[] = [];
  for (const child of list.children) {
    if (child.type !== 'element') continue;
    const text = child.tagName === 'li' ? textOf(child) : textOf(child);
    if (text) items.push(`${ordered ? `${items.length + 1}.` : '-'} ${text.replace(/\n/g, ' ')}`);
  }
  return items.join('\n');
}

function tableText(table: Element): string {
  const rows: string[] = [];
  const stack: RootContent[] = [...table.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'element') continue;
    if (n.tagName === 'tr') {
      const cells = n.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th')).map((c) => textOf(c).replace(/\n/g, ' '));
      if (cells.some(Boolean)) rows.push(cells.join(' | '));
    } else if (n.tagName !== 'table') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return rows.join('\n');
}

/**
 * A block's first line when it is a subheading set on a line of its own by a `<br>` ("About Acme Ltd<br>Acme Ltd is
 * a …", "Conference call<br>Acme will host …", as e-mailed releases and old sites write them), and the rest: read as
 * one paragraph, a label (and the boilerplate under it) was the first words of the text after it. Only a short
 * heading-shaped line over a sentence of its own.
 */
function leadingHeading(text: string): { heading: string; rest: string } | null {
  const newline = text.indexOf('\n');
  if (newline < 0) return null;
  const heading = text.slice(0, newline).trim();
  const rest = text.slice(newline + 1).trim();
  if (wordCount(heading) > HEADING_LINE_WORDS || !looksLikeHeading(heading)) return null;
  if (wordCount(rest) < 12 || !endsLikeSentence(rest)) return null;
  return { heading, rest };
}

/** At most this many words in a subheading on the first line of a block. */
const HEADING_LINE_WORDS = 8;

/** Whether the text gathered so far ends with a line break, whitespace aside. */
function endsWithBreak(buffer: readonly string[]): boolean {
  for (let i = buffer.length - 1; i >= 0; i--) {
    if (buffer[i] === '\n') return true;
    if (buffer[i]!.trim()) return false;
  }
  return false;
}

/** A cell holding this many words of running text is a page's column, not a table's datum. */
const LAYOUT_CELL_WORDS = 60;

/** Headings: a cell holding one holds a section of the page under its heading, not a datum. */
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * A table the page is laid out with (an old site's masthead, navigation column and story column;
 * every HTML e-mail, a newsletter's header, items and footer), not one of data: marked so
 * (`role="presentation"` or `"none"`, as e-mail builders write it), or a cell holds a column of
 * running text (60+ words with two sentence ends or more), a heading or another table. Its cells
 * are read as the page's blocks, each its own paragraphs — taken whole as one table, the story,
 * the menu and the copyright line were one block (a newsletter's items, under their headings, one
 * paragraph).
 */
function isLayoutTable(table: Element): boolean {
  const role = table.properties['role'];
  if (role === 'presentation' || role === 'none') return true;
  const stack: RootContent[] = [...table.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'element') continue;
    if (n.tagName === 'table' || HEADINGS.has(n.tagName)) return true;
    if (n.tagName === 'td' || n.tagName === 'th') {
      for (const child of n.children) stack.push(child);
      const text = textOf(n);
      if (text.split(/\s+/).length >= LAYOUT_CELL_WORDS && (text.match(/[.!?]["'”’)]*(?:\s|$)/g) ?? []).length >= 2) return true;
      continue;
    }
    for (const child of n.children) stack.push(child);
  }
  return false;
}

/** Typed paragraphs of the sanitized article, in document order. */
export function toParagraphs(root: Root): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let buffer: string[] = [];
  let bufferType: ParagraphType = 'paragraph';
  let bufferLine: number | undefined;
  const flush = (): void => {
    const text = collapse(buffer.join(''));
    const line = bufferLine ? { line: bufferLine } : {};
    const lead = bufferType === 'paragraph' ? leadingHeading(text) : null;
    if (lead) paragraphs.push({ type: 'heading', text: lead.heading, ...line }, { type: 'paragraph', text: lead.rest, ...line });
    else if (text) paragraphs.push({ type: bufferType, text, ...line });
    buffer = [];
    bufferLine = undefined;
  };
  const push = (type: ParagraphType, text: string, el: Element): void => {
    flush();
    const line = el.position?.start.line;
    if (text) paragraphs.push({ type, text, ...(line ? { line } : {}) });
  };

  interface Frame {
    children: RootContent[];
    next: number;
    type: ParagraphType;
    breaks: boolean;
  }
  const stack: Frame[] = [{ children: root.children, next: 0, type: 'paragraph', breaks: false }];
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.children.length) {
      stack.pop();
      if (frame.breaks) flush();
      continue;
    }
    const node = frame.children[frame.next++]!;
    if (node.type === 'text') {
      if (!buffer.length) {
        if (!node.value.trim()) continue;
        bufferType = frame.type;
        bufferLine = node.position?.start.line;
      }
      buffer.push(node.value.replace(/\s+/g, ' '));
      continue;
    }
    if (node.type !== 'element') continue;
    const tag = node.tagName;
    // A footnote's mark after punctuation ("election.<sup>4</sup>"): not the text's. (One that links to its note,
    // Wikipedia's "<sup><a href="#cite_note-3">[3]</a></sup>", is gone already with the page's in-page links.)
    if (tag === 'sup' && isFootnoteMark(textOf(node), buffer.join(''), false)) continue;
    // A footnote's mark as a link to its note without <sup> (a newsletter platform's "<a class="footnote-anchor"
    // href="#footnote-1">1</a>" after "… at a time."): a mark when it links into the page and follows punctuation.
    if (tag === 'a' && String(node.properties?.['href'] ?? '').startsWith('#') && isFootnoteMark(textOf(node), buffer.join(''), false)) continue;
    if (tag === 'br') {
      // Two line breaks in a row (whitespace between) end a paragraph: pages without <p> separate
      // theirs so, and one block of a story and the sign-up pitch between its paragraphs was
      // removed as a whole, story and all.
      if (endsWithBreak(buffer)) flush();
      else buffer.push('\n');
      continue;
    }
    if (tag === 'ul' || tag === 'ol') {
      push('list', listText(node), node);
      continue;
    }
    if (tag === 'table' && !isLayoutTable(node)) {
      push('table', tableText(node), node);
      continue;
    }
    if (/^h[1-6]$/.test(tag)) {
      push('heading', textOf(node).replace(/\n/g, ' '), node);
      continue;
    }
    // (A cell, or row, is reached only inside a layout table: a data table is taken whole above.)
    const breaks = BREAKS.has(tag) || tag === 'li' || tag === 'td' || tag === 'th' || tag === 'tr';
    if (breaks) flush();
    stack.push({ children: node.children, next: 0, type: tag === 'blockquote' ? 'quote' : frame.type, breaks });
  }
  flush();
  return paragraphs;
}
