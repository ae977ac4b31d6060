import { addDays } from '../common/dates.ts';
import { shortHash } from '../common/hash.ts';
import type { Edition, EditionStory, StorySource } from '../types.ts';

/**
 * Deterministic, realistic-sized editions for the benchmark, the size tests
 * and template work: headlines of ~12 words, summaries of ~80 words, three
 * sources per story (one without a web address). No randomness, no clock.
 */
const WORDS = (
  'council budget river flood minister talks energy prices rail strike hospital ' +
  'school funding court ruling election result trade deal climate summit market ' +
  'shares inflation report housing plan police inquiry water supply heat wave ' +
  'vaccine trial airport expansion museum opening football final storm warning'
).split(' ');

const PUBLISHERS = ['The Daily Ledger', 'Northern Echo Times', 'Metro Wire', 'Coastal Herald', 'Capital Review'];

function words(seed: number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(WORDS[(seed * 7 + i * 13 + ((i * i) % 11)) % WORDS.length]!);
  return out.join(' ');
}

function sentence(seed: number, count: number): string {
  const text = words(seed, count);
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

export function syntheticStory(date: string, n: number, storiesPerEdition = 12): EditionStory {
  const seed = Number(date.replaceAll('-', '')) % 997 + n * storiesPerEdition;
  const id = shortHash(`${date}/${n}`);
  const sources: StorySource[] = [0, 1, 2].map((k) => {
    const publisher = PUBLISHERS[(seed + k) % PUBLISHERS.length]!;
    const slug = words(seed + k, 5).replaceAll(' ', '-');
    return {
      articleId: `${id}-${k}`,
      title: sentence(seed + k, 9),
      publisher: k === 2 ? null : publisher,
      url: k === 2 ? null : `https://news${k}.example.com/${date.replaceAll('-', '/')}/${slug}`,
      file: `content/${date}-${n}-${k}.html`,
      role: k === 0 ? 'canonical' : 'related',
      date,
    };
  });
  const summary = [sentence(seed, 22), sentence(seed + 1, 28), sentence(seed + 2, 30)].join(' ');
  return {
    id,
    headline: sentence(seed, 12).slice(0, -1),
    summary,
    sentences: [],
    sources,
    date,
  };
}

/** `count` consecutive daily editions from `firstDay`, each with `stories` stories and 3 "more". */
export function syntheticEditions(firstDay: string, count: number, stories = 12): Edition[] {
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(firstDay, i);
    return {
      date,
      timezone: 'UTC',
      stories: Array.from({ length: stories }, (_, n) => syntheticStory(date, n, stories)),
      more: [0, 1, 2].map((k) => ({ id: shortHash(`${date}/more/${k}`), headline: sentence(k + i, 10).slice(0, -1) })),
    };
  });
}
