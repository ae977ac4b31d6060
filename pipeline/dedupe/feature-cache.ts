/**
 * The per-article part of dedupe (features.ts), cached on disk so a rebuild
 * after one article changed computes the features of that article only.
 *
 * An entry is keyed by what the features are a function of: the cleaned
 * paragraphs (clean's `paragraphsHash` where present) and title (not
 * `article.hash`, which is taken before cleaning: clean's config and an
 * editor's kept paragraphs change the text under the same hash), `DEDUPE_VERSION` and the config keys that shape features.
 * Entries are stored many to a cache entry (feature-pack.ts).
 * Nothing in an entry depends on the other articles of the run, so the result
 * is identical with the cache on or off.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { DiskCache, noCache, stageCache } from '../common/cache.ts';
import { prefetchListed, type Prefetched } from '../common/prefetch.ts';
import type { StageContext } from '../common/context.ts';
import { sha256 } from '../common/hash.ts';
import type { Article } from '../types.ts';
import type { DedupeConfig } from './config.ts';
import { FeaturePack } from './feature-pack.ts';
import { featureData, type ArticleFeatures, type FeatureData } from './features.ts';

/** Bump when feature extraction or term weights change, so entries of older rules are not reused (18: a dateline in French, German, Spanish, Italian, Portuguese or Dutch dates its article; 19: and its weekdays count; 20: those languages' function words are stop words, common/text.ts; 21: a French quotation's closing guillemet ends its sentence; 22: their months cut short, "03 déc. 2026"; 23: their days, months and titles are no names; 24: their outlets' commentary labels and sections, common/commentary.ts; 25: near and same-origin copies about different subjects are not copies, duplicates.ts). */
export const DEDUPE_VERSION = '25';

/** What the cache holds for a run, and which articles still need their features computed. */
export interface FeatureLookup {
  /** The articles whose features are not cached, in run order: one per distinct content. */
  missing: Article[];
  /** Completes the run's features with those of `missing` (same order), storing them. */
  complete(data: readonly FeatureData[]): ArticleFeatures[];
}

/**
 * The key of the run's feature pack. One pack per content folder: builds of another folder in the
 * same workspace (`--content`) would otherwise leave most of the pack unused and have it rewritten
 * without the main folder's features.
 */
function packKey(ctx: Pick<StageContext, 'config' | 'cwd'>): string {
  return sha256('dedupe-feature-pack', DEDUPE_VERSION, JSON.stringify(featureConfig(ctx.config.dedupe)), path.resolve(ctx.cwd, ctx.config.content));
}

/**
 * From this many articles in a run, the feature pack's segments are read ahead on a worker thread
 * (`prefetchFeatures`). Below, the pack is a few MB (~2.4 MB at 1,000 articles), read in ~20 ms:
 * less than starting a worker costs the machine.
 */
export const PREFETCH_FROM_ARTICLES = 10_000;

/**
 * Starts reading the run's feature pack on a worker thread (pipeline/common/prefetch.ts), for
 * `lookupFeatures` to take its segments from: called by the build as clean starts, with the number
 * of articles, when dedupe will read a pack large enough to pay for it. Null when it will not (no
 * cache, a small run, no pack yet).
 */
export function prefetchFeatures(articles: number, ctx: Pick<StageContext, 'config' | 'cwd' | 'caching'>, fromArticles = PREFETCH_FROM_ARTICLES): Promise<Prefetched | null> | null {
  if (articles < fromArticles) return null;
  const cache = stageCache(ctx, 'dedupe-features');
  if (!(cache instanceof DiskCache) || !existsSync(cache.file)) return null;
  return prefetchListed(cache.file, packKey(ctx), 'segments');
}

/**
 * Features of every article, from the cache where it has them: one entry per
 * distinct content, kept in the segments of a pack (feature-pack.ts) that is
 * read whole at the start — a rebuild needs nearly every article's features.
 * The caller computes `missing` (in-process, or on the worker pool in
 * `dedupeArticlesParallel`) and hands them to `complete`, which stores them.
 */
export function lookupFeatures(articles: readonly Article[], ctx: Pick<StageContext, 'config' | 'cwd' | 'caching'>, prefetched: Prefetched | null = null): FeatureLookup {
  const cache = stageCache(ctx, 'dedupe-features');
  if (cache === noCache) {
    return {
      missing: [...articles],
      complete: (data) => articles.map((article, index) => ({ index, article, cacheKey: null, ...data[index]! })),
    };
  }
  const shape = JSON.stringify(featureConfig(ctx.config.dedupe));
  const pack = new FeaturePack(cache, packKey(ctx), prefetched);
  const keys = articles.map((article) => sha256(contentOf(article), DEDUPE_VERSION, shape));
  const loaded = new Map<string, FeatureData | null>();
  const missing: number[] = [];
  keys.forEach((key, i) => {
    if (loaded.has(key)) return;
    const stored = pack.get(key);
    loaded.set(key, stored ?? null);
    if (!stored) missing.push(i);
  });
  return {
    missing: missing.map((i) => articles[i]!),
    complete: (data) => {
      missing.forEach((i, k) => {
        pack.add(keys[i]!, data[k]!);
        loaded.set(keys[i]!, data[k]!);
      });
      pack.save();
      const docs = articles.map((article, index) => ({ index, article, cacheKey: keys[index]!, ...loaded.get(keys[index]!)! }));
      // The stage drops shingles and signatures once duplicates are found; nothing here may keep them.
      loaded.clear();
      return docs;
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

/** A key of what features are computed from: `cacheKey` names the same content (twins.ts uses either). */
export function contentIdentity(article: Article): string {
  return sha256(contentOf(article));
}

/** The config keys features depend on (thresholds of later steps are not among them). */
export function featureConfig(config: DedupeConfig) {
  const { shingleSize, minhashSize, minQuoteWords, leadWords, nameWeight } = config;
  return { shingleSize, minhashSize, minQuoteWords, leadWords, nameWeight };
}
