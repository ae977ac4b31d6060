import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../../pipeline/clean/html/index.ts';
import { sanitizeArticle } from '../../../pipeline/clean/html/paragraphs.ts';

function collect(root: Root): Element[] {
  const out: Element[] = [];
  const stack: (Root | Element)[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    for (const child of node.children) if (child.type === 'element') {
      out.push(child);
      stack.push(child);
    }
  }
  return out;
}

describe('sanitizing the kept article (rehype-sanitize)', () => {
  const el = (tagName: string, properties: Element['properties'], children: Element['children']): Element => ({ type: 'element', tagName, properties, children });
  const article: Root = {
    type: 'root',
    children: [
      el('p', { onClick: 'steal()' }, [
        { type: 'text', value: 'Read the ' },
        el('a', { href: 'javascript:alert(1)' }, [{ type: 'text', value: 'report' }]),
        el('script', {}, [{ type: 'text', value: 'alert("x")' }]),
        el('style', {}, [{ type: 'text', value: 'p{color:red}' }]),
        el('a', { href: 'https://example.org/report' }, [{ type: 'text', value: 'here' }]),
      ]),
    ],
  };
  const clean = sanitizeArticle(article);
  const elements = collect(clean);

  it('removes <script> and <style> with their text', () => {
    expect(elements.map((e) => e.tagName)).not.toContain('script');
    expect(elements.map((e) => e.tagName)).not.toContain('style');
    expect(JSON.stringify(clean)).not.toContain('alert("x")');
    expect(JSON.stringify(clean)).not.toContain('color:red');
  });

  it('removes javascript: URLs and event handlers, keeps safe links', () => {
    const hrefs = elements.filter((e) => e.tagName === 'a').map((e) => e.properties.href);
    expect(hrefs).toEqual([undefined, 'https://example.org/report']);
    expect(JSON.stringify(clean)).not.toMatch(/javascript:|steal/);
  });

  it('no script text reaches the extracted paragraphs', () => {
    const html = '<html><body><article><p>The museum reopens on Saturday <script>document.write("injected")</script>with a new wing <a href="javascript:void(0)" onclick="x()">for children</a>, the curator said.</p><noscript>Enable JavaScript</noscript></article></body></html>';
    const r = extractHtml(html, { timeZone: 'UTC' });
    expect(r.paragraphs.map((p) => p.text)).toEqual(['The museum reopens on Saturday with a new wing for children, the curator said.']);
  });
});
