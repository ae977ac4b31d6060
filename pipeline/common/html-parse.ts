/**
 * HTML → hast through unified + rehype-parse, guarded against pages that
 * would blow the call stack: hast-util-from-parse5 recurses once per level of
 * nesting (≈2,000 levels overflow Node's stack) and parse5 itself turns
 * quadratic on tens of thousands of open elements (50,000 nested divs take
 * ~20 s). So before parsing, one linear scan measures the nesting depth of the
 * tags; past `MAX_DEPTH` the tags that open deeper are dropped (their text is
 * kept, in order) and the page gets a warning.
 */
import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

/** Deeper than any real page (real pages stay well under 100); shallow enough for recursive hast utilities. */
export const MAX_DEPTH = 400;

export interface ParseWarning {
  ruleId: string;
  reason: string;
  line?: number;
}

export interface Parsed {
  tree: Root;
  warnings: ParseWarning[];
  /** The HTML parsed: the page's, or its flattened copy (the tree's positions are offsets into this). */
  source: string;
}

// Elements that never take a closing tag, so they never deepen the tree.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command', 'basefont', 'bgsound', 'frame', 'image']);
// Elements whose content is text, not markup: skipped to their end tag.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes']);

interface Tag {
  start: number;
  end: number;
  closing: boolean;
  /** Opens a level: a start tag that is neither void nor self-closing. */
  opens: boolean;
}

const isNameChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;

/**
 * Walks the tags of a page with indexOf and char codes (no regex match objects:
 * this runs on every page, 10 MB ones included), skipping comments and the
 * content of raw-text elements.
 */
function scanTags(html: string, visit: (tag: Tag) => void): void {
  let i = html.indexOf('<');
  while (i !== -1 && i < html.length - 1) {
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      if (close === -1) return;
      i = html.indexOf('<', close + 3);
      continue;
    }
    const closing = html.charCodeAt(i + 1) === 47; // '/'
    let j = closing ? i + 2 : i + 1;
    const nameStart = j;
    while (j < html.length && isNameChar(html.charCodeAt(j))) j++;
    if (j === nameStart) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const end = html.indexOf('>', j);
    if (end === -1) return;
    const name = html.slice(nameStart, j).toLowerCase();
    const selfClosing = html.charCodeAt(end - 1) === 47;
    visit({ start: i, end: end + 1, closing, opens: !closing && !selfClosing && !VOID.has(name) });
    if (!closing && RAW_TEXT.has(name)) {
      let close = html.indexOf('</', end + 1);
      while (close !== -1 && html.slice(close + 2, close + 2 + name.length).toLowerCase() !== name) close = html.indexOf('</', close + 2);
      if (close === -1) return;
      i = close;
      continue;
    }
    i = html.indexOf('<', end + 1);
  }
}

/**
 * Drops start and end tags nested deeper than `limit` (counting opened minus
 * closed non-void tags); returns null when the page never gets that deep,
 * which is the common case and costs one scan.
 */
export function flattenDeepNesting(html: string, limit = MAX_DEPTH): { html: string; maxDepth: number } | null {
  let depth = 0;
  let maxDepth = 0;
  scanTags(html, (tag) => {
    if (tag.closing) depth = Math.max(0, depth - 1);
    else if (tag.opens && ++depth > maxDepth) maxDepth = depth;
  });
  if (maxDepth <= limit) return null;
  const parts: string[] = [];
  let last = 0;
  depth = 0;
  scanTags(html, (tag) => {
    let drop = false;
    if (tag.closing) {
      drop = depth > limit;
      depth = Math.max(0, depth - 1);
    } else if (tag.opens) drop = ++depth > limit;
    if (drop) {
      parts.push(html.slice(last, tag.start), ' ');
      last = tag.end;
    }
  });
  parts.push(html.slice(last));
  return { html: parts.join(''), maxDepth };
}

const processor = unified().use(rehypeParse);

export function parseHtml(html: string): Parsed {
  const warnings: ParseWarning[] = [];
  const flattened = flattenDeepNesting(html);
  if (flattened) {
    warnings.push({
      ruleId: 'clean/html-too-deep',
      reason: `elements nested ${flattened.maxDepth} levels deep; tags below level ${MAX_DEPTH} were flattened (their text is kept)`,
    });
    html = flattened.html;
  }
  try {
    return { tree: processor.parse(html), warnings, source: html };
  } catch (error) {
    // Last resort: something in the parser still failed; give an empty tree and say why.
    warnings.push({ ruleId: 'clean/html-unparseable', reason: `the HTML could not be parsed: ${(error as Error).message}` });
    return { tree: { type: 'root', children: [] }, warnings, source: html };
  }
}
