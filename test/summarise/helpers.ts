import { readFileSync } from 'node:fs';
import { defaultConfig, type Config } from '../../pipeline/config/schema.ts';
import { makeArticle } from '../../pipeline/ingest/article.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import type { StageContext } from '../../pipeline/common/context.ts';
import type { Article, Paragraph, Story, StoryRole } from '../../pipeline/types.ts';

interface FixtureArticle {
  id: string;
  file: string;
  date: string | null;
  paragraphs: Paragraph[];
}

/** The five seed articles as the clean stage should leave them (banner and promo removed by hand, headings marked). */
export function seedArticles(): Article[] {
  const fixture = JSON.parse(readFileSync(new URL('./fixtures/seeds-cleaned.json', import.meta.url), 'utf8')) as FixtureArticle[];
  return fixture.map((f) => article(f.id, f.paragraphs, { date: f.date, file: f.file }));
}

export function article(id: string, paragraphs: (Paragraph | string)[], extra: { date?: string | null; title?: string | null; file?: string } = {}): Article {
  const a = makeArticle({ id, origin: { file: extra.file ?? `${id}.txt` }, format: 'txt', raw: '', date: extra.date ?? null, title: extra.title ?? null });
  a.paragraphs = paragraphs.map((p) => (typeof p === 'string' ? { type: 'paragraph' as const, text: p } : p));
  a.text = a.paragraphs.map((p) => p.text).join('\n\n');
  return a;
}

export function story(id: string, date: string | null, members: [string, StoryRole, string?][]): Story {
  return {
    id,
    date,
    dateSource: date ? 'story' : null,
    articles: members.map(([articleId, role, duplicateOf]) => ({ articleId, role, similarity: role === 'canonical' ? 1 : 0.6, publisher: null, ...(duplicateOf ? { duplicateOf } : {}) })),
    reasons: [],
  };
}

/** The sample as the dedupe issue specifies it: 000+001+002 one story (002 a duplicate of 001), 003 and 004 alone. */
export function seedStories(): Story[] {
  return [
    story('march', '2025-03-18', [['000', 'canonical'], ['001', 'related'], ['002', 'duplicate', '001']]),
    story('april', '2025-04-23', [['003', 'canonical']]),
    story('february', '2025-02-23', [['004', 'canonical']]),
  ];
}

export function context(summarise: Partial<Config['summarise']> = {}): { ctx: StageContext; reporter: Reporter } {
  const config = defaultConfig();
  config.summarise = { ...config.summarise, ...summarise };
  const reporter = new Reporter();
  return { ctx: { config, cwd: process.cwd(), report: reporter.for('summarise') }, reporter };
}
