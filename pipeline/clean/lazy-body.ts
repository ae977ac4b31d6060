import type { StageCache } from '../common/cache.ts';
import type { Article, Paragraph, Removal } from '../types.ts';
import { paragraphsHash } from './paragraphs-hash.ts';

/**
 * An unchanged article handed on without its cleaned text (README "Cache").
 *
 * Every build needs every article's metadata, paragraphs' hash, counts and
 * messages, but the later stages key their caches by `paragraphsHash`, so they
 * read the text of an article only when their own cache misses. Clean keeps
 * each decision in two entries — a small summary read on every build and the
 * body (`paragraphs`, `removed`) — and gives an article whose decision came
 * from the cache `paragraphs`, `text` and `removed` as accessors that load the
 * body when first read.
 *
 * The accessors are **own enumerable** properties: a spread (`{ ...article }`),
 * `JSON.stringify`, `structuredClone` and the copy to a worker thread read them
 * like data properties, so a lazy article copies as the eager one (getters on a
 * prototype would be silently dropped by a structured clone). Assigning one of
 * them makes it an ordinary data property.
 *
 * A loaded body is not kept on the article: a year's bodies read once by a
 * later stage would otherwise stay alive to the end of the build. A few recent
 * ones are (`RECENT_BODIES`), so reading `text` then `paragraphs` of one article,
 * or spreading it, loads its body once.
 */
export interface DecisionBody {
  paragraphs: Paragraph[];
  removed: Removal[];
}

/** A body as the accessors give it: the text is the paragraphs joined, as an eager article's is. */
export interface LoadedBody extends DecisionBody {
  text: string;
}

/** What an article's lazy fields need: where its body is, what it must be, and how to decide it again. */
export interface LazySlot {
  loader: BodyLoader;
  /** The key of the decision's summary; its body's key is made from it when first loaded (`bodyKeyOf`). */
  decisionKey: string;
  /** Checked on every load (with the counts): a body that does not match its summary is not trusted. */
  paragraphsHash: string;
  paragraphCount: number;
  removedCount: number;
  /** The article's analysis key and this run's repetition counts of its paragraphs (labels, and deciding it again). */
  analysisKey: string;
  counts: number[];
  /**
   * Written by this run (decided now): the summary and the body were made together here, so the
   * paragraphs' hash is not worked out again on each load (the store's checksum still guards the
   * bytes, and the counts are still compared). A year's first build loads every body two or three times.
   */
  writtenNow?: boolean;
}

/** The fields made lazy, in an eager article's order. */
export const LAZY_FIELDS = ['paragraphs', 'text', 'removed'] as const;
type LazyField = (typeof LAZY_FIELDS)[number];

/** Bodies kept after loading, most recent last: enough for one article's fields read in a row, and a spread. */
const RECENT_BODIES = 64;

/**
 * Loads the bodies of one run's lazy articles from clean's cache.
 * `recompute` decides the article again (its analysis from the cache, or made
 * anew from its raw text) when the stored body is missing or damaged;
 * `finish` puts this run's repetition labels into the removals' reasons.
 */
export class BodyLoader {
  /** Bodies loaded from the cache, and recomputed (for tests and figures). */
  readonly loads = { read: 0, recomputed: 0 };
  private readonly recent = new Map<string, LoadedBody>();

  constructor(
    private readonly cache: StageCache,
    private readonly bodyKeyOf: (decisionKey: string) => string,
    private readonly recompute: (slot: LazySlot, article: Article) => DecisionBody,
    private readonly finish: (slot: LazySlot, body: DecisionBody) => void,
  ) {}

  body(slot: LazySlot, article: Article): LoadedBody {
    const known = this.recent.get(slot.decisionKey);
    if (known) {
      // Most recent last.
      this.recent.delete(slot.decisionKey);
      this.recent.set(slot.decisionKey, known);
      return known;
    }
    const bodyKey = this.bodyKeyOf(slot.decisionKey);
    let body = this.cache.get<DecisionBody>(bodyKey);
    if (body !== undefined && matches(body, slot)) {
      this.loads.read++;
    } else {
      // Missing (lost with a killed build's last writes, collected) or not what the summary says: decided again.
      body = this.recompute(slot, plainCopy(article));
      this.cache.set(bodyKey, body);
      this.loads.recomputed++;
    }
    this.finish(slot, body);
    const loaded: LoadedBody = { paragraphs: body.paragraphs, text: body.paragraphs.map((p) => p.text).join('\n\n'), removed: body.removed };
    this.recent.set(slot.decisionKey, loaded);
    if (this.recent.size > RECENT_BODIES) this.recent.delete(this.recent.keys().next().value!);
    return loaded;
  }
}

/** Whether a stored body is the one its summary describes (its checksum already passed in the store). */
function matches(body: DecisionBody, slot: LazySlot): boolean {
  return (
    body !== null &&
    typeof body === 'object' &&
    Array.isArray(body.paragraphs) &&
    Array.isArray(body.removed) &&
    body.paragraphs.length === slot.paragraphCount &&
    body.removed.length === slot.removedCount &&
    body.paragraphs.every((p) => p !== null && typeof p === 'object' && typeof p.text === 'string' && typeof p.type === 'string') &&
    (slot.writtenNow === true || paragraphsHash(body.paragraphs) === slot.paragraphsHash)
  );
}

const slots = new WeakMap<object, LazySlot>();

function bodyOf(article: Article): LoadedBody {
  const slot = slots.get(article);
  if (!slot) throw new Error('clean: a lazy field read through another object than its article');
  return slot.loader.body(slot, article);
}

const descriptors = Object.fromEntries(
  LAZY_FIELDS.map((field) => [
    field,
    {
      get(this: Article) {
        return bodyOf(this)[field];
      },
      set(this: Article, value: unknown) {
        Object.defineProperty(this, field, { value, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    } satisfies PropertyDescriptor,
  ]),
) as Record<LazyField, PropertyDescriptor>;

/** What a lazy article has of its decision in hand: all but the body. */
export interface CleanedFields {
  paragraphsHash: string;
  paragraphCount: number;
  removedCount: number;
  metadata: Pick<Article, 'title' | 'date' | 'dateSource' | 'author' | 'publisher' | 'url' | 'language'>;
}

/**
 * The cleaned article of a cached decision: the fields of `{ ...article,
 * paragraphs, text, removed, paragraphsHash, paragraphCount, removedCount,
 * ...metadata }` (what an eager one is), in that order, with `paragraphs`,
 * `text` and `removed` accessors loading its body on first read.
 *
 * A new object, its fields added in order: turning an existing data property
 * into an accessor would switch the object to slow (dictionary) properties, and
 * every later read of `article.id` would pay for it.
 */
export function lazyArticle(article: Article, cleaned: CleanedFields, slot: LazySlot): Article {
  const lazy = (sameKeys(Object.keys(article), INGESTED_ORDER) ? fromIngested(article, cleaned) : inOrderOf(eagerShaped(article, cleaned))) as Article;
  slots.set(lazy, slot);
  return lazy;
}

/** An ingested article's fields, in order (`makeArticle`'s). */
const INGESTED_ORDER = ['id', 'origin', 'format', 'raw', 'hash', 'title', 'date', 'dateSource', 'author', 'publisher', 'url', 'language', 'paragraphs', 'text', 'removed'];

function sameKeys(keys: readonly string[], expected: readonly string[]): boolean {
  if (keys.length !== expected.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== expected[i]) return false;
  return true;
}

/** The usual shape, written out: named stores are several times faster than a loop of keyed ones, and no copy is made first. */
function fromIngested(a: Article, cleaned: CleanedFields): object {
  const m = cleaned.metadata;
  // (A field the metadata lacks keeps the article's, as in a spread.)
  const o = {
    id: a.id,
    origin: a.origin,
    format: a.format,
    raw: a.raw,
    hash: a.hash,
    title: m.title === undefined ? a.title : m.title,
    date: m.date === undefined ? a.date : m.date,
    dateSource: m.dateSource === undefined ? a.dateSource : m.dateSource,
    author: m.author === undefined ? a.author : m.author,
    publisher: m.publisher === undefined ? a.publisher : m.publisher,
    url: m.url === undefined ? a.url : m.url,
    language: m.language === undefined ? a.language : m.language,
  };
  Object.defineProperty(o, 'paragraphs', descriptors.paragraphs);
  Object.defineProperty(o, 'text', descriptors.text);
  Object.defineProperty(o, 'removed', descriptors.removed);
  const rest = o as Partial<Article>;
  rest.paragraphsHash = cleaned.paragraphsHash;
  rest.paragraphCount = cleaned.paragraphCount;
  rest.removedCount = cleaned.removedCount;
  return o;
}

/** Any other input: the eager article's fields (its cleaned ones placeholders, replaced by accessors in `inOrderOf`). */
function eagerShaped(article: Article, { metadata, ...cleaned }: CleanedFields): Record<string, unknown> {
  return { ...article, paragraphs: [], text: '', removed: [], paragraphsHash: cleaned.paragraphsHash, paragraphCount: cleaned.paragraphCount, removedCount: cleaned.removedCount, ...metadata };
}

/** Any other shape (an article with fields of its own): a copy in its order, the cleaned fields accessors. */
function inOrderOf(fields: Record<string, unknown>): object {
  const o: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    if ((LAZY_FIELDS as readonly string[]).includes(key)) Object.defineProperty(o, key, descriptors[key as LazyField]);
    else o[key] = fields[key];
  }
  return o;
}

/** Whether any of the article's cleaned fields is still an accessor (not loaded into a plain copy). */
export function isLazy(article: Article): boolean {
  return LAZY_FIELDS.some((field) => Object.getOwnPropertyDescriptor(article, field)?.get !== undefined);
}

/** The article's other fields, with empty cleaned ones: what deciding it again reads (never its lazy fields: no recursion). */
function plainCopy(article: Article): Article {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(article)) {
    const descriptor = Object.getOwnPropertyDescriptor(article, key)!;
    copy[key] = descriptor.get ? (key === 'text' ? '' : []) : descriptor.value;
  }
  return copy as unknown as Article;
}
