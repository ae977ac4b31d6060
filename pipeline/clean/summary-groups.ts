import { hash } from 'node:crypto';
import type { StageCache } from '../common/cache.ts';

/**
 * The decisions' summaries (everything every build reads of a cached
 * decision: metadata, paragraphs' hash, counts, messages), one cache entry per
 * day of input (the date ingest gives the article, `undated` without one)
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
 * Each summary is kept as its own JSON text inside the group (a JSON object of
 * strings): parsed only when its article is reached, and written back as it
 * was read when the group is rewritten for another member — never
 * re-serialised from objects that this run filled labels into.
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

  /** The stored summary text of a decision in group `name`, if there is one. */
  get(name: string, decisionKey: string): string | undefined {
    const stored = this.group(name).stored;
    return Object.hasOwn(stored, decisionKey) ? stored[decisionKey] : undefined;
  }

  /** Keeps the stored `text` of a summary read back, for this run. */
  keep(name: string, decisionKey: string, text: string): void {
    this.group(name).next[decisionKey] = text;
  }

  /**
   * Adds a summary decided now (the group will be written). Kept as the object, serialised when the
   * group is written: its strings are shared with the messages reported, where its JSON text would
   * be one more copy of them (a first build of a year holds every day's group open to the end).
   * The caller must not change it afterwards.
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
    const texts: Record<string, string> = {};
    for (const [key, summary] of Object.entries(group.next)) texts[key] = typeof summary === 'string' ? summary : JSON.stringify(summary);
    this.cache.set(this.keyOf(name), texts);
  }

  private group(name: string): Group {
    let group = this.groups.get(name);
    if (!group) {
      const stored = this.cache.get<Record<string, string>>(this.keyOf(name));
      group = { stored: isGroup(stored) ? stored : {}, next: {}, fresh: false };
      this.groups.set(name, group);
    }
    return group;
  }

  private keyOf(name: string): string {
    return hash('sha256', ['decision-summaries', this.version, name].join('\u0000'));
  }
}

interface Group {
  /** As read from the cache (empty when absent or not a group). */
  stored: Record<string, string>;
  /** This run's summaries: as read (text), or decided now (objects, serialised when written). */
  next: Record<string, string | object>;
  fresh: boolean;
}

/** A stored group has the shape written (its checksum already passed in the store); anything else is ignored and rebuilt. */
function isGroup(value: unknown): value is Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] !== 'string') return false;
  return true;
}

/** The group of an article: the day ingest gives it (known before clean decides anything). */
export function groupOf(date: string | null): string {
  return date ?? 'undated';
}
