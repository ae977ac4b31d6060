/**
 * A government department, a company or an agency issues one release per region, product or
 * grant from one template: the same words but for whom they are about. They are two stories, and
 * folding one into the other as its copy dropped it from the briefing (the second release was only
 * "also reported by" under the first, its subject nowhere in the edition).
 */
import { describe, expect, it } from 'vitest';
import { article, dedupe } from './helpers.ts';

/** A regional funding release, filled in for one region (written for these tests). */
function release(region: string, amount: string, homes: string, minister = 'Emma Hardy'): string[] {
  return [
    `Around ${homes} homes in ${region} will be better protected from flooding thanks to ${amount} of new government funding, the Environment Agency announced today.`,
    `The funding will pay for new flood walls, embankments and pumping stations across ${region}, with work starting in the spring and due to finish by the end of 2028.`,
    `Floods Minister ${minister} said: "Flooding can devastate communities. This investment will give families in ${region} the protection and peace of mind they deserve."`,
    `The Environment Agency will work with local councils in ${region} to deliver the schemes, which form part of the government's £7.9 billion, 10-year flood defence programme.`,
    'Residents can check their flood risk and sign up for flood warnings on GOV.UK.',
  ];
}

const stated = (title: string) => ({ date: '2026-12-03', publisher: 'GOV.UK', title });

describe('one template filled in for two subjects', () => {
  it('is two stories, neither a copy of the other', () => {
    const yorkshire = article('yorkshire', release('Yorkshire', '£5 million', '1,200'), stated('£5 million to protect homes in Yorkshire from flooding'));
    const cornwall = article('cornwall', release('Cornwall', '£3 million', '800'), stated('£3 million to protect homes in Cornwall from flooding'));
    const { stories, reporter } = dedupe([yorkshire, cornwall]);
    expect(stories.map((s) => s.articles.map((m) => `${m.articleId}:${m.role}`)).sort()).toEqual([['cornwall:canonical'], ['yorkshire:canonical']]);
    expect(reporter.messages.filter((m) => /duplicate|same-origin/.test(m.ruleId))).toEqual([]);
  });

  it('still folds a copy of one release, retitled, or with a line added', () => {
    const original = article('gov', release('Yorkshire', '£5 million', '1,200'), stated('£5 million to protect homes in Yorkshire from flooding'));
    // A local paper runs the release under its own headline, with a line of its own.
    const copy = article('local', [...release('Yorkshire', '£5 million', '1,200'), 'The Leeds scheme is expected to be the largest.'], { ...stated('Flood defence cash for Yorkshire homes'), publisher: 'Yorkshire Post' });
    const { stories } = dedupe([original, copy]);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.articles.map((m) => m.role).sort()).toEqual(['canonical', 'duplicate']);
  });

  it('folds two copies whose titles name different things when each text names both', () => {
    // A copy titled by the minister, the original by the region: each names both in its text.
    const original = article('gov', release('Yorkshire', '£5 million', '1,200'), stated('£5 million to protect homes in Yorkshire from flooding'));
    const copy = article('wire', release('Yorkshire', '£5 million', '1,200'), { ...stated('Hardy announces flood funding'), publisher: 'Metro Wire' });
    const { stories } = dedupe([original, copy]);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.articles.map((m) => m.role).sort()).toEqual(['canonical', 'duplicate']);
  });
});
