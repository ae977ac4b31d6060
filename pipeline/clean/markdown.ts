import type { Nodes, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Paragraph } from '../types.ts';
import { isWholeQuote } from './text/structure.ts';
import { markdownPieces } from './markdown-pieces.ts';
import { isFootnoteMark } from './text/citations.ts';

/** Markdown parser with GitHub tables and strikethrough; built once. */
const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * Per-article overrides an editor writes into the Markdown body as HTML comments
 * (invisible when the Markdown is rendered anywhere else):
 * `<!-- briefing: keep -->` before a paragraph keeps it whatever the rules say;
 * `<!-- briefing: keep-all -->` anywhere keeps the whole article as written.
 */
const KEEP_NEXT = /^<!--\s*briefing:\s*keep\s*-->$/i;
const KEEP_ALL = /^<!--\s*briefing:\s*keep-all\s*-->$/i;

export interface MarkdownBlocks {
  paragraphs: Paragraph[];
  /** Indexes (into `paragraphs`) the editor marked to keep. */
  keep: number[];
  keepAll: boolean;
  /** A site generator's template tags left out of the text (`TEMPLATE_TAG`), with their lines: reported as removed. */
  templateTags: { text: string; line?: number }[];
}

/** Markdown body → typed paragraphs (headings, lists, quotes, tables), with source lines. */
export function markdownToParagraphs(markdown: string): MarkdownBlocks {
  // The parser and its utilities recurse per nesting level; refuse absurd nesting up front
  // (the caller reads such a body as plain text) rather than overflowing the stack slowly.
  if (/^(?:[ \t]*>){100}|^(?:[ \t]*[-*+] ){100}/m.test(markdown)) throw new Error('nested more than 100 levels deep');
  const out: MarkdownBlocks = { paragraphs: [], keep: [], keepAll: false, templateTags: [] };
  let keepNext = false;
  for (const piece of markdownPieces(markdown)) {
    const tree = parser.parse(piece.text) as Root;
    for (const node of tree.children) {
      const line = lineOf(node, piece.firstLine);
      if (node.type === 'html') {
        const value = node.value.trim();
        if (KEEP_ALL.test(value)) out.keepAll = true;
        else if (KEEP_NEXT.test(value)) keepNext = true;
        else {
          const text = htmlText(value);
          if (text) push(out, { type: 'paragraph', text, line }, false);
        }
        continue;
      }
      const made = toBlock(node, line);
      const block = made && withoutTemplateTags(made, out.templateTags);
      if (!block) continue;
      push(out, block, keepNext);
      keepNext = false;
    }
  }
  return out;
}

/**
 * A site generator's template tags in a post's Markdown: Hugo's shortcodes ("{{< tweet … >}}", "{{% notice info %}}"),
 * Liquid's tags (Jekyll's "{% include newsletter-signup.html %}"), expressions set off by spaces ("{{ site.title }}",
 * "{{ partial "subscribe.html" . }}") and Go's "{{.Title}}". The page they
 * build puts a widget, a figure or a box there; the Markdown holds only the instruction. A paired shortcode's text
 * between its tags stays.
 */
const TEMPLATE_TAG = /\{\{[<%]-?\s*\/?[\w./-]+(?:\s[^{}]*?)?-?\s*[>%]\}\}|\{%-?\s*[\w./-]+(?:\s[^{}%]*?)?\s*-?%\}|\{\{-?\s+\.?[\w.]+(?:\s+[^{}]*?)?\s+-?\}\}|\{\{\.[\w.]+\}\}/g;

function withoutTemplateTags(block: Paragraph, removed: MarkdownBlocks['templateTags']): Paragraph | null {
  if (!block.text.includes('{')) return block;
  const tags: string[] = [];
  const text = block.text
    .replace(TEMPLATE_TAG, (tag) => {
      tags.push(tag);
      return ' ';
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
  if (tags.length > 0) removed.push({ text: tags.join(' '), ...(block.line === undefined ? {} : { line: block.line }) });
  if (text === block.text) return block;
  return text ? { ...block, text } : null;
}

function push(out: MarkdownBlocks, block: Paragraph, keep: boolean): void {
  if (keep) out.keep.push(out.paragraphs.length);
  out.paragraphs.push(block);
}

function toBlock(node: RootContent, line: number | undefined): Paragraph | null {
  const at = (p: Omit<Paragraph, 'line'>): Paragraph => (line === undefined ? p : { ...p, line });
  switch (node.type) {
    case 'heading':
      return nonEmpty(at({ type: 'heading', text: inline(node) }));
    case 'paragraph': {
      const text = inline(node);
      return nonEmpty(at({ type: isWholeQuote(text) ? 'quote' : 'paragraph', text }));
    }
    case 'blockquote':
      return nonEmpty(at({ type: 'quote', text: node.children.map((c) => inline(c)).filter(Boolean).join(' ') }));
    case 'list': {
      const start = node.start ?? 1;
      const items = node.children.map((item, i) => `${node.ordered ? `${start + i}.` : '-'} ${inline(item)}`);
      return nonEmpty(at({ type: 'list', text: items.join('\n') }));
    }
    case 'table':
      return nonEmpty(at({ type: 'table', text: tableText(node) }));
    case 'code':
      return nonEmpty(at({ type: 'paragraph', text: node.value.trim() }));
    default:
      // thematic breaks, definitions, footnote definitions, yaml: not article text
      return null;
  }
}

function nonEmpty(block: Paragraph): Paragraph | null {
  return block.text.trim() ? block : null;
}

/** Text of a node on one line: Markdown hard breaks and soft wraps become spaces; images count by alt text only. */
function inline(node: Nodes): string {
  return toString(withoutFootnoteMarks(node), { includeImageAlt: false, includeHtml: false }).replace(/\s+/g, ' ').trim();
}

const SUP_OPEN = /^<sup\b[^>]*>$/i;
const SUP_CLOSE = /^<\/sup\s*>$/i;

/**
 * A node without the footnote marks written as raw HTML in it ("… election.<sup>4</sup>": the tags are
 * HTML nodes, the mark a text node between them, which the text would keep as "election.4").
 */
function withoutFootnoteMarks(node: Nodes): Nodes {
  if (!('children' in node)) return node;
  const children = node.children as Nodes[];
  const out: Nodes[] = [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === 'html' && SUP_OPEN.test(child.value.trim())) {
      const close = children.findIndex((c, j) => j > i && c.type === 'html' && SUP_CLOSE.test(c.value.trim()));
      if (close > i) {
        const inner = children.slice(i + 1, close);
        const text = inner.map((c) => toString(c, { includeHtml: false })).join('');
        const before = out.map((c) => toString(c, { includeHtml: false })).join('');
        const linked = inner.some((c) => (c.type === 'link' && c.url.startsWith('#')) || (c.type === 'html' && /href=["']#/i.test(c.value)));
        if (isFootnoteMark(text, before, linked)) {
          i = close;
          continue;
        }
      }
    }
    out.push(withoutFootnoteMarks(child));
  }
  return { ...node, children: out } as Nodes;
}

/** Rows as lines, cells separated by " | " — readable as plain text and in email. */
function tableText(table: Table): string {
  return table.children.map((row) => row.children.map((cell) => inline(cell)).join(' | ')).join('\n');
}

function htmlText(html: string): string {
  if (/^<!--[\s\S]*-->$/.test(html)) return '';
  return html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A node's line in the whole body, from its line in the piece that starts at `firstLine`. */
function lineOf(node: RootContent, firstLine: number): number | undefined {
  const line = node.position?.start.line;
  return line === undefined ? undefined : line + firstLine - 1;
}
