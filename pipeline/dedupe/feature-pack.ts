/**
 * The dedupe features of a run kept as a few large cache entries ("segments",
 * thousands of articles each) and a manifest naming them, instead of one
 * entry per article.
 *
 * Why: a rebuild reads the features of every article. One entry each cost a
 * store lookup, a checksum, a JSON parse and a base64 decode per article — at
 * 100,000 articles ~92k lookups and ~300 MB of JSON text, about 2.3 s of a new
 * day's build plus the garbage; at 1,000, ~30 ms of a ~430 ms rebuild. A
 * segment is one lookup, one parse of its small per-article fields and two
 * base64 decodes, whatever its size, and its typed arrays are views of those
 * two buffers — no copy per article.
 *
 * What the per-entry store guaranteed still holds, because segments and the
 * manifest are ordinary entries of the same store (pipeline/common/cache-store.ts):
 * a damaged segment fails its checksum, is reported (`build/corrupt-cache`)
 * and its articles' features are computed again; writes are transactions, so a
 * killed build leaves the last manifest and segments whole; entries no manifest
 * names any more are collected after `KEEP_DAYS` unused. Two builds at once
 * each write their own manifest: the last one wins and the other's new segment
 * is read by no one — its articles cost a recompute, never a wrong result.
 *
 * How it grows: a run appends one segment of the features it had to compute (a
 * new day: ~300 articles) and rewrites the manifest. Small segments are merged
 * into one once there are `MAX_SMALL_SEGMENTS` of them, and everything is
 * rewritten once more than `MAX_STALE_SHARE` of what the segments hold is no
 * longer read (articles edited or removed), so a year of daily runs reads a
 * bounded number of entries and carries a bounded amount of dead weight.
 */
import type { StageCache } from '../common/cache.ts';
import { sha256 } from '../common/hash.ts';
import { fromBase64, toBase64 } from './base64.ts';
import type { FeatureData } from './features.ts';

/**
 * A segment holds features of about this many bytes (before base64): ~1,500 articles of news.
 * Writing one holds it about four times over (its arrays, their base64, the entry's JSON, SQLite's
 * copy) beside every article's features at the end of a cold build: 16 MB segments raised a year's
 * peak RSS by ~45 MB, over the 2 GB goal's margin.
 */
const SEGMENT_BYTES = 4 * 1024 * 1024;
/** A segment under half of `SEGMENT_BYTES` is small; this many are merged into one. */
const MAX_SMALL_SEGMENTS = 8;
/** Everything is rewritten once more than this share of the entries read is not used by the run. */
const MAX_STALE_SHARE = 0.25;

/** An entry's fields other than its typed arrays (also the layout before the pack: feature-cache.ts). */
export interface Meta {
  contentKey: string;
  words: number;
  hasSignature: boolean;
  keys: string;
  nameLabels: string;
  textDate: FeatureData['textDate'];
  weekdays: number[];
}

/**
 * Entries side by side. The typed arrays are in two blobs (4-byte elements): `vectors`, which
 * clustering reads to the end of the stage, and `copies` (shingles, signatures, quotation
 * windows), which the stage drops once duplicates are found — kept apart so that dropping them
 * frees their buffer, not part of one shared with the vectors.
 */
interface Segment {
  keys: string[];
  meta: Meta[];
  /** Per entry: vector length (ids and weights each), shingles, signature, quotation windows. */
  lengths: number[];
  vectors: string;
  copies: string;
}

interface Manifest {
  segments: string[];
}

/** A segment the pack read: its key, its entries' keys and their size. */
interface ReadSegment {
  key: string;
  keys: string[];
  bytes: number;
}

export class FeaturePack {
  private readonly entries = new Map<string, FeatureData>();
  private readonly segments: ReadSegment[] = [];
  /** The manifest named a segment that is gone or damaged: it is rewritten without it. */
  private lost = false;
  private readonly used = new Set<string>();
  private readonly fresh = new Map<string, FeatureData>();

  /** Reads the manifest stored under `manifestKey` and every segment it names. */
  constructor(
    private readonly cache: StageCache,
    private readonly manifestKey: string,
  ) {
    for (const key of cache.get<Manifest>(manifestKey)?.segments ?? []) {
      const segment = cache.get<Segment>(key);
      if (!segment) {
        this.lost = true;
        continue;
      }
      const decoded = decodeSegment(segment);
      segment.keys.forEach((entryKey, i) => this.entries.set(entryKey, decoded[i]!));
      this.segments.push({ key, keys: segment.keys, bytes: decoded.reduce((sum, data) => sum + bytesOf(data), 0) });
    }
  }

  /** True when the pack holds nothing (a first build, or the first after an upgrade). */
  get empty(): boolean {
    return this.entries.size === 0;
  }

  /** The stored features under `key`, if any (and notes that this run uses them). */
  get(key: string): FeatureData | undefined {
    const data = this.entries.get(key);
    if (data) this.used.add(key);
    return data;
  }

  /** Features this run computed, to store. */
  add(key: string, data: FeatureData): void {
    this.fresh.set(key, data);
    this.used.add(key);
  }

  /**
   * Stores what this run added, merging small segments or rewriting all when it is time
   * (see the file's comment), and the manifest when it changed. Then forgets everything:
   * the pack must not keep the run's arrays alive after it.
   */
  save(): void {
    const write = new Map(this.fresh);
    let kept = this.segments;
    const stale = [...this.entries.keys()].filter((key) => !this.used.has(key)).length;
    if (stale > this.entries.size * MAX_STALE_SHARE) kept = [];
    else if (this.segments.filter(isSmall).length >= MAX_SMALL_SEGMENTS) kept = this.segments.filter((segment) => !isSmall(segment));
    for (const segment of this.segments) {
      if (kept.includes(segment)) continue;
      for (const key of segment.keys) if (this.used.has(key) && !write.has(key)) write.set(key, this.entries.get(key)!);
    }
    if (write.size > 0 || kept.length < this.segments.length || this.lost) {
      const written = [...chunks([...write], SEGMENT_BYTES)].map((chunk) => {
        const segment = encodeSegment(chunk);
        const key = sha256('dedupe-feature-segment', this.manifestKey, ...segment.keys);
        this.cache.set(key, segment);
        return key;
      });
      this.cache.set(this.manifestKey, { segments: [...kept.map((segment) => segment.key), ...written] } satisfies Manifest);
    }
    this.entries.clear();
    this.fresh.clear();
    this.used.clear();
    this.segments.length = 0;
  }
}

const isSmall = (segment: ReadSegment) => segment.bytes < SEGMENT_BYTES / 2;

function bytesOf(data: FeatureData): number {
  return 4 * (2 * data.vector.ids.length + data.shingles.length + (data.signature?.length ?? 0) + data.quoteWindows.length);
}

/** The entries in runs of about `limit` bytes each. */
function* chunks(entries: Array<[string, FeatureData]>, limit: number): Generator<Array<[string, FeatureData]>> {
  let chunk: Array<[string, FeatureData]> = [];
  let bytes = 0;
  for (const entry of entries) {
    chunk.push(entry);
    bytes += bytesOf(entry[1]);
    if (bytes >= limit) {
      yield chunk;
      (chunk = []), (bytes = 0);
    }
  }
  if (chunk.length > 0) yield chunk;
}

export function encodeSegment(entries: ReadonlyArray<readonly [string, FeatureData]>): Segment {
  let vectorWords = 0;
  let copyWords = 0;
  const lengths: number[] = [];
  for (const [, data] of entries) {
    const signature = data.signature?.length ?? 0;
    lengths.push(data.vector.ids.length, data.shingles.length, signature, data.quoteWindows.length);
    vectorWords += 2 * data.vector.ids.length;
    copyWords += data.shingles.length + signature + data.quoteWindows.length;
  }
  const vectors = new Uint32Array(vectorWords);
  const copies = new Uint32Array(copyWords);
  let v = 0;
  let c = 0;
  for (const [, data] of entries) {
    const { ids, weights } = data.vector;
    vectors.set(ids, v);
    // Float32 weights by their bits: read back to the same values.
    vectors.set(new Uint32Array(weights.buffer, weights.byteOffset, weights.length), v + ids.length);
    v += 2 * ids.length;
    for (const array of [data.shingles, data.signature, data.quoteWindows]) {
      if (!array) continue;
      copies.set(array, c);
      c += array.length;
    }
  }
  return {
    keys: entries.map(([key]) => key),
    meta: entries.map(([, data]) => metaOf(data)),
    lengths,
    vectors: toBase64(vectors),
    copies: toBase64(copies),
  };
}

export function decodeSegment(segment: Segment): FeatureData[] {
  const vectors = fromBase64(segment.vectors);
  const copies = fromBase64(segment.copies);
  let v = 0;
  let c = 0;
  return segment.meta.map((meta, i) => {
    const [vectorLength, shingleCount, signatureLength, quoteCount] = segment.lengths.slice(4 * i, 4 * i + 4) as [number, number, number, number];
    const ids = new Uint32Array(vectors, 4 * v, vectorLength);
    const weights = new Float32Array(vectors, 4 * (v + vectorLength), vectorLength);
    v += 2 * vectorLength;
    const shingles = new Uint32Array(copies, 4 * c, shingleCount);
    c += shingleCount;
    const signature = new Uint32Array(copies, 4 * c, signatureLength);
    c += signatureLength;
    const quoteWindows = new Uint32Array(copies, 4 * c, quoteCount);
    c += quoteCount;
    return withMeta(meta, { shingles, signature, ids, weights, quoteWindows });
  });
}

function metaOf(data: FeatureData): Meta {
  const { contentKey, words, keys, nameLabels, textDate, weekdays } = data;
  return { contentKey, words, hasSignature: data.signature !== null, keys, nameLabels, textDate, weekdays };
}

/** The features an entry's fields and typed arrays make (a signature is stored, empty, even when there is none). */
export function withMeta(
  meta: Meta,
  arrays: { shingles: Uint32Array; signature: Uint32Array; ids: Uint32Array; weights: Float32Array; quoteWindows: Uint32Array },
): FeatureData {
  const { contentKey, words, keys, nameLabels, textDate, weekdays } = meta;
  const { shingles, signature, ids, weights, quoteWindows } = arrays;
  return { contentKey, words, shingles, signature: meta.hasSignature ? signature : null, vector: { ids, weights }, keys, nameLabels, quoteWindows, textDate, weekdays };
}
