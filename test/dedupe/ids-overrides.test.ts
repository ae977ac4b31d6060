import { describe, expect, it } from 'vitest';
import { applyStoryOverrides } from '../../pipeline/dedupe/index.ts';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { article, dedupe, readFolder, SAMPLE, storyOf } from './helpers.ts';
import { FLOOD, OTHER_FLOOD } from './fixtures-text.ts';

describe('story ids', () => {
  const { articles } = readFolder(SAMPLE);
  const ids = (list: typeof articles) => dedupe(list).stories.map((s) => s.id).sort();

  it('do not depend on input order', () => {
    expect(ids([...articles].reverse())).toEqual(ids(articles));
  });

  it('do not depend on file names or article ids', () => {
    const renamed = articles.map((a) => ({ ...a, id: `renamed-${a.id}`, origin: { file: `other/${a.origin.file}` } }));
    expect(ids(renamed)).toEqual(ids(articles));
  });

  it('do not change when an unrelated article is removed', () => {
    const all = dedupe(articles).stories;
    const without = dedupe(articles.filter((a) => !a.id.startsWith('004'))).stories;
    for (const story of without) expect(all.map((s) => s.id)).toContain(story.id);
  });

  it('do not change when a later report joins the story', () => {
    const first = dedupe([article('a', FLOOD, { date: '2025-05-01' })]).stories[0]!.id;
    const later = article('b', [...FLOOD.slice(0, 4), 'By Friday the water had fallen.'], { date: '2025-05-02' });
    const grown = dedupe([later, article('a', FLOOD, { date: '2025-05-01' })]).stories;
    expect(grown).toHaveLength(1);
    expect(grown[0]!.id).toBe(first);
  });
});

describe('editor overrides', () => {
  const a = article('a', FLOOD, { date: '2025-05-01' });
  const b = article('b', [...FLOOD.slice(0, 3), 'Residents in Marlow said the council had been slow to act.', ...FLOOD.slice(4)], { date: '2025-05-01' });
  const c = article('c', OTHER_FLOOD, { date: '2025-05-01' });
  const ctx = () => {
    const reporter = new Reporter();
    return { reporter, ctx: { config: defaultConfig(), cwd: '.', report: reporter.for('dedupe') } };
  };

  it('splits an article (with its copies) out of its story', () => {
    const { stories } = dedupe([a, b, c]);
    expect(storyOf(stories, 'a')).toBe(storyOf(stories, 'b'));
    const { reporter, ctx: context } = ctx();
    const split = applyStoryOverrides(stories, { split: ['b'], file: 'content/editions/2025-05-01.yaml' }, context, [a, b, c]);
    expect(split).toHaveLength(3);
    expect(storyOf(split, 'b').articles).toEqual([expect.objectContaining({ articleId: 'b', role: 'canonical' })]);
    expect(storyOf(split, 'a').articles.map((m) => m.role)).toEqual(['canonical']);
    expect(storyOf(split, 'b').date).toBe('2025-05-01');
    expect(reporter.messages[0]).toMatchObject({ ruleId: 'dedupe/editor-split', file: 'content/editions/2025-05-01.yaml' });
    // The same override on the same articles gives the same ids.
    expect(applyStoryOverrides(stories, { split: ['b'] }, ctx().ctx, [a, b, c]).map((s) => s.id)).toEqual(split.map((s) => s.id));
  });

  it('merges stories into one with one canonical article', () => {
    const { stories } = dedupe([a, c]);
    expect(stories).toHaveLength(2);
    const { reporter, ctx: context } = ctx();
    const merged = applyStoryOverrides(stories, { merge: [stories.map((s) => s.id)] }, context, [a, c]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.articles.map((m) => m.role).sort()).toEqual(['canonical', 'related']);
    expect(merged[0]!.reasons.at(-1)).toMatch(/merged by the editor/);
    expect(reporter.messages[0]!.ruleId).toBe('dedupe/editor-merge');
  });

  it('warns about overrides that name nothing in this run', () => {
    const { stories } = dedupe([a, c]);
    const { reporter, ctx: context } = ctx();
    const result = applyStoryOverrides(stories, { split: ['zzz'], merge: [['nope', stories[0]!.id]] }, context, [a, c]);
    expect(result.map((s) => s.id)).toEqual(stories.map((s) => s.id));
    expect(reporter.messages.map((m) => [m.ruleId, m.severity])).toEqual([
      ['dedupe/override-unknown', 'warning'],
      ['dedupe/override-unknown', 'warning'],
    ]);
  });
});
