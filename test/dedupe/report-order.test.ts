import { describe, expect, it } from 'vitest';
import { syntheticArticles } from '../../bench/dedupe/synthetic.ts';
import { dedupe, readFolder, SAMPLE } from './helpers.ts';

/** Where each kind of message comes within its story: links, then merges, then dating. */
const PHASE: Record<string, number> = {
  'dedupe/exact-duplicate': 0,
  'dedupe/near-duplicate': 0,
  'dedupe/same-origin': 0,
  'dedupe/same-event': 1,
  'dedupe/date-inferred': 2,
  'dedupe/undated': 2,
};

describe('dedupe report order', () => {
  const corpora = [
    ['the sample', () => readFolder(SAMPLE).articles, ['dedupe/same-event']],
    ['300 synthetic articles with copies and rewrites', () => syntheticArticles(300, 5).articles, ['dedupe/same-event', 'dedupe/undated']],
  ] as const;
  for (const [name, load, exercised] of corpora) {
    it(`groups messages by story, stories in output order, links before merges before dates: ${name}`, () => {
      const { stories, reporter } = dedupe(load());
      const storyOf = new Map<string, number>();
      stories.forEach((story, s) => story.articles.forEach((m) => storyOf.set(m.articleId, s)));
      const messages = reporter.messages.filter((m) => m.stage === 'dedupe');
      const kinds = new Set(messages.map((m) => m.ruleId));
      // The corpus exercises every kind of message the order is about.
      for (const rule of exercised) expect(kinds.has(rule), rule).toBe(true);
      expect(messages.some((m) => PHASE[m.ruleId] === 0)).toBe(true);
      const keys = messages.map((m) => [storyOf.get(m.articleId!)!, PHASE[m.ruleId]!] as const);
      for (const [i, key] of keys.entries()) {
        expect(key[0], messages[i]!.reason).toBeGreaterThanOrEqual(0);
        expect(key[1], messages[i]!.ruleId).toBeGreaterThanOrEqual(0);
        if (i === 0) continue;
        const before = keys[i - 1]!;
        expect(before[0] < key[0] || (before[0] === key[0] && before[1] <= key[1]), `${messages[i - 1]!.reason} / ${messages[i]!.reason}`).toBe(true);
      }
      // A story's reasons are its messages, in the same order.
      for (const [s, story] of stories.entries()) {
        const own = messages.filter((m) => storyOf.get(m.articleId!) === s && m.severity === 'info').map((m) => m.reason);
        expect(story.reasons).toEqual(own);
      }
    });
  }
});
