/**
 * A newsletter digest sent as an HTML e-mail (or a feed item), as most are: its items under headings (`<h2>`, or a line
 * in bold) in the nested tables every e-mail is laid out with, or a link roundup's results (a linked headline over its
 * outlet's name). The same items as a plain-text digest's (`digestItems`, the same thresholds), found in the e-mail's
 * blocks instead of its lines; each item — its heading and paragraphs, rebuilt from the source — is an article of its
 * own, linked where its heading links to the story.
 */
import type { Element, Root, RootContent } from 'hast';
import { parseHtml } from '../common/html-parse.ts';
import { wordCount } from '../common/text.ts';
import type { DigestItem } from './digest.ts';
import { unwrapRedirect } from './feed-fields.ts';

/** One item: its place in the e-mail's source (`start`/`end` its lines, from 1), its HTML, and the story it links to. */
export interface HtmlDigestItem extends DigestItem {
  html: string;
  link: string | null;
  /** The outlet a link roundup names under the headline ("Reuters"), the item's publisher. */
  source: string | null;
}

/** A block of the e-mail, in document order: its text on one line, whether it reads as a heading, and where it stands. */
interface Block {
  text: string;
  heading: boolean;
  /** Where its content stands in the source (offsets): the element's children, or the run of text. */
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** The address of a link holding all its text (a headline linked to its story, "Read more"). */
  link: string | null;
  /** A roundup's headline: the outlet named on the line under it (`roundupHeadings`). */
  source?: string;
}

/** Elements that start a block of their own; text and inline elements between them make blocks too. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hr', 'html', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const SKIPPED = new Set(['head', 'script', 'style', 'template', 'noscript', 'title']);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Bold as e-mail templates write it: the element, or an inline style (`font-weight:bold`, `700`). */
const BOLD_TAGS = new Set(['strong', 'b']);
const BOLD_STYLE = /font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b/i;

/** A cheap test first: an e-mail without three elements that could head an item (or link a roundup's) is no digest. */
const HEADING_MARKUP = /<(?:h[1-6]|strong|b|a)[\s>]|font-weight\s*:\s*(?:bold|[6-9]00)/gi;
function enoughHeadingMarkup(html: string): boolean {
  HEADING_MARKUP.lastIndex = 0;
  let found = 0;
  while (HEADING_MARKUP.exec(html)) if (++found >= 3) return true;
  return false;
}

/** Marks a heading block's line for `digestItems` (no text starts with it). */
const HEADING_MARK = '\u0001';

/** The text a line of `EmailText.text` heads an item with: a heading block's, no other (`digestItems`'s `headingText`). */
export function headingText(line: string): string | null {
  return line.startsWith(HEADING_MARK) ? line.slice(1) : null;
}

/** An HTML e-mail as text for `digestItems`, and its items back as HTML. */
export interface EmailText {
  /** Its blocks one to a line, a blank line between them, heading blocks marked (`headingText`). */
  text: string;
  /** An item found in `text`, as HTML: its heading and its paragraphs, each block's content as the source writes it. */
  itemOf: (item: DigestItem) => HtmlDigestItem;
  /** Every heading is a link roundup's, over its outlet's name (`roundupHeadings`). */
  roundup: boolean;
}

/**
 * The e-mail's blocks as text, or null when it cannot be a digest. Read as a plain-text digest is (digest.ts, the same
 * thresholds) with one difference: only a block that reads as a heading (a heading element, or all of it in bold)
 * heads an item — a short line of a `<p>` does not.
 */
export function emailText(html: string): EmailText | null {
  if (!enoughHeadingMarkup(html)) return null;
  // Nested past any real page, the e-mail is parsed flattened: its blocks are slices of that copy.
  const { tree, source } = parseHtml(html);
  const blocks = roundupHeadings(blocksOf(tree));
  // Block i is line 2i + 1 of the text.
  const text = blocks.map((block) => (block.heading ? HEADING_MARK + block.text : block.text)).join('\n\n');
  const itemOf = (item: DigestItem): HtmlDigestItem => {
    const first = blocks[(item.start - 1) / 2]!;
    const lastIndex = (item.end - 1) / 2;
    const last = blocks[lastIndex]!;
    // The story's address: the headline's link, else a link alone after the item's text ("Read more").
    const after = blocks[lastIndex + 1];
    const link = first.link ?? (after && !after.heading ? after.link : null);
    // Its blocks' content rebuilt as a heading and paragraphs: a slice of the source from the heading to the last
    // paragraph would cross the layout table's cells and rows, which outside their table parse as nothing (the
    // headline ran into the first paragraph).
    const body = blocks.slice((item.start - 1) / 2 + 1, lastIndex + 1).map((block) => `<p>${source.slice(block.start, block.end)}</p>`);
    const itemHtml = [`<h2>${source.slice(first.start, first.end)}</h2>`, ...body].join('\n');
    return { headline: item.headline, text: item.text, start: first.startLine, end: last.endLine, html: itemHtml, link: link && (unwrapRedirect(link) ?? link), source: first.source ?? null };
  };
  const headings = blocks.filter((block) => block.heading);
  return { text, itemOf, roundup: headings.length > 0 && headings.every((block) => block.source !== undefined) };
}

/** A headline's fewest words (digest.ts): "Read more" over a sponsor's label heads nothing. */
const MIN_HEADLINE_WORDS = 3;
/** Up to this many words, a line under a linked headline names its outlet ("Reuters", "E&E News"). */
const MAX_SOURCE_WORDS = 5;

/**
 * A link roundup's items as alert services and curators send them (Google Alerts, a press office's clippings): a headline
 * that is a link to the story, the outlet's name on a line of its own, then a snippet of the story. The headline heads
 * an item (when a snippet long enough follows, digest.ts), its outlet's line is no line of it (and publishes it). A
 * link over a longer line, or over no outlet, heads nothing: "View this email in your browser" over a greeting is no item.
 */
function roundupHeadings(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const outlet = blocks[i + 1];
    const linkedHeadline = !block.heading && block.link !== null && wordCount(block.text) >= MIN_HEADLINE_WORDS;
    if (linkedHeadline && outlet && blocks[i + 2] && !outlet.link && isOutletLine(outlet.text)) {
      out.push({ ...block, heading: true, source: outlet.text });
      i++;
    } else out.push(block);
  }
  return out;
}

/** A name alone: a few words, the first capitalised, no sentence's or label's end. */
function isOutletLine(text: string): boolean {
  return wordCount(text) <= MAX_SOURCE_WORDS && /^[\p{Lu}\p{N}]/u.test(text) && !/[.!?:;,]$/.test(text);
}

/** The blocks of a parsed e-mail, in document order: each block element holding no other, and each run of text between them. */
function blocksOf(root: Root): Block[] {
  const blocks: Block[] = [];
  const visit = (parent: Root | Element): void => {
    let run: RootContent[] = [];
    const flush = (): void => {
      const block = blockOf(run, null);
      if (block) blocks.push(block);
      run = [];
    };
    for (const child of parent.children) {
      if (child.type === 'element' && SKIPPED.has(child.tagName)) continue;
      if (child.type === 'element' && BLOCK.has(child.tagName)) {
        flush();
        if (holdsBlock(child)) visit(child);
        else {
          // Lines a <br> ends are lines of their own ("<p><b>Copper hits record</b><br>Copper rose …</p>"), a heading's aside.
          const lines = HEADING_TAGS.has(child.tagName) ? [child.children] : linesOf(child.children);
          for (const line of lines) {
            const block = blockOf(line, lines.length === 1 ? child : null);
            if (block) blocks.push(block);
          }
        }
      } else run.push(child);
    }
    flush();
  };
  visit(root);
  return blocks;
}

/** Nodes split at the `<br>`s among them. */
function linesOf(nodes: readonly RootContent[]): RootContent[][] {
  const lines: RootContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'element' && node.tagName === 'br') lines.push([]);
    else lines[lines.length - 1]!.push(node);
  }
  return lines.filter((line) => line.length > 0);
}

function holdsBlock(element: Element): boolean {
  return element.children.some((child) => child.type === 'element' && (BLOCK.has(child.tagName) || holdsBlock(child)));
}

/** A block of these nodes (the children of `element`, or a run of inline nodes): null when it has no text or no place. */
function blockOf(nodes: readonly RootContent[], element: Element | null): Block | null {
  const pieces: { text: string; bold: boolean }[] = [];
  const links = new Set<string>();
  let linkedText = 0;
  const walk = (node: RootContent, bold: boolean, link: string | null): void => {
    if (node.type === 'text') {
      pieces.push({ text: node.value, bold });
      const letters = node.value.replace(/\s/g, '').length;
      if (link && letters > 0) {
        links.add(link);
        linkedText += letters;
      }
    } else if (node.type === 'element' && !SKIPPED.has(node.tagName)) {
      const style = node.properties['style'];
      const isBold = bold || BOLD_TAGS.has(node.tagName) || (typeof style === 'string' && BOLD_STYLE.test(style));
      const href = node.tagName === 'a' && typeof node.properties['href'] === 'string' && /^https?:\/\//i.test(node.properties['href']) ? node.properties['href'] : link;
      for (const child of node.children) walk(child, isBold, href);
    }
  };
  const elementBold = element !== null && typeof element.properties['style'] === 'string' && BOLD_STYLE.test(element.properties['style']);
  for (const node of nodes) walk(node, elementBold, null);
  const text = pieces.map((piece) => piece.text).join('').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  const start = first?.position?.start.offset;
  const end = last?.position?.end.offset;
  if (start === undefined || end === undefined) return null;
  const heading = (element !== null && HEADING_TAGS.has(element.tagName)) || pieces.every((piece) => piece.bold || piece.text.trim() === '');
  const compact = text.replace(/\s/g, '').length;
  return {
    text,
    heading,
    start,
    end,
    startLine: (element ?? first!).position!.start.line,
    endLine: (element ?? last!).position!.end.line,
    link: links.size === 1 && linkedText >= compact * 0.9 ? [...links][0]! : null,
  };
}
