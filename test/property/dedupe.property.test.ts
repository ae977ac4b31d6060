/**
 * Story ids are derived from content, so an editor deleting one article must
 * not renumber the rest: a story that did not contain the removed article
 * keeps its id. (Whether it keeps its members is the known bug below.) Content is realistic — wire copies and
 * reworded reports from bench/corpus.ts — because a property on lorem ipsum
 * never forms clusters to break.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { makeArticle } from '../../pipeline/ingest/article.ts';
import { cleanArticles } from '../../pipeline/clean/index.ts';
import { dedupeArticles } from '../../pipeline/dedupe/index.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import type { Article, Story } from '../../pipeline/types.ts';
import { generateCorpus } from '../../bench/corpus.ts';

const FUZZING = process.env.FUZZ_RUNS !== undefined;
const RUNS = Number(process.env.FUZZ_DEDUPE_RUNS ?? (FUZZING ? 2000 : 40));
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };
vi.setConfig({ testTimeout: FUZZING ? 12 * 3_600_000 : 120_000 });

function ctx(stage: 'clean' | 'dedupe') {
  return { config: defaultConfig(), cwd: process.cwd(), report: new Reporter().for(stage) };
}

function cleaned(seed: number, count: number, duplicateRate: number, rewordRate: number): Article[] {
  const corpus = generateCorpus({ seed, articles: count, days: 3, duplicateRate, rewordRate, startDate: '2025-06-01' });
  const articles = corpus.map((a) =>
    makeArticle({ id: a.id, origin: { file: `content/${a.id}.txt` }, format: 'txt', raw: a.text, date: a.date, dateSource: a.date ? 'record' : null, publisher: a.publisher, title: a.title }),
  );
  return cleanArticles(articles, ctx('clean'));
}

const byId = (stories: Story[]) => new Map(stories.map((s) => [s.id, s.articles.map((m) => m.articleId).sort()]));

/** Stories of `before` that did not hold the removed article, and how they look after the removal. */
function compare(articles: Article[], removedId: string) {
  const before = dedupeArticles(articles, ctx('dedupe'));
  const after = dedupeArticles(articles.filter((a) => a.id !== removedId), ctx('dedupe'));
  const afterByMembers = new Map(after.map((s) => [s.articles.map((m) => m.articleId).sort().join(' '), s.id]));
  const untouched = before.filter((s) => !s.articles.some((m) => m.articleId === removedId));
  return { before, after, afterById: byId(after), afterByMembers, untouched };
}

describe('dedupe ids under removal', () => {
  it('a story whose articles are unchanged by a removal keeps its id', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 30 }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.nat(),
        (seed, count, duplicateRate, rewordRate, pick) => {
          const articles = cleaned(seed, count, duplicateRate, rewordRate);
          const removed = articles[pick % articles.length]!;
          const { untouched, afterByMembers } = compare(articles, removed.id);
          let kept = 0;
          for (const story of untouched) {
            const members = story.articles.map((m) => m.articleId).sort().join(' ');
            const now = afterByMembers.get(members);
            if (now === undefined) continue; // regrouped: see the known bug below
            kept++;
            expect(now, `story ${story.id} (${members}) changed id when ${removed.id} was removed`).toBe(story.id);
          }
          // The property is not vacuous: most stories survive a removal as they were.
          if (untouched.length >= 3) expect(kept).toBeGreaterThan(0);
        },
      ),
      params,
    );
  });

  /**
   * KNOWN BUG (dedupe, reported in issue 10's hardening report): grouping uses
   * corpus-wide term rarity, so removing one article can fold two unrelated
   * stories together. Marked `fails` so the suite stays green while it stands;
   * when dedupe is fixed this test fails — turn `it.fails` into `it`.
   */
  it.fails('removing an article never regroups two other stories (fixture: dedupe-removal-merges-others.json)', () => {
    const fixture = JSON.parse(readFileSync(new URL('./fixtures/dedupe-removal-merges-others.json', import.meta.url), 'utf8')) as {
      corpus: { seed: number; articles: number; duplicateRate: number; rewordRate: number };
      remove: string;
      storiesThatMustSurvive: string[][];
    };
    const articles = cleaned(fixture.corpus.seed, fixture.corpus.articles, fixture.corpus.duplicateRate, fixture.corpus.rewordRate);
    const { untouched, afterById } = compare(articles, fixture.remove);
    for (const members of fixture.storiesThatMustSurvive) expect(untouched.some((s) => s.articles.map((m) => m.articleId).sort().join(' ') === members.join(' '))).toBe(true);
    for (const story of untouched) expect(afterById.get(story.id)).toEqual(story.articles.map((m) => m.articleId).sort());
  });
});
