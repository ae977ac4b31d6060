/**
 * Story ids are derived from content, so an editor deleting one article must
 * not renumber the rest: a story that did not contain the removed article
 * keeps its id and its members. Content is realistic — wire copies and
 * reworded reports from bench/corpus.ts — because a property on lorem ipsum
 * never forms clusters to break.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { dedupeArticles } from '../../pipeline/dedupe/index.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import type { Article, Story } from '../../pipeline/types.ts';
import { cleanedCorpus } from '../dedupe/helpers.ts';

const FUZZING = process.env.FUZZ_RUNS !== undefined;
const RUNS = Number(process.env.FUZZ_DEDUPE_RUNS ?? (FUZZING ? 2000 : 40));
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };
vi.setConfig({ testTimeout: FUZZING ? 12 * 3_600_000 : 120_000 });

function ctx(stage: 'dedupe') {
  return { config: defaultConfig(), cwd: process.cwd(), report: new Reporter().for(stage), caching: false };
}

const cleaned = (seed: number, count: number, duplicateRate: number, rewordRate: number): Article[] => cleanedCorpus(seed, count, duplicateRate, rewordRate);

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
            if (now === undefined) continue; // regrouped (see the next tests)
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
   * Was a known bug (issue 10's hardening report): grouping used corpus-wide term
   * rarity, so removing one article could fold two unrelated stories together.
   * Term weights are now per article (a fixed background table), so every story
   * without the removed article keeps its id and its members.
   */
  it('removing an article never regroups two other stories (fixture: dedupe-removal-merges-others.json)', () => {
    const fixture = JSON.parse(readFileSync(new URL('./fixtures/dedupe-removal-merges-others.json', import.meta.url), 'utf8')) as {
      corpus: { seed: number; articles: number; duplicateRate: number; rewordRate: number };
      remove: string;
      mustStayApart: string[][];
    };
    const articles = cleaned(fixture.corpus.seed, fixture.corpus.articles, fixture.corpus.duplicateRate, fixture.corpus.rewordRate);
    const { untouched, after, afterById } = compare(articles, fixture.remove);
    const storyOf = (id: string) => after.find((s) => s.articles.some((m) => m.articleId === id))!.id;
    for (const [a, b] of fixture.mustStayApart) expect(storyOf(a!), `${a} and ${b} folded into one story`).not.toBe(storyOf(b!));
    expect(untouched.length).toBeGreaterThan(5);
    for (const story of untouched) expect(afterById.get(story.id)).toEqual(story.articles.map((m) => m.articleId).sort());
  });
});
