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
import type { Prefetched } from '../common/prefetch.ts';
import { sha256 } from '../common/hash.ts';
import { fromBase64, ownBuffer, toBase64 } from './base64.ts';
import type { FeatureData, FeatureLabels } from './features.ts';

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

/** An entry's fields other than its typed arrays, as JSON layouts store them (also the layout before the pack: feature-cache.ts). */
export interface Meta {
  contentKey: string;
  words: number;
  hasSignature: boolean;
  keys: string;
  nameLabels: string;
  textDate: FeatureData['textDate'];
  weekdays: number[];
}

/** `Meta` without the labels, which the bytes layout keeps apart (see `Segment`). */
type SmallMeta = Omit<Meta, 'keys' | 'nameLabels'>;

/**
 * Entries side by side. The typed arrays are in two runs (4-byte elements): `vectors`, which
 * clustering reads to the end of the stage, and `copies` (shingles, signatures, quotation
 * windows), which the stage drops once duplicates are found — each decoded into a buffer of its
 * own, so that dropping the copies frees theirs, not part of one shared with the vectors.
 *
 * Stored as bytes (`segmentBytes`): `BFS2`, the lengths of the header, the labels and the
 * vectors (u32 little-endian), the header (`keys`, `meta`, `lengths`, `labelLengths` as JSON),
 * the labels (UTF-8: each entry's feature keys, then its name labels), padding to 4 bytes,
 * the vectors, the copies. The labels are decoded when a message asks for them (`StoredLabels`):
 * they were ~85 % of what reading a year's segments parsed, for the few stories a rebuild builds.
 * Until session 14 a segment was JSON with the two runs in base64 (`LegacySegment`); those are
 * still read, and written again as bytes when the pack next is saved.
 * At 100,000 articles (37 segments, 293 MB of JSON) reading them all took 0.8-1.9 s as JSON
 * and 0.45-0.72 s as bytes with every label parsed (side by side on the same store); with the labels
 * left as bytes, a new day's profile puts the pack at 777 ms against 1,688 ms as JSON.
 */
interface Segment {
  keys: string[];
  meta: SmallMeta[];
  /** Per entry (`LENGTHS` numbers): vector length (ids and weights each), shingles, signature, quotation windows, subjects, name words. */
  lengths: number[];
  /** Vector ids and weights, subjects and name words, entry after entry. */
  vectors: Uint32Array;
  copies: Uint32Array;
  labels: FeatureLabels[];
}

/** Numbers per entry in `Segment.lengths`. */
const LENGTHS = 6;

interface SegmentHeader {
  keys: string[];
  meta: SmallMeta[];
  lengths: number[];
  /** Per entry: the UTF-8 length of its feature keys, then of its name labels. */
  labelLengths: number[];
}

/** A segment as stored before bytes: every field in JSON, the two runs as base64. */
export interface LegacySegment {
  keys: string[];
  meta: Meta[];
  lengths: number[];
  vectors: string;
  copies: string;
}

interface Manifest {
  segments: string[];
}

/** A segment the pack read: its key, its entries' keys and their size, and whether it was stored as JSON. */
interface ReadSegment {
  key: string;
  keys: string[];
  bytes: number;
  legacy: boolean;
}

export class FeaturePack {
  private readonly entries = new Map<string, FeatureData>();
  private readonly segments: ReadSegment[] = [];
  /** The manifest named a segment that is gone or damaged: it is rewritten without it. */
  private lost = false;
  private readonly used = new Set<string>();
  private readonly fresh = new Map<string, FeatureData>();

  /**
   * Reads the manifest stored under `manifestKey` and every segment it names: those a worker read
   * ahead (`prefetched`, pipeline/common/prefetch.ts) from there, the others from the cache.
   */
  constructor(
    private readonly cache: StageCache,
    private readonly manifestKey: string,
    private readonly prefetched: Prefetched | null = null,
  ) {
    for (const key of cache.get<Manifest>(manifestKey)?.segments ?? []) {
      const segment = this.read(key);
      if (!segment) {
        this.lost = true;
        continue;
      }
      const decoded = decodeSegment(segment);
      segment.keys.forEach((entryKey, i) => this.entries.set(entryKey, decoded[i]!));
      this.segments.push({ key, keys: segment.keys, bytes: decoded.reduce((sum, data) => sum + bytesOf(data), 0), legacy: segment.legacy });
    }
  }

  /** A segment as bytes, or as the JSON of older versions; undefined when gone, damaged or not a segment. */
  private read(key: string): (Segment & { legacy: boolean }) | undefined {
    const early = this.cache.readElsewhere ? this.prefetched?.take(key) : undefined;
    if (early) {
      this.cache.readElsewhere!(key, early.sum, early.used);
      const segment = segmentFromBytes(early.bytes, { view: true });
      if (segment) return { ...segment, legacy: false };
    }
    const bytes = this.cache.getBytes?.(key);
    if (bytes) {
      // Views of the bytes the store just handed over (a buffer of their own), not copies: this path reads
      // packs too small to be read ahead (under `PREFETCH_FROM_ARTICLES` in feature-cache.ts: a few segments), where freeing the
      // copies run early saves a few MB, and copying cost more (1,000 articles: dedupe 131 against 138 ms,
      // medians of eight alternated rebuilds).
      const segment = segmentFromBytes(bytes, { view: true });
      return segment && { ...segment, legacy: false };
    }
    const legacy = this.cache.get<LegacySegment>(key);
    return legacy && { ...fromLegacy(legacy), legacy: true };
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
    // Segments of the JSON layout are written again as bytes, once (a cache that holds no bytes keeps them).
    if (this.cache.setBytes) kept = kept.filter((segment) => !segment.legacy);
    for (const segment of this.segments) {
      if (kept.includes(segment)) continue;
      for (const key of segment.keys) if (this.used.has(key) && !write.has(key)) write.set(key, this.entries.get(key)!);
    }
    if (write.size > 0 || kept.length < this.segments.length || this.lost) {
      const written = [...chunks([...write], SEGMENT_BYTES)].map((chunk) => {
        const segment = encodeSegment(chunk);
        const key = sha256('dedupe-feature-segment', this.manifestKey, ...segment.keys);
        if (this.cache.setBytes) this.cache.setBytes(key, segmentBytes(segment));
        else this.cache.set(key, toLegacy(segment));
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
  return 4 * (2 * data.vector.ids.length + data.subjects.length + data.nameWords.length + data.shingles.length + (data.signature?.length ?? 0) + data.quoteWindows.length);
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
    lengths.push(data.vector.ids.length, data.shingles.length, signature, data.quoteWindows.length, data.subjects.length, data.nameWords.length);
    vectorWords += 2 * data.vector.ids.length + data.subjects.length + data.nameWords.length;
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
    // Read to the end of clustering too (`differentSubjects`), so in the run kept that long.
    vectors.set(data.subjects, v);
    v += data.subjects.length;
    vectors.set(data.nameWords, v);
    v += data.nameWords.length;
    for (const array of [data.shingles, data.signature, data.quoteWindows]) {
      if (!array) continue;
      copies.set(array, c);
      c += array.length;
    }
  }
  return { keys: entries.map(([key]) => key), meta: entries.map(([, data]) => smallMetaOf(data)), lengths, vectors, copies, labels: entries.map(([, data]) => data.labels) };
}

// "BFS2" read as a little-endian u32 ("BFS1": before subjects and name words, four lengths an entry).
const MAGIC = 0x32534642;
const PREAMBLE = 16;

/** The segment as stored (see `Segment`). Typed arrays in the machine's byte order: the cache is local. */
export function segmentBytes(segment: Segment): Uint8Array {
  const texts = segment.labels.flatMap((labels) => [Buffer.from(labels.keys), Buffer.from(labels.nameLabels)]);
  const header = Buffer.from(JSON.stringify({ keys: segment.keys, meta: segment.meta, lengths: segment.lengths, labelLengths: texts.map((text) => text.length) } satisfies SegmentHeader));
  const labels = Buffer.concat(texts);
  const vectorsAt = align4(PREAMBLE + header.length + labels.length);
  const copiesAt = vectorsAt + segment.vectors.byteLength;
  const bytes = Buffer.alloc(copiesAt + segment.copies.byteLength);
  bytes.writeUInt32LE(MAGIC, 0);
  bytes.writeUInt32LE(header.length, 4);
  bytes.writeUInt32LE(labels.length, 8);
  bytes.writeUInt32LE(segment.vectors.byteLength, 12);
  header.copy(bytes, PREAMBLE);
  labels.copy(bytes, PREAMBLE + header.length);
  bytes.set(asBytes(segment.vectors), vectorsAt);
  bytes.set(asBytes(segment.copies), copiesAt);
  return bytes;
}

/**
 * The segment `segmentBytes` made, or undefined for bytes that are not one (the store's checksum
 * has already caught damage; this catches another layout). Each run is copied out into a buffer
 * of its own: aligned, and not keeping the stored bytes alive (see `Segment`).
 */
/**
 * `view`: the arrays are views of `bytes` rather than copies — for bytes read ahead into a buffer
 * shared with a worker (prefetch.ts), where copying would allocate all that memory again on this
 * thread, which is what reading ahead avoids, and for a small pack's segments read by the stage
 * itself. A copy lets the stage free the copies run once duplicates are found; a view keeps the
 * whole buffer until the pack's arrays are all let go.
 */
export function segmentFromBytes(bytes: Uint8Array, { view: asViews = false }: { view?: boolean } = {}): Segment | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < PREAMBLE || view.getUint32(0, true) !== MAGIC) return undefined;
  const headerLength = view.getUint32(4, true);
  const labelsAt = PREAMBLE + headerLength;
  const vectorsAt = align4(labelsAt + view.getUint32(8, true));
  const copiesAt = vectorsAt + view.getUint32(12, true);
  if (copiesAt > bytes.length || (bytes.length - copiesAt) % 4 !== 0) return undefined;
  const copy = (from: number, to: number) => ownBuffer(bytes.subarray(from, to));
  // Views only where their start is aligned for 4-byte elements (the runs are padded to 4 from the
  // segment's start, so they are when the segment starts on a multiple of 4).
  const words = (from: number, to: number) => (asViews && (bytes.byteOffset + from) % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + from, (to - from) / 4) : new Uint32Array(copy(from, to)));
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + PREAMBLE, headerLength).toString('utf8')) as SegmentHeader;
  const text = asViews ? Buffer.from(bytes.buffer, bytes.byteOffset + labelsAt, vectorsAt - labelsAt) : Buffer.from(copy(labelsAt, vectorsAt));
  const labels: FeatureLabels[] = [];
  let at = 0;
  for (let i = 0; i < header.labelLengths.length; i += 2) {
    const keysEnd = at + header.labelLengths[i]!;
    const end = keysEnd + header.labelLengths[i + 1]!;
    labels.push(new StoredLabels(text, at, keysEnd, end));
    at = end;
  }
  const { keys, meta, lengths } = header;
  return { keys, meta, lengths, labels, vectors: words(vectorsAt, copiesAt), copies: words(copiesAt, bytes.length) };
}

/** An entry's labels, decoded from its segment's text when asked for (messages of a story built this run). */
class StoredLabels implements FeatureLabels {
  constructor(
    private readonly text: Buffer,
    private readonly start: number,
    private readonly keysEnd: number,
    private readonly end: number,
  ) {}

  get keys(): string {
    return this.text.toString('utf8', this.start, this.keysEnd);
  }

  get nameLabels(): string {
    return this.text.toString('utf8', this.keysEnd, this.end);
  }
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function asBytes(array: Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function fromLegacy(segment: LegacySegment): Segment {
  return {
    keys: segment.keys,
    meta: segment.meta.map(smallMeta),
    lengths: segment.lengths,
    vectors: new Uint32Array(fromBase64(segment.vectors)),
    copies: new Uint32Array(fromBase64(segment.copies)),
    labels: segment.meta.map(({ keys, nameLabels }) => ({ keys, nameLabels })),
  };
}

/** The JSON layout, for a cache that holds no bytes. */
function toLegacy(segment: Segment): LegacySegment {
  const meta = segment.meta.map((small, i) => ({ ...small, keys: segment.labels[i]!.keys, nameLabels: segment.labels[i]!.nameLabels }));
  return { keys: segment.keys, meta, lengths: segment.lengths, vectors: toBase64(segment.vectors), copies: toBase64(segment.copies) };
}

/** Each entry's features; their typed arrays are views of the segment's two runs. */
export function decodeSegment(segment: Segment): FeatureData[] {
  const vectors = segment.vectors.buffer;
  const copies = segment.copies.buffer;
  let v = segment.vectors.byteOffset / 4;
  let c = segment.copies.byteOffset / 4;
  return segment.meta.map((meta, i) => {
    const [vectorLength, shingleCount, signatureLength, quoteCount, subjectCount, nameWordCount] = segment.lengths.slice(LENGTHS * i, LENGTHS * i + LENGTHS) as [number, number, number, number, number, number];
    const ids = new Uint32Array(vectors, 4 * v, vectorLength);
    const weights = new Float32Array(vectors, 4 * (v + vectorLength), vectorLength);
    v += 2 * vectorLength;
    const subjects = new Uint32Array(vectors, 4 * v, subjectCount);
    v += subjectCount;
    const nameWords = new Uint32Array(vectors, 4 * v, nameWordCount);
    v += nameWordCount;
    const shingles = new Uint32Array(copies, 4 * c, shingleCount);
    c += shingleCount;
    const signature = new Uint32Array(copies, 4 * c, signatureLength);
    c += signatureLength;
    const quoteWindows = new Uint32Array(copies, 4 * c, quoteCount);
    c += quoteCount;
    return withMeta(meta, segment.labels[i]!, { shingles, signature, ids, weights, quoteWindows, subjects, nameWords });
  });
}

function smallMetaOf(data: FeatureData): SmallMeta {
  const { contentKey, words, textDate, weekdays } = data;
  return { contentKey, words, hasSignature: data.signature !== null, textDate, weekdays };
}

function smallMeta(meta: Meta): SmallMeta {
  const { keys: _keys, nameLabels: _nameLabels, ...small } = meta;
  return small;
}

/** The features an entry's fields, labels and typed arrays make (a signature is stored, empty, even when there is none). */
export function withMeta(
  meta: SmallMeta,
  labels: FeatureLabels,
  arrays: { shingles: Uint32Array; signature: Uint32Array; ids: Uint32Array; weights: Float32Array; quoteWindows: Uint32Array; subjects: Uint32Array; nameWords: Uint32Array },
): FeatureData {
  const { contentKey, words, textDate, weekdays } = meta;
  const { shingles, signature, ids, weights, quoteWindows, subjects, nameWords } = arrays;
  return { contentKey, words, shingles, signature: meta.hasSignature ? signature : null, vector: { ids, weights }, labels, quoteWindows, textDate, weekdays, subjects, nameWords };
}
