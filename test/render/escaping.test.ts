import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { elements, textOf } from '../support/html.ts';
import type { Edition } from '../../pipeline/types.ts';
import { errors, renderTo, type Rendered } from './helpers.ts';

/** Article data trying every way to become markup. */
function hostileEdition(): Edition {
  return {
    date: '2025-05-01',
    timezone: 'UTC',
    note: 'Note with <mj-section><mj-column><mj-text>injected</mj-text></mj-column></mj-section>',
    stories: [
      {
        id: 'hostile1',
        headline: '<script>alert("headline")</script> Budget & cuts <mj-text>raw</mj-text> {{title}}',
        summary: 'Tom & Jerry <img src=x onerror=alert(1)> {{#each stories}}boom{{/each}} {{{lang}}} %%UNSUBSCRIBE_URL%% ]]> end.',
        sentences: [],
        sources: [
          { articleId: 'a', title: null, publisher: 'Evil <b>Co</b>', url: 'javascript:alert(document.cookie)', file: 'content/a.html', role: 'canonical', date: '2025-05-01' },
          { articleId: 'b', title: null, publisher: 'R&D Weekly', url: 'https://ok.example.com/story?a=1&b=2', file: 'content/b.html', role: 'related', date: '2025-05-01' },
          { articleId: 'c', title: null, publisher: 'Data Co', url: 'data:text/html,<script>alert(1)</script>', file: 'content/c.html', role: 'related', date: '2025-05-01' },
          { articleId: 'd', title: null, publisher: 'JS Caps', url: ' JaVaScRiPt:alert(2)', file: 'content/d.html', role: 'related', date: '2025-05-01' },
        ],
        date: '2025-05-01',
      },
    ],
    more: [{ id: 'm', headline: '<mj-button href="https://evil.example">Click</mj-button> & more' }],
  };
}


describe('article data is always text, never markup', () => {
  let out: Rendered;
  const pages = ['editions/2025-05-01/email.html', 'editions/2025-05-01/index.html', 'index.html'];
  beforeAll(async () => {
    out = await renderTo([hostileEdition()]);
  });

  it('renders without errors', () => {
    expect(errors(out.messages)).toEqual([]);
  });

  it.each(pages)('%s: <script> in a headline is text, and no script element exists', (page) => {
    const html = out.read(page);
    expect(elements(html).filter((e) => e.tagName === 'script')).toEqual([]);
    expect(textOf(html)).toContain('<script>alert("headline")</script> Budget');
  });

  it.each(pages)('%s: <mj-text>/<mj-button> in data are text, not MJML or elements', (page) => {
    const html = out.read(page);
    expect(html).not.toMatch(/<mj-/);
    expect(elements(html).filter((e) => e.tagName?.startsWith('mj-'))).toEqual([]);
    expect(textOf(html)).toContain('<mj-text>raw</mj-text>');
    expect(elements(html).some((e) => e.properties?.href === 'https://evil.example')).toBe(false);
  });

  it.each(pages.slice(0, 2))('%s: {{ }} in data is printed, not evaluated', (page) => {
    const text = textOf(out.read(page));
    expect(text).toContain('{{title}}');
    expect(text).toContain('{{#each stories}}boom{{/each}} {{{lang}}}');
    expect(text).toContain('Note with <mj-section>');
  });

  it.each(pages.slice(0, 2))('%s: & is escaped as &amp; and reads as &', (page) => {
    const html = out.read(page);
    expect(html).toContain('Tom &amp; Jerry');
    expect(html).not.toContain('Tom & Jerry');
    expect(textOf(html)).toContain('R&D Weekly');
    expect(elements(html).filter((e) => e.tagName === 'img')).toEqual([]);
  });

  it.each(pages.slice(0, 2))('%s: only http(s) sources become links; javascript:/data: ones are plain text', (page) => {
    const html = out.read(page);
    const hrefs = elements(html).flatMap((e) => (e.tagName === 'a' ? [String(e.properties?.href)] : []));
    expect(hrefs.some((h) => /^\s*(javascript|data):/i.test(h))).toBe(false);
    expect(hrefs).toContain('https://ok.example.com/story?a=1&b=2');
    const text = textOf(html);
    expect(text).toContain('Evil <b>Co</b>');
    expect(text).toContain('JS Caps');
  });

  it('the plain text keeps data as written and numbers only http(s) links', () => {
    const text = out.read('editions/2025-05-01/email.txt');
    expect(text).toContain('Tom & Jerry <img src=x onerror=alert(1)>');
    expect(text).not.toMatch(/javascript:|data:text/i);
    expect(text).toMatch(/R&D Weekly \[\d+\]/);
    expect(text).toMatch(/Evil <b>Co<\/b>(?! \[)/);
  });

  it('the feeds carry data escaped inside their HTML content', () => {
    const atom = out.read('atom.xml');
    expect(atom).toContain('&lt;script&gt;alert(&quot;headline&quot;)&lt;/script&gt;');
    expect(atom).not.toMatch(/href="javascript:/i);
    const json = JSON.parse(out.read('feed.json')) as { items: { content_html: string }[] };
    expect(json.items[0]!.content_html).toContain('Tom &amp; Jerry &lt;img');
    expect(elements(json.items[0]!.content_html).filter((e) => e.tagName === 'script' || e.tagName === 'img')).toEqual([]);
  });

  it('article text cannot pose as the unsubscribe placeholder', () => {
    const html = out.read('editions/2025-05-01/email.html');
    // Only the footer's two uses (href and visible text) — the summary's copy is defused.
    expect(html.split('%%UNSUBSCRIBE_URL%%').length - 1).toBe(2);
    expect(html).toContain('href="%%UNSUBSCRIBE_URL%%"');
    const text = out.read('editions/2025-05-01/email.txt');
    expect(text.split('%%UNSUBSCRIBE_URL%%').length - 1).toBe(1);
    expect(text).toMatch(/^Unsubscribe: %%UNSUBSCRIBE_URL%%$/m);
  });

  it('edition.json is the edition as data', () => {
    const data = JSON.parse(readFileSync(path.join(out.dir, 'editions/2025-05-01/edition.json'), 'utf8')) as Edition;
    expect(data).toEqual(hostileEdition());
  });
});
