/**
 * End to end on the sample in content/: ingest → clean → dedupe → summarise.
 * Depends on the clean and dedupe stages doing their job (issue 4 and 5): 001
 * and 002 are one wire story grouped with 000 on 2025-03-18.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ingestContent } from '../../pipeline/ingest/index.ts';
import { cleanArticles } from '../../pipeline/clean/index.ts';
import { dedupeArticles } from '../../pipeline/dedupe/index.ts';
import { summariseStories } from '../../pipeline/summarise/index.ts';
import { danglingReference } from '../../pipeline/summarise/dangling.ts';
import { isNearCopy, termsOf } from '../../pipeline/summarise/terms.ts';
import { makeCtx, REPO } from '../foundation/helpers.ts';

function runSample(): ReturnType<typeof summariseStories> {
  const { ctx, reporter } = makeCtx({}, REPO);
  const at = (stage: 'ingest' | 'clean' | 'dedupe' | 'summarise') => ({ ...ctx, report: reporter.for(stage) });
  const articles = cleanArticles(ingestContent(path.join(REPO, 'content'), at('ingest')), at('clean'));
  return summariseStories(dedupeArticles(articles, at('dedupe')), articles, at('summarise'));
}

describe('the sample, end to end', () => {
  const editions = runSample();

  it('has exactly the 2025-02-23, 2025-03-18 and 2025-04-23 editions', () => {
    expect(editions.map((e) => e.date)).toEqual(['2025-02-23', '2025-03-18', '2025-04-23']);
  });

  it('summarises the March story from more than one source and cites all three', () => {
    const march = editions.find((e) => e.date === '2025-03-18')!;
    expect(march.stories).toHaveLength(1);
    const story = march.stories[0]!;
    expect(story.sources.map((s) => s.file).sort()).toEqual([
      'content/000_94aba342c8781b43.txt',
      'content/001_06e2386ba6d7f42a.txt',
      'content/002_5c41cbf52229f305.txt',
    ]);
    expect(new Set(story.sentences.map((s) => s.articleId)).size).toBeGreaterThan(1);
  });

  it('repeats no sentence, opens no summary with a dangling reference, keeps headlines within 100 characters', () => {
    for (const edition of editions) {
      const sets = edition.stories.flatMap((s) => s.sentences.map((x) => new Set(termsOf(x.text))));
      for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) expect(isNearCopy(sets[i]!, sets[j]!)).toBe(false);
      for (const story of edition.stories) {
        expect(story.sentences.length).toBeGreaterThan(0);
        expect(danglingReference(story.sentences[0]!.text)).toBeNull();
        expect(story.headline.length).toBeGreaterThan(0);
        expect(story.headline.length).toBeLessThanOrEqual(100);
        // No banner or promo text from the raw files reaches a summary.
        expect(story.summary).not.toMatch(/Your support|donation|WhatsApp|CLICK HERE/i);
      }
    }
  });

  it('is byte-identical when run again', () => {
    expect(JSON.stringify(runSample())).toBe(JSON.stringify(editions));
  });
});
