/**
 * Alike, but about different subjects (features.ts `differentSubjects`): two articles whose titles
 * name different subjects, neither naming the other's anywhere, are never joined by their pair.
 *
 * fixtures/subjects/ holds four articles written for these tests: two earnings reports from one
 * wire template (same outlet, dateline, sentences; other companies), and two reports of one council
 * vote whose titles name different things ("Councillors back £8 daily charge to drive into Bristol
 * city centre", "Bristol votes to become second English city with congestion charge").
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../pipeline/config/schema.ts';
import { differentSubjects, featureData } from '../../pipeline/dedupe/features.ts';
import { hashString } from '../../pipeline/dedupe/minhash.ts';
import { article, dedupe, here, readFolder, storyOf } from './helpers.ts';

const config = defaultConfig().dedupe;
const subjectsOf = (title: string, paragraphs: string[], words: string[]) => {
  const data = featureData(article('a', paragraphs, { title }), config);
  return words.filter((word) => data.subjects.includes(hashString(word)));
};

describe('subjects', () => {
  it('are the words of the names a title gives that the text writes with a capital too', () => {
    const text = ['Norvik Telecom reported a 9% fall in quarterly profit on Thursday as a price war among mobile operators bit.', 'Shares in Norvik fell 7% in London.'];
    const words = ['norvik', 'telecom', 'profit', 'falls', 'price', 'war', 'bites', 'london'];
    // A title in Title Case: only what the text capitalises too.
    expect(subjectsOf('Norvik Telecom Profit Falls As Price War Bites', text, words)).toEqual(['norvik', 'telecom']);
    // A name only in the title, or no title: no subject.
    expect(subjectsOf('Vestamar buys Norvik', ['The deal was announced on Thursday by both companies in a joint statement.'], ['vestamar', 'norvik'])).toEqual([]);
    expect(featureData(article('b', text), config).subjects).toHaveLength(0);
  });

  it('tell two articles apart only when each has one and neither names the other’s', () => {
    const of = (subjects: string[], named: string[]) => ({ subjects: Uint32Array.from(subjects.map(hashString)).sort(), nameWords: Uint32Array.from([...subjects, ...named].map(hashString)).sort() });
    expect(differentSubjects(of(['halden'], []), of(['norvik'], []))).toBe(true);
    // One names the other's subject anywhere: the same subject may be in both.
    expect(differentSubjects(of(['halden'], ['norvik']), of(['norvik'], []))).toBe(false);
    expect(differentSubjects(of(['halden'], []), of(['norvik'], ['halden']))).toBe(false);
    // Without a subject on either side nothing is told.
    expect(differentSubjects(of([], []), of(['norvik'], []))).toBe(false);
  });
});

describe('stories of articles about different subjects', () => {
  const { articles } = readFolder(path.join(here, 'fixtures', 'subjects'));
  const id = (name: string) => articles.find((a) => a.id.endsWith(name))!.id;

  it('keeps two earnings reports from one template apart, and two reports of one vote together', () => {
    const { stories } = dedupe(articles);
    expect(storyOf(stories, id('earnings-halden'))).not.toBe(storyOf(stories, id('earnings-norvik')));
    expect(storyOf(stories, id('charge-local'))).toBe(storyOf(stories, id('charge-national')));
    expect(stories).toHaveLength(3);
  });

  it('where the two reports were alike enough to join as one story (the pair alone decides)', () => {
    const halden = articles.find((a) => a.id.endsWith('earnings-halden'))!;
    const norvik = articles.find((a) => a.id.endsWith('earnings-norvik'))!;
    // Without their titles (no subject) the template joins them.
    const untitled = dedupe([{ ...halden, title: null }, { ...norvik, title: null }]).stories;
    expect(untitled).toHaveLength(1);
  });
});
