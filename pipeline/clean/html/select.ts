/**
 * Choosing the article and pruning it (pass 2).
 *
 * The container with the best score — the blocks' scores it gathered, cut by
 * its link density, raised or lowered by its tag and names — is the article;
 * its siblings join it when they score close to it or read as prose (long,
 * few links, sentence punctuation), because publishers often split a story
 * across sibling wrappers. Then one walk over the page copies the article
 * without its furniture (named boilerplate, hidden parts, link lists) and
 * records every region it leaves out, with the rule that dropped it.
 */
import type { Element, Root, RootContent } from 'hast';
import type { Removal } from '../../types.ts';
import { BLOCK_TAGS, containerWeight, SKIP_TAGS, type Analysis, type ElementInfo } from './analyse.ts';

/** Removals kept per page (the rest are counted in one summary entry). */
const MAX_REMOVALS = 60;
/** Characters of removed text kept per removal. */
const MAX_REMOVED_TEXT = 300;

const linkDensity = (info: ElementInfo): number => (info.textLen > 0 ? info.linkLen / info.textLen : 0);

export function finalScore(info: ElementInfo): number {
  const { factor, bonus } = containerWeight(info);
  return info.score * (1 - linkDensity(info)) * factor + bonus;
}

const SENTENCE_END = /[.!?。！？:"'”’)]\s*$/;

export interface Selection {
  containers: Set<Element>;
  top: ElementInfo | null;
}

export function selectContainers(analysis: Analysis): Selection {
  let top: ElementInfo | null = null;
  let topScore = -Infinity;
  // Prose inside comments or a sidebar is still not the article: those regions only win when nothing else has text.
  const usable = analysis.candidates.filter((c) => !c.hidden && c.el.tagName !== 'html');
  const clean = usable.filter((c) => !c.boiler);
  for (const c of clean.length ? clean : usable) {
    const s = finalScore(c);
    if (s > topScore) {
      top = c;
      topScore = s;
    }
  }
  if (!top) return { containers: new Set(analysis.body ? [analysis.body.el] : []), top: null };

  // A container that holds only a fraction of its parent's prose is usually one
  // of several wrappers of the same story: climb while the parent adds prose, not links.
  for (let parent = top.parent; parent && parent.el.tagName !== 'body' && parent.el.tagName !== 'html'; parent = parent.parent) {
    const gained = parent.paragraphs - top.paragraphs;
    const extraText = parent.textLen - top.textLen;
    const extraLinks = parent.linkLen - top.linkLen;
    if (parent.boiler) break;
    if (gained === 0 && extraText <= parent.textLen * 0.1) {
      // A wrapper that adds nothing: look past it.
      top = parent;
      continue;
    }
    if (gained >= 2 && extraText > 0 && extraLinks / extraText < 0.25 && parent.paragraphs >= top.paragraphs * 1.3 && !parent.hint.rule) {
      top = parent;
      topScore = Math.max(topScore, finalScore(parent));
    } else break;
  }

  const containers = new Set<Element>([top.el]);
  const parent = top.parent;
  if (parent) {
    const threshold = Math.max(10, topScore * 0.2);
    const topClass = String(top.el.properties.className ?? '');
    for (const child of parent.el.children) {
      if (child.type !== 'element' || child === top.el) continue;
      const sibling = analysis.infos.get(child);
      if (!sibling || sibling.hidden || sibling.textLen === 0) continue;
      if (sibling.hint.rule && !sibling.hint.positive) continue;
      const bonus = topClass && String(child.properties.className ?? '') === topClass ? topScore * 0.2 : 0;
      if (sibling.scored && finalScore(sibling) + bonus >= threshold) {
        containers.add(child);
        continue;
      }
      const density = linkDensity(sibling);
      const prose = sibling.ownLen >= sibling.textLen * 0.8;
      if (!prose) continue;
      if (sibling.textLen > 80 && density < 0.25) containers.add(child);
      else if (sibling.textLen > 0 && density === 0 && SENTENCE_END.test(plainText(child))) containers.add(child);
    }
  }
  return { containers, top };
}

/** All text below a node, read iteratively; blocks (and links, in menus) are kept apart by a space. */
export function plainText(node: Element | Root): string {
  const out: string[] = [];
  const stack: RootContent[] = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out.push(n.value);
    else if (n.type === 'element' && !SKIP_TAGS.has(n.tagName)) {
      if (BLOCK_TAGS.has(n.tagName) || n.tagName === 'a') out.push(' ');
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out.join('');
}

function excerpt(node: Element): string {
  const text = plainText(node).replace(/\s+/g, ' ').trim();
  return text.length > MAX_REMOVED_TEXT ? `${text.slice(0, MAX_REMOVED_TEXT - 1)}…` : text;
}

/** Loose text worth keeping: a sentence or more. */
const LOOSE_PROSE = /\S.{38,}[.!?…"”»]\s*$/s;

const TABLE_PARTS = new Set(['tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col']);

/** Why an element inside the article is furniture, or null to keep it. */
function dropReason(info: ElementInfo, container: ElementInfo): { ruleId: string; reason: string } | null {
  if (info.hidden) return { ruleId: 'clean/hidden', reason: 'hidden element (hidden attribute or display:none)' };
  const tag = info.el.tagName;
  // Table rows and cells carry layout names ("oddrow", "media-cell"): a kept table is kept whole.
  if (TABLE_PARTS.has(tag)) return null;
  if (info.hint.rule && (!info.hint.positive || info.textLen <= container.textLen * 0.5)) {
    // A named region holding most of the article is a mislabelled wrapper, not furniture.
    if (info.textLen <= container.textLen * 0.5 || info.paragraphs <= 1) return { ruleId: info.hint.rule, reason: info.hint.reason };
  }
  if (tag === 'form') return { ruleId: 'clean/promo', reason: 'form (sign-up, search or comment box)' };
  if (info.textLen > 0 && tag !== 'a' && !/^h[1-6]$/.test(tag)) {
    const density = info.linkLen / info.textLen;
    // A paragraph may link most of its words and still be prose; a short one that is one link is a "Read more".
    const paragraphLike = tag === 'p' || tag === 'li' || tag === 'blockquote';
    const drop = paragraphLike ? density > 0.9 && info.textLen < 100 : density > 0.6 && !(info.ownLen === info.textLen && !/^(ul|ol|div|section|table)$/.test(tag));
    if (drop) return { ruleId: 'clean/link-list', reason: `mostly links (${Math.round(100 * density)}% of its text)` };
  }
  return null;
}

/** Removals from outside the article that are worth showing, not every stray word. */
function outsideReason(info: ElementInfo): { ruleId: string; reason: string } | null {
  if (info.hint.rule && !info.hint.positive) return { ruleId: info.hint.rule, reason: info.hint.reason };
  return null;
}

export interface Pruned {
  /** The article's elements, furniture removed (copies; the parsed tree is left intact). */
  root: Root;
  removed: Removal[];
}

/**
 * Pass 2: walks the page once. Inside a chosen container it copies what it
 * keeps; outside, it reports named furniture whole and other text blocks as
 * "outside the main content", merging neighbours so the report stays readable.
 */
export function pruneAndReport(tree: Root, analysis: Analysis, selection: Selection): Pruned {
  const removed: Removal[] = [];
  let dropped = 0;
  const report = (ruleId: string, reason: string, el: Element): void => {
    const text = excerpt(el);
    if (!text) return;
    const line = el.position?.start.line;
    const previous = removed[removed.length - 1];
    if (ruleId === 'clean/outside-content' && previous?.ruleId === ruleId && previous.text.length < MAX_REMOVED_TEXT) {
      previous.text = `${previous.text} · ${text}`.slice(0, MAX_REMOVED_TEXT);
      return;
    }
    if (removed.length >= MAX_REMOVALS) {
      dropped++;
      return;
    }
    removed.push({ ruleId, reason, text, ...(line ? { line } : {}) });
  };

  // Ancestors of the chosen containers must be entered even when their names look like furniture.
  const holdsContent = new Set<Element>();
  for (const el of selection.containers) {
    for (let info = analysis.infos.get(el)?.parent ?? null; info && !holdsContent.has(info.el); info = info.parent) holdsContent.add(info.el);
  }

  const out: Root = { type: 'root', children: [] };
  interface Frame {
    children: RootContent[];
    next: number;
    /** Where kept copies go; null outside the article. */
    into: Element | Root | null;
    container: ElementInfo | null;
    /** An ancestor of the article: its loose prose belongs to the article. */
    holder?: boolean;
  }
  const stack: Frame[] = [{ children: tree.children, next: 0, into: null, container: null }];
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.children.length) {
      stack.pop();
      continue;
    }
    const node = frame.children[frame.next++]!;
    if (node.type === 'text') {
      if (frame.into) frame.into.children.push({ type: 'text', value: node.value, ...(node.position ? { position: node.position } : {}) });
      else if (frame.holder && LOOSE_PROSE.test(node.value)) {
        // Prose left loose beside the article by a stray end tag (`</div>` too many) is still the article's.
        out.children.push({ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: node.value }], ...(node.position ? { position: node.position } : {}) });
      }
      continue;
    }
    if (node.type !== 'element') continue;
    const info = analysis.infos.get(node);
    if (!info) continue; // skipped tags (script, style, head…)
    if (frame.container) {
      const why = dropReason(info, frame.container);
      if (why) {
        report(why.ruleId, why.reason, node);
        continue;
      }
      const copy: Element = { type: 'element', tagName: node.tagName, properties: { ...node.properties }, children: [], ...(node.position ? { position: node.position } : {}) };
      frame.into!.children.push(copy);
      stack.push({ children: node.children, next: 0, into: copy, container: frame.container });
      continue;
    }
    if (selection.containers.has(node)) {
      const copy: Element = { type: 'element', tagName: node.tagName, properties: { ...node.properties }, children: [], ...(node.position ? { position: node.position } : {}) };
      out.children.push(copy);
      stack.push({ children: node.children, next: 0, into: copy, container: info });
      continue;
    }
    if (holdsContent.has(node)) {
      stack.push({ children: node.children, next: 0, into: null, container: null, holder: true });
      continue;
    }
    if (info.textLen === 0 || info.hidden) continue;
    const why = outsideReason(info);
    if (why) {
      report(why.ruleId, why.reason, node);
      continue;
    }
    if (info.ownLen > 0 && info.ownLen === info.textLen) {
      report('clean/outside-content', 'text outside the main content (low text density, links or position)', node);
      continue;
    }
    stack.push({ children: node.children, next: 0, into: null, container: null });
  }
  if (dropped > 0) removed.push({ ruleId: 'clean/more-removed', reason: `${dropped} more regions removed (not listed)`, text: '' });
  return { root: out, removed };
}
