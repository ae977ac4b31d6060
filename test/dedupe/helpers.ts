import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from '../../bench/corpus.ts';
import { cleanArticles } from '../../pipeline/clean/index.ts';
import { defaultConfig, type Config } from '../../pipeline/config/schema.ts';
import { dedupeArticles } from '../../pipeline/dedupe/index.ts';
import { makeArticle } from '../../pipeline/ingest/article.ts';
import { ingestContent } from '../../pipeline/ingest/index.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { DiskCache, type StageCache } from '../../pipeline/common/cache.ts';
import { storedEntries } from '../../pipeline/common/cache-store.ts';
import { segmentFromBytes } from '../../pipeline/dedupe/feature-pack.ts';
import type { FeatureData } from '../../pipeline/dedupe/features.ts';
import type { Article, Story } from '../../pipeline/types.ts';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const SAMPLE = path.join(here, 'fixtures', 'sample');

/** The real ingest → clean stages over a folder, as the CLI runs them. */
export function readFolder(dir: string, config: Config = defaultConfig()): { articles: Article[]; reporter: Reporter; config: Config } {
  const reporter = new Reporter();
  const ctx = { config, cwd: here, report: reporter.for('ingest') };
  const articles = cleanArticles(ingestContent(dir, ctx), { ...ctx, report: reporter.for('clean') });
  return { articles, reporter, config };
}

/**
 * A generated corpus (bench/corpus.ts) made into articles and cleaned as the CLI would: three
 * days of wire copies and reworded reports, so properties have clusters to break.
 */
export function cleanedCorpus(seed: number, count: number, duplicateRate: number, rewordRate: number, undatedRate?: number): Article[] {
  const corpus = generateCorpus({ seed, articles: count, days: 3, duplicateRate, rewordRate, undatedRate, startDate: '2025-06-01' });
  const articles = corpus.map((a) =>
    makeArticle({ id: a.id, origin: { file: `content/${a.id}.txt` }, format: 'txt', raw: a.text, date: a.date, dateSource: a.date ? 'record' : null, publisher: a.publisher, title: a.title }),
  );
  return cleanArticles(articles, { config: defaultConfig(), cwd: process.cwd(), report: new Reporter().for('clean'), caching: false });
}

export function dedupe(articles: Article[], config: Config = defaultConfig()): { stories: Story[]; reporter: Reporter } {
  const reporter = new Reporter();
  const stories = dedupeArticles(articles, { config, cwd: here, report: reporter.for('dedupe'), caching: false });
  return { stories, reporter };
}

/** A cleaned article from plain paragraphs (for hand-written cases). */
export function article(id: string, paragraphs: string[], stated: { date?: string | null; publisher?: string; title?: string } = {}): Article {
  const a = makeArticle({
    id,
    origin: { file: `${id}.txt` },
    format: 'txt',
    raw: paragraphs.join('\n\n'),
    date: stated.date ?? null,
    dateSource: stated.date ? 'front-matter' : null,
    publisher: stated.publisher ?? null,
    title: stated.title ?? null,
  });
  a.paragraphs = paragraphs.map((text) => ({ type: 'paragraph' as const, text }));
  a.text = paragraphs.join('\n\n');
  return a;
}

export function storyOf(stories: Story[], articleId: string): Story {
  const story = stories.find((s) => s.articles.some((m) => m.articleId === articleId));
  if (!story) throw new Error(`no story holds ${articleId}`);
  return story;
}

export function memberOf(story: Story, articleId: string) {
  return story.articles.find((m) => m.articleId === articleId)!;
}

/**
 * The keys of the features the pack in `cacheRoot` holds (pipeline/dedupe/feature-pack.ts): those of the
 * segments its manifest names, read as the pack reads them (bytes).
 */
export function packedFeatureKeys(cacheRoot: string): string[] {
  const manifests = storedEntries(path.join(cacheRoot, 'dedupe-features')).flatMap((entry) => (entry.text.startsWith('{"segments"') ? [JSON.parse(entry.text) as { segments: string[] }] : []));
  if (manifests.length !== 1) throw new Error(`expected one pack manifest in ${cacheRoot}, found ${manifests.length}`);
  const reader = new DiskCache(cacheRoot, 'dedupe-features');
  return manifests[0]!.segments.flatMap((key) => segmentFromBytes(reader.getBytes(key)!)!.keys);
}

/** A cache in memory, as the stage cache behaves (values as JSON, or bytes copied); `store` to look inside. */
export function memoryCache(): StageCache & { store: Map<string, string | Uint8Array> } {
  const store = new Map<string, string | Uint8Array>();
  const found = (key: string) => store.get(key);
  return {
    store,
    get: <T>(key: string) => {
      const body = found(key);
      return typeof body === 'string' ? (JSON.parse(body) as T) : undefined;
    },
    set: <T>(key: string, value: T) => void store.set(key, JSON.stringify(value)),
    getBytes: (key: string) => {
      const body = found(key);
      return body instanceof Uint8Array ? body.slice() : undefined;
    },
    setBytes: (key: string, bytes: Uint8Array) => void store.set(key, bytes.slice()),
  };
}

/** A feature entry's values as plain arrays, so `toEqual` compares values (typed-array views of a segment's buffer, shared or not, vs fresh arrays). */
export function plainFeatures(data: FeatureData) {
  return {
    ...data,
    shingles: [...data.shingles],
    signature: data.signature && [...data.signature],
    quoteWindows: [...data.quoteWindows],
    subjects: [...data.subjects],
    nameWords: [...data.nameWords],
    vector: { ids: [...data.vector.ids], weights: [...data.vector.weights] },
    // Read through the getters of labels a segment decodes lazily.
    labels: { keys: data.labels.keys, nameLabels: data.labels.nameLabels },
  };
}
