/**
 * The per-article part of dedupe (features.ts), cached on disk so a rebuild
 * after one article changed computes the features of that article only.
 *
 * An entry is keyed by what the features are a function of: the cleaned
 * paragraphs (clean's `paragraphsHash` where present) and title (not
 * `article.hash`, which is taken before cleaning: clean's config and an
 * editor's kept paragraphs change the text under the same hash), `DEDUPE_VERSION` and the config keys that shape features. Typed
 * arrays are stored as base64 (base64.ts).
 * Nothing in an entry depends on the other articles of the run, so the result
 * is identical with the cache on or off.
 */
import { noCache, stageCache } from '../common/cache.ts';
import type { StageContext } from '../common/context.ts';
import { sha256 } from '../common/hash.ts';
import type { Article } from '../types.ts';
import type { DedupeConfig } from './config.ts';
import { fromBase64, toBase64 } from './base64.ts';
import { featureData, type ArticleFeatures, type FeatureData } from './features.ts';

/** Bump when feature extraction or term weights change, so entries of older rules are not reused. */
export const DEDUPE_VERSION = '7';

/** An entry without its typed arrays. */
interface Meta {
  contentKey: string;
  words: number;
  hasSignature: boolean;
  keys: string;
  nameLabels: string;
  textDate: FeatureData['textDate'];
  weekdays: number[];
}

/**
 * One or more entries: their plain fields, and all their typed arrays as one
 * base64 blob — per entry: shingles, signature, vector ids, vector weights and
 * quote windows, all of 4-byte elements, with
 * their element counts in `lengths` — one decode per read, whatever the number
 * of entries.
 */
interface Stored {
  keys: string[];
  meta: Meta[];
  lengths: number[];
  blob: string;
}

/** What the cache holds for a run, and which articles still need their features computed. */
export interface FeatureLookup {
  /** The articles whose features are not cached, in run order: one per distinct content. */
  missing: Article[];
  /** Completes the run's features with those of `missing` (same order), storing them. */
  complete(data: readonly FeatureData[]): ArticleFeatures[];
}

/**
 * Features of every article, from the cache where it has them. One entry per
 * distinct content: the store (pipeline/common/cache-store.ts) reads an entry
 * in microseconds, so entries are no longer packed by bucket, as they were
 * when each entry was a file. The caller computes `missing` (in-process, or on
 * the worker pool in `dedupeArticlesParallel`) and hands them to `complete`.
 */
export function lookupFeatures(articles: readonly Article[], ctx: Pick<StageContext, 'config' | 'cwd' | 'caching'>): FeatureLookup {
  const cache = stageCache(ctx, 'dedupe-features');
  if (cache === noCache) {
    return {
      missing: [...articles],
      complete: (data) => articles.map((article, index) => ({ index, article, cacheKey: null, ...data[index]! })),
    };
  }
  const shape = JSON.stringify(featureConfig(ctx.config.dedupe));
  const keys = articles.map((article) => sha256(contentOf(article), DEDUPE_VERSION, shape));
  const loaded = new Map<string, FeatureData | null>();
  const missing: number[] = [];
  keys.forEach((key, i) => {
    if (loaded.has(key)) return;
    const stored = cache.get<Stored>(key);
    loaded.set(key, stored ? load(stored)[0]! : null);
    if (!stored) missing.push(i);
  });
  return {
    missing: missing.map((i) => articles[i]!),
    complete: (data) => {
      missing.forEach((i, k) => {
        cache.set(keys[i]!, store([keys[i]!], [data[k]!]));
        loaded.set(keys[i]!, data[k]!);
      });
      return articles.map((article, index) => ({ index, article, cacheKey: keys[index]!, ...loaded.get(keys[index]!)! }));
    },
  };
}

/** Features of every article, from the cache where it has them, the rest computed here. */
export function cachedFeatures(articles: readonly Article[], ctx: Pick<StageContext, 'config' | 'cwd' | 'caching'>): ArticleFeatures[] {
  const lookup = lookupFeatures(articles, ctx);
  return lookup.complete(lookup.missing.map((article) => featureData(article, ctx.config.dedupe)));
}

/**
 * What features are a function of, as one string (one hash call): the title
 * and the cleaned paragraphs. Clean gives every article `paragraphsHash` (each
 * paragraph's type, length and text; pipeline/clean/paragraphs-hash.ts) with
 * `text` their join, so that hash stands for both: keying on it hashes a few
 * hundred bytes instead of the whole text, and reads neither `text` nor
 * `paragraphs` — which may be loaded lazily for an unchanged article. An
 * article without it (another producer, or a test that edits the text) is
 * keyed on its text and paragraph breaks, as before: their lengths when the
 * paragraphs are the text's own, else their texts.
 */
function contentOf(article: Article): string {
  if (article.paragraphsHash) return [article.title ?? '', 'paragraphs', article.paragraphsHash].join('\u0000');
  const paragraphs = article.paragraphs.map((p) => p.text);
  const own = paragraphs.join('\n\n') === article.text;
  return [article.title ?? '', article.text, own ? paragraphs.map((p) => p.length).join(',') : JSON.stringify(paragraphs)].join('\u0000');
}

/** The config keys features depend on (thresholds of later steps are not among them). */
export function featureConfig(config: DedupeConfig) {
  const { shingleSize, minhashSize, minQuoteWords, leadWords, nameWeight } = config;
  return { shingleSize, minhashSize, minQuoteWords, leadWords, nameWeight };
}

function store(keys: string[], entries: FeatureData[]): Stored {
  const arrays = entries.flatMap((data) => [data.shingles, data.signature ?? EMPTY, data.vector.ids, data.vector.weights, data.quoteWindows]);
  const lengths = arrays.map((array) => array.length);
  const blob = new Uint32Array(lengths.reduce((sum, n) => sum + n, 0));
  let offset = 0;
  for (const array of arrays) {
    blob.set(array instanceof Float32Array ? new Uint32Array(array.buffer, array.byteOffset, array.length) : array, offset);
    offset += array.length;
  }
  return {
    keys,
    meta: entries.map((data) => ({
      contentKey: data.contentKey,
      words: data.words,
      hasSignature: data.signature !== null,
      keys: data.keys,
      nameLabels: data.nameLabels,
      textDate: data.textDate,
      weekdays: data.weekdays,
    })),
    lengths,
    blob: toBase64(blob),
  };
}

const EMPTY = new Uint32Array(0);

function load(stored: Stored): FeatureData[] {
  const buffer = fromBase64(stored.blob);
  let offset = 0;
  let next = 0;
  const take = () => {
    const length = stored.lengths[next++]!;
    const start = offset;
    offset += length;
    return [start * 4, length] as const;
  };
  const u32 = () => new Uint32Array(buffer, ...take());
  return stored.meta.map((meta) => {
    const shingles = u32();
    const signature = u32();
    const ids = u32();
    const weights = new Float32Array(buffer, ...take());
    const quoteWindows = u32();
    return {
      contentKey: meta.contentKey,
      words: meta.words,
      shingles,
      signature: meta.hasSignature ? signature : null,
      vector: { ids, weights },
      keys: meta.keys,
      nameLabels: meta.nameLabels,
      quoteWindows,
      textDate: meta.textDate,
      weekdays: meta.weekdays,
    };
  });
}
