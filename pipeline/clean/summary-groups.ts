import { hash } from 'node:crypto';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { StageCache } from '../common/cache.ts';

/**
 * The decisions' summaries (everything every build reads of a cached
 * decision: metadata, paragraphs' hash, counts, messages), one cache entry per
 * day of input (the date ingest gives the article; undated ones by folder, see `groupOf`)
 * instead of one per article.
 *
 * Why: at a year's scale a lookup in the clean cache's database (a B-tree of
 * ~1 GB) costs ~8 µs before any byte is read — 100,000 lookups, ~0.8–2 s of
 * every build — while a day's entry is read in one. The bytes to parse are the
 * same (at 1,000 articles, 1,000 rows or 30 groups read alike: 17 ms each in a
 * fresh process, README "Cache"). A day's articles are few and their input
 * files rarely change, so a new day writes one new entry and rewrites only the
 * days whose decisions changed.
 *
 * Each summary is an object inside the group's JSON, parsed with it. Until
 * session 15 each was its own JSON text inside the group (a JSON object of
 * strings), parsed again when its article was reached: at a year, ~140 MB parsed
 * twice on every build (measured on 300 day entries: 490 ms as strings then
 * objects, 355 ms as objects, and the entries 10 % smaller without the escapes).
 * Entries of that layout are still read, and written in this one by the first
 * build that reads them.
 * A summary read back is written back as the object that was read: the caller
 * fills this run's labels into copies (`filledMessages`), never into it.
 */
export class SummaryGroups {
  private readonly groups = new Map<string, Group>();
  /** Members of each group not handed on yet: when none is left, the group is written (if it changed) and let go. */
  private readonly remaining = new Map<string, number>();

  constructor(
    private readonly cache: StageCache,
    private readonly version: string,
    names: readonly string[],
  ) {
    for (const name of names) this.remaining.set(name, (this.remaining.get(name) ?? 0) + 1);
  }

  /** The stored summary of a decision in group `name` (an object, or its JSON text in an entry of the older layout), if there is one. */
  get(name: string, decisionKey: string): StoredSummary | undefined {
    const stored = this.group(name).stored;
    return Object.hasOwn(stored, decisionKey) ? stored[decisionKey] : undefined;
  }

  /** Keeps a summary read back (as `get` gave it), for this run. */
  keep(name: string, decisionKey: string, stored: StoredSummary): void {
    this.group(name).next[decisionKey] = stored;
  }

  /**
   * Adds a summary decided now (the group will be written). Kept as the object, serialised when the
   * group is written: its strings are shared with the messages reported, where its JSON text would
   * be one more copy of them (a first build of a year holds every day's group open to the end).
   * The caller must not change it afterwards, nor a summary it kept.
   */
  add(name: string, decisionKey: string, summary: object): void {
    const group = this.group(name);
    group.next[decisionKey] = summary;
    group.fresh = true;
  }

  /** One member of group `name` is handed on; after its last, the group is written if it changed, and let go. */
  done(name: string): void {
    const left = (this.remaining.get(name) ?? 1) - 1;
    this.remaining.set(name, left);
    if (left > 0) return;
    const group = this.groups.get(name);
    this.groups.delete(name);
    this.remaining.delete(name);
    // Only this run's summaries are written back: an article gone (or decided anew) leaves nothing behind.
    if (!group || (!group.fresh && Object.keys(group.next).length === Object.keys(group.stored).length)) return;
    const summaries: Record<string, object> = {};
    // (A summary of the older layout, kept as its text, is written as the object it holds.)
    for (const [key, summary] of Object.entries(group.next)) summaries[key] = typeof summary === 'string' ? (JSON.parse(summary) as object) : summary;
    this.cache.set(this.keyOf(name), summaries);
  }

  private group(name: string): Group {
    let group = this.groups.get(name);
    if (!group) {
      const stored = this.cache.get<Record<string, StoredSummary>>(this.keyOf(name));
      const valid = isGroup(stored) ? stored : {};
      // An entry of the older layout is written again in this one (its summaries all texts: check the first).
      let olderLayout = false;
      for (const key in valid) {
        olderLayout = typeof valid[key] === 'string';
        break;
      }
      group = { stored: valid, next: {}, fresh: olderLayout };
      this.groups.set(name, group);
    }
    return group;
  }

  private keyOf(name: string): string {
    return hash('sha256', ['decision-summaries', this.version, name].join('\u0000'));
  }
}

/** A summary as stored: an object, or its JSON text (entries written before session 15). Its shape is checked by the caller. */
export type StoredSummary = object | string;

interface Group {
  /** As read from the cache (empty when absent or not a group). */
  stored: Record<string, StoredSummary>;
  /** This run's summaries: as read, or decided now (serialised when written). */
  next: Record<string, StoredSummary>;
  /** To be written: a summary was added, or the entry is of the older layout. */
  fresh: boolean;
}

/** A stored group has the shape written (its checksum already passed in the store); anything else is ignored and rebuilt. */
function isGroup(value: unknown): value is Record<string, StoredSummary> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const key in value) {
    const summary = (value as Record<string, unknown>)[key];
    if (typeof summary !== 'string' && (summary === null || typeof summary !== 'object')) return false;
  }
  return true;
}

/**
 * Undated articles are grouped by the folder (or feed) they came from, and spread over this many
 * groups there by their id. In one group they were a year's largest entry (5,118 summaries of
 * 100,000 articles), written again whenever one undated article came or went — most new days
 * (~0.45 s of a year's new day). New articles mostly arrive together, in a folder or feed of
 * their own (a new day's), whose groups are then the only undated ones written; in a folder
 * that keeps receiving, a run with few new undated articles rewrites a few of its groups.
 */
export const UNDATED_GROUPS = 16;

/** The group of an article: the day ingest gives it (known before clean decides anything), else an undated group of its folder. */
export function groupOf(article: { date?: string | null; id: string; origin?: { file: string; feed?: string } }): string {
  if (article.date) return article.date;
  const source = article.origin?.feed ?? path.dirname(article.origin?.file ?? '');
  return `undated:${source}:${crc32(article.id) % UNDATED_GROUPS}`;
}
