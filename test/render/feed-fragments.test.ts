import { describe, expect, it } from 'vitest';
import { configSchema } from '../../pipeline/config/schema.ts';
import { assembleFeeds, fragmentsFromStore, itemFragments, storedFragments } from '../../pipeline/render/feed-fragments.ts';
import { buildFeeds, type FeedItemData } from '../../pipeline/render/feeds.ts';

const config = configSchema.parse({ title: 'Briefing & <Co>', description: 'News ]]> and "quotes"', language: 'en' });
const names = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

/** Items unlike each other: markup, CDATA terminators, the item tags themselves in the content, non-Latin text, no content. */
function items(): FeedItemData[] {
  const texts = [
    { title: 'Plain headline', summary: 'One · two', html: '<p>Story one</p>' },
    { title: 'Tags <script>alert(1)</script> & "quotes"', summary: 'a ]]> b', html: '<p>x ]]> y</p>\n        <item>fake</item></entry>' },
    { title: 'Ünïcödé — “curly” 日本', summary: 'žluťoučký', html: '<p>→ ←</p>' },
    { title: 'No content', summary: 'only a summary', html: '' },
    { title: 'Line\nbreaks\tand tabs', summary: 'x\u0001y', html: '<div>\n  <p>nested</p>\n</div>' },
  ];
  return texts.map((text, i) => {
    const day = `2025-03-${String(10 + i).padStart(2, '0')}`;
    return {
      id: `https://briefing.example.org/editions/${day}/`,
      link: `https://briefing.example.org/editions/${day}/?a=1&b=2`,
      ...text,
      published: new Date(`${day}T00:00:00Z`),
      // Not in date order: the feed's date is the latest, whichever item has it.
      updated: new Date(`${day}T0${(7 * i) % 10}:00:00Z`),
    };
  });
}

describe('feeds from item fragments', () => {
  it('are byte for byte the feeds built whole, for any number and mix of items', () => {
    const all = items();
    const subsets = [all, all.slice(0, 1), all.slice(3, 4), all.slice(1, 3), [...all].reverse(), [all[3]!, all[0]!]];
    for (const subset of subsets) {
      const fragments = subset.map((item) => itemFragments(item, config, names));
      expect(fragments.every((f) => f !== null)).toBe(true);
      const assembled = assembleFeeds(subset, fragments as NonNullable<(typeof fragments)[number]>[], config, names);
      const whole = buildFeeds(subset, config, names);
      expect(assembled?.rss.toString()).toBe(whole.rss);
      expect(assembled?.atom.toString()).toBe(whole.atom);
      expect(assembled?.json.toString()).toBe(whole.json);
    }
  });

  it('are not assembled from fragments another version cut (the caller then builds them whole)', () => {
    const all = items();
    const fragments = all.map((item) => itemFragments(item, config, names)!);
    const stale = fragments.map((f) => ({ ...f, rss: Buffer.from(f.rss.toString().replace('<item>', '<item> ')) }));
    expect(assembleFeeds(all, stale, config, names)).toBeNull();
    expect(assembleFeeds([], [], config, names)).toBeNull();
    expect(assembleFeeds(all, fragments.slice(1), config, names)).toBeNull();
    // Through the cache's form and back: the same bytes.
    const back = fragments.map((f) => fragmentsFromStore(storedFragments(f)));
    expect(assembleFeeds(all, back, config, names)?.json.toString()).toBe(buildFeeds(all, config, names).json);
  });
});
