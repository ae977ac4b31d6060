import { beforeAll, describe, expect, it } from 'vitest';
import { parse, type El } from '../support/html.ts';
import type { Edition, EditionStory } from '../../pipeline/types.ts';
import { errors, renderTo, type Rendered } from './helpers.ts';

const story = (id: string, headline: string, language?: string): EditionStory => ({
  id,
  headline,
  summary: `${headline}. The summary of story ${id}.`,
  sentences: [],
  sources: [{ articleId: id, title: null, publisher: 'Nordkurier', url: `https://news.example/${id}`, file: `content/${id}.html`, role: 'canonical', date: '2026-12-03' }],
  date: '2026-12-03',
  ...(language !== undefined && { language }),
});

/** An English briefing with a German story, a British one, one of no stated language and one whose stated language is markup. */
const edition: Edition = {
  date: '2026-12-03',
  timezone: 'UTC',
  stories: [
    story('de1', 'Bundestag beschließt Haushalt 2027', 'de'),
    story('gb1', 'Council approves budget', 'en-GB'),
    story('none1', 'Ferry fares rise'),
    story('bad1', 'Markup in a language tag', 'de" onmouseover="alert(1)'),
  ],
  more: [],
};

/**
 * The language a screen reader reads each text holding `words` in: the nearest `lang` around it, as HTML inherits it (the
 * page's own `<html lang>` included), in document order.
 */
function languagesOf(html: string, words: string): string[] {
  const found: string[] = [];
  const walk = (node: El, lang: string): void => {
    const own = typeof node.properties?.lang === 'string' ? (node.properties.lang as string) : lang;
    if (node.type === 'text' && node.value?.includes(words)) found.push(own);
    for (const child of node.children ?? []) walk(child, own);
  };
  walk(parse(html), '');
  return found;
}

describe('a story in another language than the briefing’s', () => {
  let out: Rendered;
  beforeAll(async () => {
    out = await renderTo([edition], { language: 'en' });
  });

  it('renders without errors', () => {
    expect(errors(out.messages)).toEqual([]);
  });

  it('is marked with its language on the web page, in the e-mail and in the feed, so screen readers read it in its own', () => {
    // The headline and the summary; the page's title and the e-mail's preheader, which list every story, stay the page's.
    for (const page of ['editions/2026-12-03/index.html', 'editions/2026-12-03/email.html']) {
      const html = out.read(page);
      expect(languagesOf(html, 'Bundestag beschließt Haushalt 2027.'), page).toEqual(['de']);
      expect(languagesOf(html, 'Bundestag beschließt Haushalt 2027').filter((lang) => lang === 'de'), page).toHaveLength(2);
    }
    expect(out.read('feed.xml')).toContain('<h2 lang="de">');
    expect(out.read('feed.xml')).toContain('<p lang="de">Bundestag beschließt Haushalt 2027. The summary');
  });

  it('is not marked when it is in the briefing’s language, states none, or states one that is not a language tag', () => {
    const web = out.read('editions/2026-12-03/index.html');
    for (const headline of ['Council approves budget', 'Ferry fares rise', 'Markup in a language tag']) {
      expect(new Set(languagesOf(web, headline))).toEqual(new Set(['en']));
    }
    expect(web).not.toContain('onmouseover');
    expect(out.read('editions/2026-12-03/email.html')).not.toContain('onmouseover');
  });
});
