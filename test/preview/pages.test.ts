import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import type { Root, RootContent } from 'hast';
import { editionPage, listPage, listRows, type PageContext } from '../../pipeline/preview/pages.ts';
import type { Edition, Message } from '../../pipeline/types.ts';

const EVIL = `<script>alert(1)</script><img src=x onerror=alert(2)>"' onmouseover="alert(3)`;

const ctx: PageContext = { title: `Brief ${EVIL}`, token: 'tok"en', status: { version: 1, ok: false, problems: [{ file: `templates/${EVIL}.mjml`, line: 3, stage: 'render', ruleId: 'render/template', severity: 'error', reason: EVIL }], ms: 5, finishedAt: null } };

const edition: Edition = {
  date: '2025-03-18',
  timezone: 'UTC',
  note: EVIL,
  approved: false,
  stories: [
    {
      id: 'abc',
      headline: EVIL,
      summary: EVIL,
      sentences: [{ text: EVIL, articleId: 'a1', index: 0 }],
      sources: [{ articleId: 'a1', title: EVIL, publisher: EVIL, url: 'javascript:alert(4)', file: `content/${EVIL}.txt`, role: 'canonical', date: null }],
      date: '2025-03-18',
    },
  ],
  more: [{ id: 'm', headline: EVIL }],
};

const messages: Message[] = [
  { file: `content/${EVIL}.txt`, line: 1, stage: 'clean', ruleId: 'clean/promo', severity: 'info', reason: EVIL, articleId: 'a1', detail: { text: EVIL, names: [EVIL] } },
  { file: null, line: null, stage: 'dedupe', ruleId: 'dedupe/same-event', severity: 'info', reason: EVIL, articleId: 'a1', detail: { score: 0.5, shared: [EVIL] } },
];

/** Parses the page as a browser would and checks that no markup came from the data. */
function assertInert(page: string): void {
  const tree = unified().use(rehypeParse).parse(page);
  const scripts: string[] = [];
  const handlers: string[] = [];
  const links: string[] = [];
  const walk = (node: Root | RootContent): void => {
    if (node.type === 'element') {
      if (node.tagName === 'script') scripts.push(String(node.properties.src ?? 'inline'));
      if (node.tagName === 'img') handlers.push('img');
      for (const [key, value] of Object.entries(node.properties)) {
        if (/^on/i.test(key)) handlers.push(key);
        if ((key === 'href' || key === 'src') && /^\s*javascript:/i.test(String(value))) links.push(String(value));
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  expect(scripts).toEqual(['/assets/app.js']);
  expect(handlers).toEqual([]);
  expect(links).toEqual([]);
}

describe('preview pages escape everything they show', () => {
  it('edition page', () => {
    const page = editionPage(ctx, {
      files: { date: '2025-03-18', edition, emailHtml: EVIL, emailText: EVIL, webHtml: true },
      state: 'draft',
      sentTo: 0,
      messages,
      feedItem: { title: EVIL, link: 'javascript:alert(5)', date: EVIL, id: EVIL, contentHtml: EVIL },
      overrideSource: EVIL,
      overrideFile: 'content/editions/2025-03-18.yaml',
      sendTestReady: true,
    });
    assertInert(page);
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    // The build error is shown with its file and line.
    expect(page).toContain(':3</code>');
  });

  it('list page', () => {
    const rows = listRows([{ date: '2025-03-18', edition, emailHtml: EVIL, emailText: null, webHtml: false }], messages, new Map());
    assertInert(listPage(ctx, rows, messages));
  });
});
