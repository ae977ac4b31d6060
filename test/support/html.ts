import rehypeParse from 'rehype-parse';
import { unified } from 'unified';

/** A parsed HTML node, as much of hast as the output checks need. */
export interface El {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: El[];
}

/** An HTML document's tree, parsed as a browser would. */
export function parse(html: string): El {
  return unified().use(rehypeParse).parse(html) as unknown as El;
}

/**
 * Every element of an HTML document, parsed as a browser would: the checks that
 * rendered output holds no markup from article data look at these, not at
 * strings.
 */
export function elements(html: string): El[] {
  const found: El[] = [];
  const walk = (node: El): void => {
    if (node.type === 'element') found.push(node);
    for (const child of node.children ?? []) walk(child);
  };
  walk(parse(html));
  return found;
}

/** All text of an HTML document, concatenated. */
export function textOf(html: string): string {
  let text = '';
  const walk = (node: El): void => {
    if (node.type === 'text') text += node.value;
    for (const child of node.children ?? []) walk(child);
  };
  walk(parse(html));
  return text;
}
