import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseArticle } from '../../pipeline/clean/analyse.ts';
import { decideArticles } from '../../pipeline/clean/decide.ts';
import { DiskCache } from '../../pipeline/common/cache.ts';
import { article, clean, context, sampleArticles } from './helpers.ts';

/** A footer with no marketing words at all: only repetition across stories gives it away. */
const FOOTER = 'The Valley Gazette has served the towns of the upper valley since 1892 and is part of Northern Titles.';

const stories = [
  ['Roadworks on the A59 will close the bridge at Gisburn for three weeks from Monday.', 'Diversions will add about twenty minutes to journeys, the highways authority said.', 'The bridge was last repaired in 1998.'],
  ['A primary school in Clitheroe has been rated outstanding by inspectors for the first time.', 'The head teacher said the result reflected the work of staff and pupils over five years.', 'The school has 210 pupils.'],
  ['The town council has agreed to restore the Victorian bandstand in the castle grounds.', 'Work is expected to cost £85,000 and be finished before the summer concerts.', 'Volunteers raised a third of the money.'],
];

describe('repetition across articles', () => {
  const articles = stories.map((paragraphs, i) => article([...paragraphs, FOOTER].join('\n\n'), { id: `gazette-${i}` }));

  it('removes a block that appears at the end of several different stories', () => {
    const { cleaned, messages } = clean(articles);
    for (const a of cleaned) {
      expect(a.removed.map((r) => [r.ruleId, r.text])).toEqual([['clean/repeated', FOOTER]]);
      expect(a.paragraphs).toHaveLength(3);
    }
    expect(messages.filter((m) => m.ruleId === 'clean/repeated')[0]!.reason).toMatch(/the same paragraph is in 2 other articles/);
  });

  it('cannot see it in one article alone (single-article signals only)', () => {
    expect(clean([articles[0]!]).cleaned[0]!.removed).toEqual([]);
  });

  it('never strips copies of one story of their shared text', () => {
    const copy = article([...stories[0]!, FOOTER].join('\n\n'), { id: 'gazette-copy' });
    const { cleaned } = clean([articles[0]!, copy]);
    for (const a of cleaned) expect(a.removed).toEqual([]);
    // Two one-paragraph copies are copies too.
    const single = clean([article(stories[1]![0]!, { id: 'a' }), article(stories[1]![0]!, { id: 'b' })]).cleaned;
    expect(single.flatMap((a) => a.removed)).toEqual([]);
  });

  it('does not count a paragraph carried by two different named publishers (a shared quote is the story’s)', () => {
    const quote = 'The minister said the decision had been taken after long and careful consideration of the evidence.';
    const a = article([stories[0]![0], quote].join('\n\n'), { id: 'p1', publisher: 'North News' });
    const b = article([stories[1]![0], quote].join('\n\n'), { id: 'p2', publisher: 'South Post' });
    const c = article([stories[2]![0], quote].join('\n\n'), { id: 'p3', publisher: 'East Times' });
    expect(clean([a, b, c]).cleaned.flatMap((x) => x.removed)).toEqual([]);
  });

  it('one sentence shared by just two different reports is not enough on its own', () => {
    const shared = 'The highways authority said the work had been planned for more than two years.';
    const a = article([shared, ...stories[0]!].join('\n\n'), { id: 's1' });
    const b = article([shared, ...stories[1]!].join('\n\n'), { id: 's2' });
    expect(clean([a, b]).cleaned.flatMap((x) => x.removed)).toEqual([]);
  });

  it('minRepeats: 0 turns the signal off', () => {
    expect(clean(articles, { clean: { minRepeats: 0 } }).cleaned.flatMap((a) => a.removed)).toEqual([]);
  });
});

describe('cache', () => {
  it('a rebuild from the cache gives byte-identical articles and messages', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-clean-cache-'));
    const articles = [...sampleArticles(), ...stories.map((p, i) => article([...p, FOOTER].join('\n\n'), { id: `g${i}` }))];
    const fresh = clean(articles);
    const first = new DiskCache(dir, 'clean');
    const cold = clean(articles, {}, first);
    expect(first.misses).toBe(articles.length);
    const second = new DiskCache(dir, 'clean');
    const warm = clean(articles, {}, second);
    expect(second.hits).toBe(articles.length);
    expect(JSON.stringify(cold)).toBe(JSON.stringify(fresh));
    expect(JSON.stringify(warm)).toBe(JSON.stringify(fresh));
  });

  it('a changed threshold is a different cache key; a new keep override reuses the cache and still applies', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-clean-cache-'));
    const articles = sampleArticles();
    clean(articles, {}, new DiskCache(dir, 'clean'));
    const other = new DiskCache(dir, 'clean');
    clean(articles, { clean: { threshold: 4 } }, other);
    expect(other.hits).toBe(0);
    const kept = new DiskCache(dir, 'clean');
    const { cleaned } = clean(articles, { clean: { keep: ['CLICK HERE TO JOIN'] } }, kept);
    expect(kept.hits).toBe(articles.length);
    expect(cleaned.find((a) => a.id.startsWith('002'))!.text).toContain('CLICK HERE TO JOIN');
  });
});

describe('editor overrides in config', () => {
  const samples = sampleArticles();
  const promo = (cleaned: ReturnType<typeof clean>['cleaned']) => cleaned.find((a) => a.id.startsWith('002'))!;

  it('clean.keep: a substring keeps the paragraph in every article, reported as kept', () => {
    const { cleaned, messages } = clean(samples, { clean: { keep: ['click here to join'] } });
    expect(promo(cleaned).paragraphs.some((p) => p.text === 'CLICK HERE TO JOIN')).toBe(true);
    expect(promo(cleaned).removed).toHaveLength(4);
    const kept = messages.filter((m) => m.ruleId === 'clean/kept');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ file: 'content/002_5c41cbf52229f305.txt', line: 11, severity: 'info' });
    expect(kept[0]!.reason).toMatch(/^kept by config clean.keep "click here to join", although clean\/promo would remove it/);
  });

  it('clean.keep {file, text} applies to that file only; {file} keeps the whole file', () => {
    const banner = 'Your support helps us';
    const { cleaned } = clean(samples, { clean: { keep: [{ file: 'content/000_94aba342c8781b43.txt', text: banner }, { file: '002_5c41cbf52229f305.txt' }] } });
    const byPrefix = (p: string) => cleaned.find((a) => a.id.startsWith(p))!;
    expect(byPrefix('000').paragraphs[0]!.text.startsWith(banner)).toBe(true);
    expect(byPrefix('000').removed).toEqual([]);
    expect(byPrefix('003').removed).toHaveLength(1);
    expect(byPrefix('002').removed).toEqual([]);
    expect(byPrefix('002').paragraphs).toHaveLength(17);
  });

  it('clean.disable turns a rule off; clean.threshold tunes how much evidence is needed', () => {
    const fixture = 'The bridge will close on Monday for three weeks of repairs.\n\nPhotograph: J Smith/Getty Images\n\nDiversions will be signed.';
    expect(clean([article(fixture)]).cleaned[0]!.removed.map((r) => r.ruleId)).toEqual(['clean/credit']);
    expect(clean([article(fixture)], { clean: { disable: ['clean/credit'] } }).cleaned[0]!.removed).toEqual([]);
    expect(clean([article(fixture)], { clean: { threshold: 20 } }).cleaned[0]!.removed).toEqual([]);
  });

  it('config errors name the key', () => {
    expect(() => context({ clean: { keep: [{ file: 'a.txt', txt: 'x' }] } as never })).toThrow(/txt/);
  });
});

describe('HTML articles: the glue around extractHtml', () => {
  const page = '<html><body><p>ignored by the stand-in extractor</p></body></html>';
  const extractor = () => ({
    paragraphs: [
      { type: 'heading' as const, text: 'Harbour plan approved', line: 12 },
      { type: 'paragraph' as const, text: 'The council voted on Tuesday to close the harbourside to cars from next summer.', line: 14 },
      { type: 'paragraph' as const, text: 'Sign up to our free newsletter and never miss a story from your city.', line: 20 },
      { type: 'paragraph' as const, text: 'Opponents said they would ask for a judicial review.', line: 16 },
    ],
    removed: [{ ruleId: 'clean/navigation', reason: 'site menu', text: 'Home News Sport', line: 3 }],
    metadata: { title: 'Harbour plan approved', date: '2025-05-06', dateSource: 'json-ld' as const, author: 'Ann Lee', publisher: 'City Courier', url: 'https://courier.example/harbour', language: 'en' },
    warnings: [{ ruleId: 'clean/html-malformed', reason: 'unclosed <div> elements', line: 40 }],
  });

  it('fills only the metadata the input left empty, reports warnings by file, applies furniture rules on top', () => {
    const { ctx, reporter } = context();
    const input = article(page, { id: 'harbour', format: 'html', title: 'Title from the feed' });
    const [result] = decideArticles([{ article: input, analysis: JSON.parse(JSON.stringify(analyseArticle(input, ctx, extractor))) }], ctx);
    expect(result).toMatchObject({ title: 'Title from the feed', date: '2025-05-06', dateSource: 'json-ld', author: 'Ann Lee', publisher: 'City Courier', url: 'https://courier.example/harbour', language: 'en' });
    expect(result!.paragraphs.map((p) => p.line)).toEqual([12, 14, 16]);
    expect(result!.removed.map((r) => [r.ruleId, r.line])).toEqual([['clean/navigation', 3], ['clean/promo', 20]]);
    const warnings = reporter.messages.filter((m) => m.severity === 'warning');
    expect(warnings).toEqual([expect.objectContaining({ file: 'content/harbour.html', line: 40, ruleId: 'clean/html-malformed', stage: 'clean', articleId: 'harbour' })]);
    expect(reporter.messages.filter((m) => m.severity === 'info').map((m) => m.ruleId)).toEqual(['clean/navigation', 'clean/promo']);
  });

  it('a stated date keeps its own source; an extractor that throws is a warning, never a crash', () => {
    const { ctx, reporter } = context();
    const dated = article(page, { format: 'html', date: '2025-05-01', dateSource: 'record' });
    const [withDate] = decideArticles([{ article: dated, analysis: analyseArticle(dated, ctx, extractor) }], ctx);
    expect([withDate!.date, withDate!.dateSource]).toEqual(['2025-05-01', 'record']);
    const broken = article(page, { id: 'broken', format: 'html' });
    const analysis = analyseArticle(broken, ctx, () => {
      throw new Error('stack overflow');
    });
    const [result] = decideArticles([{ article: broken, analysis }], ctx);
    expect(result!.paragraphs).toEqual([]);
    expect(reporter.messages.filter((m) => m.articleId === 'broken').map((m) => [m.severity, m.ruleId])).toEqual([
      ['warning', 'clean/html-failed'],
      ['warning', 'clean/no-text'],
    ]);
  });

  it('the real extractor: a page’s paragraphs come through the stage', () => {
    const html = '<!doctype html><html lang="en"><head><title>Bridge to close</title></head><body><article><h1>Bridge to close</h1><p>The bridge at Gisburn will close for three weeks from Monday for repairs to its deck.</p><p>Diversions will add about twenty minutes to journeys, the highways authority said.</p></article></body></html>';
    const result = clean([article(html, { format: 'html', id: 'bridge' })]).cleaned[0]!;
    expect(result.text).toContain('The bridge at Gisburn will close for three weeks from Monday for repairs to its deck.');
    expect(result.text).toContain('Diversions will add about twenty minutes to journeys, the highways authority said.');
  });
});
