/**
 * Commentary is judged against the news (merge-rule.ts, `StoryRule`): the main loop clusters
 * news with news and commentary with commentary, and a cluster of commentary alone then joins
 * the dated news story its closest pair reaches the story bar with.
 *
 * fixtures/commentary/ holds four articles about one invented rate decision, written for these
 * tests: two news reports, an opinion column (marked as commentary by its `/opinion/` address)
 * and an analysis (by its "Analysis:" title). The column is 0.28 from one report and 0.13 from
 * the other, so averaged in with the news it split the story in two.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { averageLinkClusters } from '../../pipeline/dedupe/cluster.ts';
import { DateRule, StoryRule, type ArticleKind } from '../../pipeline/dedupe/merge-rule.ts';
import { PairList } from '../../pipeline/dedupe/pair-list.ts';
import { cosine, type SparseVector } from '../../pipeline/dedupe/vectors.ts';
import { COMMENTARY_LABEL, commentaryKind, isCommentary } from '../../pipeline/common/commentary.ts';
import { dedupe, here, memberOf, readFolder, storyOf } from './helpers.ts';

describe('commentary and the news it is about', () => {
  it('joins the story of two news reports though close to only one of them (an opinion column and an analysis of one rate decision)', () => {
    const { articles } = readFolder(path.join(here, 'fixtures', 'commentary'));
    const byName = (name: string) => articles.find((a) => a.id.endsWith(name))!;
    expect(isCommentary(byName('opinion-courier'))).toBe(true);
    expect(isCommentary(byName('analysis-ledger'))).toBe(true);
    expect(isCommentary(byName('news-courier'))).toBe(false);
    const { stories } = dedupe(articles);
    // One story of all four (averaged in with the news, the column split it into two stories of two).
    expect(stories).toHaveLength(1);
    const story = stories[0]!;
    expect(story.articles).toHaveLength(4);
    // A news report leads; the commentary is "also reported by".
    const lead = story.articles.find((m) => m.role === 'canonical')!;
    expect(isCommentary(byName(lead.articleId.split('/').pop()!))).toBe(false);
    expect(memberOf(story, byName('opinion-courier').id).role).toBe('related');
    expect(memberOf(story, byName('analysis-ledger').id).role).toBe('related');
    expect(storyOf(stories, byName('news-ledger').id)).toBe(story);
  });
});

/** A unit vector from word weights. */
function vector(words: Record<number, number>): SparseVector {
  const ids = Object.keys(words).map(Number).sort((a, b) => a - b);
  const norm = Math.hypot(...ids.map((id) => words[id]!));
  return { ids: Uint32Array.from(ids), weights: Float32Array.from(ids.map((id) => words[id]! / norm)) };
}

/** Every pair at or above `bar`, as the pair search gives them. */
function edgesOf(vectors: SparseVector[], bar: number): PairList {
  const edges: Array<[number, number, number]> = [];
  for (let a = 0; a < vectors.length; a++) for (let b = a + 1; b < vectors.length; b++) if (cosine(vectors[a]!, vectors[b]!) >= bar) edges.push([a, b, cosine(vectors[a]!, vectors[b]!)]);
  return PairList.of(edges);
}

/** The clusters of single articles at the default bars, each ascending, ordered by first member. */
function clusterKinds(vectors: SparseVector[], rule: DateRule, threshold = 0.23): number[][] {
  const { clusters } = averageLinkClusters(vectors, vectors.map((_, i) => [i]), edgesOf(vectors, threshold), { threshold, rule, attach: { threshold, closestPairThreshold: threshold } });
  return clusters.map((c) => [...c].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

const DAY = '2025-06-12';
const news = (): ArticleKind => ({ day: DAY, named: [], commentary: false });
const column = (): ArticleKind => ({ day: DAY, named: [], commentary: true });

describe('StoryRule in the clustering', () => {
  it('never lets a column about two events make them one story', () => {
    // Two reports of two events sharing no word, and a column that discusses both (0.71 from each).
    const vectors = [vector({ 1: 1, 2: 1 }), vector({ 3: 1, 4: 1 }), vector({ 1: 1, 2: 1, 3: 1, 4: 1 })];
    const kinds = [news(), news(), column()];
    // Averaged in, the column joined the first report and then brought the second (0.35 ≥ 0.23).
    expect(clusterKinds(vectors, new DateRule(kinds, 7))).toEqual([[0, 1, 2]]);
    // Judged against the news, it joins one story and the two events stay apart.
    expect(clusterKinds(vectors, new StoryRule(kinds, 7))).toEqual([[0, 2], [1]]);
  });

  it('leaves a column close to no report a story of its own, and puts two columns on one subject together', () => {
    const report = vector({ 1: 1, 2: 1, 3: 1 });
    const far = vector({ 1: 1, 5: 3, 6: 3 }); // 0.13 from the report: under the bar
    const kinds = [news(), column()];
    expect(clusterKinds([report, far], new StoryRule(kinds, 7))).toEqual([[0], [1]]);
    const columns = [vector({ 7: 2, 8: 1 }), vector({ 7: 2, 8: 1, 9: 1 })];
    const two = [column(), column()];
    expect(clusterKinds(columns, new StoryRule(two, 7))).toEqual([[0, 1]]);
  });

  it('attaches commentary by its closest pair, where the average over the story falls short', () => {
    // Two reports of one event (0.67), and a column 0.31 from the first and 0 from the second: average 0.15.
    const vectors = [vector({ 1: 2, 2: 1, 3: 1 }), vector({ 1: 2, 4: 1, 5: 1 }), vector({ 2: 1, 3: 1, 6: 2, 7: 1 })];
    const kinds = [news(), news(), column()];
    expect(cosine(vectors[0]!, vectors[1]!)).toBeGreaterThan(0.23);
    expect((cosine(vectors[0]!, vectors[2]!) + cosine(vectors[1]!, vectors[2]!)) / 2).toBeLessThan(0.23);
    expect(cosine(vectors[0]!, vectors[2]!)).toBeGreaterThan(0.23);
    expect(clusterKinds(vectors, new StoryRule(kinds, 7))).toEqual([[0, 1, 2]]);
    // The same column dated outside the window of the story stays apart.
    const late = [news(), news(), { ...column(), day: '2025-06-25' }];
    expect(clusterKinds(vectors, new StoryRule(late, 7))).toEqual([[0, 1], [2]]);
  });
});

describe('commentary labelled in the other languages clean reads', () => {
  it('is told by its title’s label, in French, German, Spanish, Italian, Portuguese and Dutch', () => {
    const cases: Array<[string, string | null]> = [
      ['Meinung: Ein Haushalt ohne Mut', 'opinion'],
      ['Kommentar: Die Koalition muss liefern', 'comment'],
      ['Leitartikel – Europa muss handeln', 'editorial'],
      ['Tribune : « Il faut réformer la retraite »', 'opinion'],
      ['Point de vue : la réforme attendra', 'opinion'],
      ['ÉDITO | Le budget de toutes les peurs', 'editorial'],
      ['Opinión | El presupuesto que no llega', 'opinion'],
      ['Análisis: la economía se enfría', 'analysis'],
      ['Commento: il governo e la manovra', 'comment'],
      ['Opinião: o orçamento possível', 'opinion'],
      ['Opinie | De begroting is een gemiste kans', 'opinion'],
      ['Cartas al director: el tranvía', 'letters'],
      // News that starts with such a word: no label.
      ['Meinungsumfrage: Union vorn', null],
      ['Analyse der Wahl zeigt Verluste', null],
      ['Opinión pública: la encuesta del CIS', null],
      ['Tribunal : la Cour rejette le recours', null],
      ['Chronique judiciaire : le procès s’ouvre', null],
    ];
    for (const [title, kind] of cases) expect(commentaryKind({ title, url: null }), title).toBe(kind);
  });

  it('is told by the section of its address', () => {
    const cases: Array<[string, string | null]> = [
      ['https://www.spiegel.example/meinung/haushalt-a-123.html', 'opinion'],
      ['https://www.lemonde.example/idees/article/2026/12/03/la-reforme_1.html', 'opinion'],
      ['https://elpais.example/opinion/2026-12-03/el-presupuesto.html', 'opinion'],
      ['https://corriere.example/opinioni/26_dicembre_03/la-manovra.shtml', 'opinion'],
      ['https://publico.example/2026/12/03/opiniao/o-orcamento', 'opinion'],
      ['https://welt.example/debatte/kommentare/article1/die-koalition.html', 'comment'],
      ['https://nrc.example/nieuws/2026/12/03/de-begroting', null],
      ['https://zeitung.example/politik/meinungsforschung/umfrage.html', null],
    ];
    for (const [url, kind] of cases) expect(commentaryKind({ title: 'Der Haushalt', url }), url).toBe(kind);
  });

  it('is read from a label over the headline ("Meinung", "Point de vue"), and not from "View" or "Letters" alone', () => {
    for (const label of ['Meinung', 'KOMMENTAR', 'Point de vue', 'Opinión', 'Editoriale', 'Opinion', 'viewpoint']) expect(COMMENTARY_LABEL.test(label), label).toBe(true);
    for (const label of ['View', 'Letters', 'Meinungen', 'Politik', 'Point']) expect(COMMENTARY_LABEL.test(label), label).toBe(false);
  });
});
