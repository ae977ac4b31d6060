import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { danglingReference } from '../../pipeline/summarise/dangling.ts';
import { summariseStories } from '../../pipeline/summarise/index.ts';
import { isNearCopy, termsOf } from '../../pipeline/summarise/terms.ts';
import type { Article, Story, StoryRole } from '../../pipeline/types.ts';
import { article, context } from './helpers.ts';

const SUBJECTS = ['The minister', 'Police', 'He', 'She', 'They', 'The council', 'But the mayor', 'Officials', 'The pair', 'It', 'Residents', '“We are ready,” she said, and the team'];
const VERBS = ['announced', 'rejected', 'discussed', 'approved', 'criticised', 'welcomed', 'delayed'];
const OBJECTS = ['the new budget', 'a plan for the harbour', 'the flood defences', 'an inquiry into the fire', 'the rail strike', 'plans for the airport'];
const TAILS = ['on Monday.', 'after weeks of talks.', 'in a statement, officials said.', 'despite strong opposition from local groups.', '.', 'and the'];

const sentence = fc
  .tuple(fc.constantFrom(...SUBJECTS), fc.constantFrom(...VERBS), fc.constantFrom(...OBJECTS), fc.constantFrom(...TAILS))
  .map(([s, v, o, t]) => `${s} ${v} ${o} ${t}`.replace(' .', '.'));
const paragraph = fc.oneof(
  { weight: 8, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => ({ type: 'paragraph' as const, text: s.join(' ') })) },
  { weight: 1, arbitrary: fc.constantFrom('Live updates', 'Read more', 'CLICK HERE').map((text) => ({ type: 'heading' as const, text })) },
);
const articleSpec = fc.record({
  paragraphs: fc.array(paragraph, { minLength: 0, maxLength: 6 }),
  title: fc.option(fc.constantFrom('Council approves harbour plan', 'A'.repeat(140)), { nil: null }),
});
const storySpec = fc.record({
  date: fc.option(fc.constantFrom('2025-01-01', '2025-01-02'), { nil: null }),
  articles: fc.array(fc.tuple(articleSpec, fc.constantFrom<StoryRole>('related', 'duplicate')), { minLength: 1, maxLength: 4 }),
});

function build(specs: { date: string | null; articles: [{ paragraphs: Article['paragraphs']; title: string | null }, StoryRole][] }[]): { stories: Story[]; articles: Article[] } {
  const articles: Article[] = [];
  const stories = specs.map((spec, s) => {
    const members = spec.articles.map(([a, role], k) => {
      const id = `s${s}a${k}`;
      articles.push(article(id, a.paragraphs, { date: spec.date, title: a.title }));
      return { articleId: id, role: k === 0 ? ('canonical' as const) : role, similarity: 1, publisher: null };
    });
    return { id: `story-${s}`, date: spec.date, dateSource: null, articles: members, reasons: [] };
  });
  return { stories, articles };
}

describe('summariseStories on arbitrary stories', () => {
  it('never throws, repeats nothing, opens with no dangling reference, keeps headlines in bounds, is order-independent', () => {
    fc.assert(
      fc.property(fc.array(storySpec, { minLength: 0, maxLength: 5 }), (specs) => {
        const { stories, articles } = build(specs);
        const { ctx } = context({ words: 40, maxStories: 3 });
        const editions = summariseStories(stories, articles, ctx);
        const dates = editions.map((e) => e.date);
        expect(dates).toEqual([...new Set(dates)].sort());
        const byId = new Map(articles.map((a) => [a.id, a]));
        for (const edition of editions) {
          const sets = edition.stories.flatMap((s) => s.sentences.map((x) => new Set(termsOf(x.text))));
          for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) expect(isNearCopy(sets[i]!, sets[j]!)).toBe(false);
          for (const story of [...edition.stories, ...edition.more]) {
            expect(story.headline.length).toBeGreaterThan(0);
            expect(story.headline.length).toBeLessThanOrEqual(100);
            expect(story.headline).not.toMatch(/\b(?:and|of|the|to)$|,$/i);
          }
          for (const story of edition.stories) {
            if (story.sentences[0]) expect(danglingReference(story.sentences[0].text)).toBeNull();
            for (const s of story.sentences) expect(byId.get(s.articleId)!.text).toContain(s.text);
          }
        }
        const again = summariseStories([...stories].reverse(), [...articles].reverse(), context({ words: 40, maxStories: 3 }).ctx);
        expect(JSON.stringify(again)).toBe(JSON.stringify(editions));
      }),
      { numRuns: 150, seed: 20250318 },
    );
  });
});
