/**
 * Pass 1: one iterative walk over the whole tree (no recursion, so no depth
 * limit) that measures every element — text length, link text, commas,
 * paragraphs — scores the blocks that hold text the way Readability does
 * (a block's score flows to its parent and, decaying, to a few ancestors),
 * and collects the raw metadata sources (meta tags, JSON-LD, <time>, <title>).
 */
import type { Element, Root, RootContent } from 'hast';
import { hintFor, type Hint } from './hints.ts';
import { appendAll } from '../../common/arrays.ts';

/** Elements whose content is never article text. */
export const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'select', 'option', 'button', 'input', 'textarea', 'head', 'video', 'audio', 'map', 'dialog',
]);

/** Elements that start a new block of text (everything else is inline). */
export const BLOCK_TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dd', 'dt', 'td', 'th', 'blockquote', 'pre', 'figcaption', 'caption',
  'div', 'section', 'article', 'main', 'body', 'header', 'footer', 'aside', 'nav', 'form', 'ul', 'ol', 'dl', 'table',
  'tr', 'tbody', 'thead', 'tfoot', 'figure', 'address', 'center', 'details', 'summary', 'fieldset', 'hr', 'br', 'html',
]);

/**
 * Furniture kinds that never wrap the article, so prose inside them is never
 * the article either. Sidebars, rails and promos are left out: sites name the
 * main column "side-of-rail" or wrap it in a "sticky-sidebar" container.
 */
const INHERITED = new Set<string>(['clean/comments', 'clean/related', 'clean/cookie-notice', 'clean/share', 'clean/footer', 'clean/navigation']);

/** Measurements of one element, linked to its parent's. */
export interface ElementInfo {
  el: Element;
  parent: ElementInfo | null;
  index: number;
  hint: Hint;
  hidden: boolean;
  /** Inside (or is) a region named as furniture: comments, sidebar, related… */
  boiler: boolean;
  /** Factor on its score as a container: below 1 inside a sidebar or promo. */
  penalty: number;
  /** Characters of text below (whitespace runs count as one). */
  textLen: number;
  /** Of which inside links. */
  linkLen: number;
  commas: number;
  /** Text directly owned (not inside a nested block). */
  ownLen: number;
  ownLinkLen: number;
  ownCommas: number;
  /** Blocks below that scored as paragraphs. */
  paragraphs: number;
  /** Readability-style content score gathered from the blocks below. */
  score: number;
  scored: boolean;
}

export interface RawMetadata {
  title: string | null;
  lang: string | null;
  /** meta name/property/itemprop/http-equiv (lower-case) → first content. */
  meta: Map<string, string>;
  /** link rel (lower-case) → first href. */
  links: Map<string, string>;
  jsonLd: string[];
  /** `<time datetime>` values, the ones marked as publication first. */
  times: { value: string; published: boolean }[];
}

export interface Analysis {
  infos: Map<Element, ElementInfo>;
  /** Elements that were scored as holding content, in document order. */
  candidates: ElementInfo[];
  body: ElementInfo | null;
  meta: RawMetadata;
  totalText: number;
}

const COMMAS = /[,،、，;]/g;
const SPACE_RUN = /\s+/g;

/** Length with whitespace runs counted as one character; 0 for whitespace only. Counted in place: runs on every text node. */
function textLength(value: string): number {
  let length = 0;
  let sawText = false;
  let inSpace = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 160) {
      if (!inSpace) length++;
      inSpace = true;
    } else {
      length++;
      inSpace = false;
      sawText = true;
    }
  }
  return sawText ? length : 0;
}

function countCommas(value: string): number {
  COMMAS.lastIndex = 0;
  let n = 0;
  while (COMMAS.exec(value)) n++;
  return n;
}

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

function isHidden(el: Element): boolean {
  const p = el.properties;
  if (p.hidden === true || p.hidden === '') return true;
  return typeof p.style === 'string' && HIDDEN_STYLE.test(p.style);
}

function attr(el: Element, name: string): string | null {
  const v = el.properties[name];
  if (v == null || v === false) return null;
  return Array.isArray(v) ? v.join(' ') : String(v);
}

function collectText(el: Element): string {
  const out: string[] = [];
  const stack: RootContent[] = [...el.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') out.push(node.value);
    else if (node.type === 'element') for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out.join('');
}

function noteMeta(el: Element, meta: RawMetadata): void {
  switch (el.tagName) {
    case 'meta': {
      const content = attr(el, 'content');
      if (content == null) return;
      for (const keyName of ['name', 'property', 'itemProp', 'httpEquiv']) {
        const key = attr(el, keyName)?.toLowerCase().trim();
        if (key && !meta.meta.has(key)) meta.meta.set(key, content.trim());
      }
      return;
    }
    case 'link': {
      const href = attr(el, 'href');
      const rel = attr(el, 'rel')?.toLowerCase();
      if (href && rel) for (const r of rel.split(/\s+/)) if (!meta.links.has(r)) meta.links.set(r, href.trim());
      return;
    }
    case 'title':
      if (meta.title == null) meta.title = collectText(el).replace(SPACE_RUN, ' ').trim() || null;
      return;
    case 'script':
      if (attr(el, 'type')?.toLowerCase().includes('ld+json')) meta.jsonLd.push(collectText(el));
      return;
    case 'time': {
      const value = attr(el, 'dateTime') ?? (attr(el, 'pubdate') != null ? collectText(el) : null);
      if (!value) return;
      const published = attr(el, 'pubdate') != null || /datepublished/i.test(attr(el, 'itemProp') ?? '');
      meta.times.push({ value: value.trim(), published });
      return;
    }
    case 'html':
      meta.lang ??= attr(el, 'lang') ?? attr(el, 'xmlLang');
      return;
  }
}

/** The head holds only metadata: read it without measuring anything. */
function noteHead(head: Element, meta: RawMetadata): void {
  const stack: RootContent[] = [...head.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    noteMeta(node, meta);
    if (node.tagName !== 'script' && node.tagName !== 'title') appendAll(stack, node.children);
  }
}

// Small starting weights by tag (after Readability): prose containers up, lists and headings down.
const TAG_WEIGHT: Record<string, number> = {
  div: 1, article: 2, main: 1, section: 1, pre: 1, td: 1, blockquote: 1,
  address: -1, ol: -1, ul: -1, dl: -1, dd: -1, dt: -1, li: -1, form: -2, h1: -2, h2: -2, h3: -2, h4: -2, h5: -2, h6: -2, th: -2,
};

/**
 * How an element's tag and names scale its score as the article's container.
 * Multiplicative, so names tip the balance between comparable candidates but
 * never let a one-paragraph teaser named "story" beat the seven-paragraph body.
 */
export function containerWeight(info: ElementInfo): { factor: number; bonus: number } {
  let factor = info.penalty;
  if (info.hint.positive) factor *= 1.25;
  if (info.hint.rule) factor *= info.hint.positive ? 0.9 : 0.5;
  return { factor, bonus: TAG_WEIGHT[info.el.tagName] ?? 0 };
}

/**
 * A candidate inside a region named as furniture is furniture, unless that
 * region wraps most of the page (names that also say "post" or "content"
 * do not save it: "post-comments" are comments). Page wrappers carry names like
 * "header-style-2" or "has-comments" that say nothing about their content.
 */
function markBoilerplate(candidates: ElementInfo[], pageText: number): void {
  for (const c of candidates) {
    for (let a: ElementInfo | null = c; a; a = a.parent) {
      const rule = a.hint.rule;
      if (!rule || a.textLen >= pageText * 0.8 || a.el.tagName === 'body') continue;
      if (INHERITED.has(rule)) {
        c.boiler = true;
        break;
      }
      // Sidebars and promos sometimes wrap the main column, so they only weigh a candidate down.
      if ((rule === 'clean/sidebar' || rule === 'clean/promo') && !a.hint.positive) c.penalty = 0.5;
    }
  }
}

export function analyse(tree: Root): Analysis {
  const infos = new Map<Element, ElementInfo>();
  const candidates: ElementInfo[] = [];
  const meta: RawMetadata = { title: null, lang: null, meta: new Map(), links: new Map(), jsonLd: [], times: [] };
  let body: ElementInfo | null = null;
  let index = 0;

  // Explicit stack of (element, next child); `owners` holds the innermost block for inline text.
  interface Frame {
    info: ElementInfo | null;
    children: RootContent[];
    next: number;
    owner: ElementInfo | null;
    inLink: boolean;
  }
  const stack: Frame[] = [{ info: null, children: tree.children, next: 0, owner: null, inLink: false }];
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.children.length) {
      stack.pop();
      const info = frame.info;
      if (info) finish(info);
      continue;
    }
    const node = frame.children[frame.next++]!;
    if (node.type === 'text') {
      const len = textLength(node.value);
      if (len === 0 || !frame.owner) continue;
      const commas = countCommas(node.value);
      const owner = frame.owner;
      owner.ownLen += len;
      owner.ownCommas += commas;
      if (frame.inLink) owner.ownLinkLen += len;
      // Totals are added to the chain on the way up (finish), starting at the owner of the text's parent.
      const holder = frame.info;
      if (holder) {
        holder.textLen += len;
        holder.commas += commas;
        if (frame.inLink) holder.linkLen += len;
      }
      continue;
    }
    if (node.type !== 'element') continue;
    const el = node;
    noteMeta(el, meta);
    if (el.tagName === 'head') {
      noteHead(el, meta);
      continue;
    }
    if (SKIP_TAGS.has(el.tagName)) continue;
    const hint = hintFor(el);
    const info: ElementInfo = {
      el,
      parent: frame.info,
      index: index++,
      hint,
      boiler: false,
      penalty: 1,
      hidden: isHidden(el) || (frame.info?.hidden ?? false),
      textLen: 0,
      linkLen: 0,
      commas: 0,
      ownLen: 0,
      ownLinkLen: 0,
      ownCommas: 0,
      paragraphs: 0,
      score: 0,
      scored: false,
    };
    infos.set(el, info);
    if (el.tagName === 'body') body = info;
    const isBlock = BLOCK_TAGS.has(el.tagName);
    stack.push({
      info,
      children: el.children,
      next: 0,
      owner: isBlock ? info : frame.owner,
      inLink: frame.inLink || el.tagName === 'a',
    });
  }

  function finish(info: ElementInfo): void {
    const parent = info.parent;
    if (parent) {
      parent.textLen += info.textLen;
      parent.linkLen += info.linkLen;
      parent.commas += info.commas;
      parent.paragraphs += info.paragraphs;
    }
    // A block with enough own text is a paragraph: score it into its ancestors.
    if (info.ownLen < 25 || info.hidden) return;
    const linkDensity = info.ownLinkLen / info.ownLen;
    if (linkDensity > 0.5) return;
    info.paragraphs++;
    if (parent) parent.paragraphs++;
    const score = (1 + info.ownCommas + Math.min(3, Math.floor(info.ownLen / 100))) * (1 - linkDensity);
    // The block itself is a candidate too (a one-block article in a <div> must be able
    // to win); then its parent fully, its grandparent half, and a few more levels decaying.
    if (!info.scored) {
      info.scored = true;
      candidates.push(info);
    }
    info.score += score;
    let ancestor = parent;
    for (let level = 0; ancestor && level < 5; level++, ancestor = ancestor.parent) {
      if (!ancestor.scored) {
        ancestor.scored = true;
        candidates.push(ancestor);
      }
      ancestor.score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
    }
  }

  markBoilerplate(candidates, body?.textLen ?? 0);
  return { infos, candidates, body, meta, totalText: body?.textLen ?? 0 };
}
