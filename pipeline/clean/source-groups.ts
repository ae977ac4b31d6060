import { hash } from 'node:crypto';
import type { StageCache } from '../common/cache.ts';
import type { RepetitionSource } from './repetition.ts';

/**
 * Every article's repetition source (its paragraphs' repeat keys and its
 * publisher, by analysis key: what repetition needs of every article on every
 * run), one cache entry per day of input, as `SummaryGroups` keeps the
 * decisions' summaries — instead of one entry for the collection.
 *
 * Why: the one entry was 23 MB at a year (100,000 articles) and a new day
 * changed it, so every new day made it as JSON again, checksummed it and wrote
 * it (~0.4 s of the build, and 23 MB of garbage). Per day, a new day writes its
 * own group and the days whose articles changed; reading is the same bytes in
 * a few hundred lookups instead of one.
 *
 * A source is a function of the article's analysis (its key), so a group whose
 * keys are the ones stored holds the same sources: it is written back only when
 * an article of that day is new or gone. An article not found in its day's
 * group (new, its date changed, or a workspace cached by an earlier version) has
 * its source made again from its analysis.
 */
export class SourceGroups {
  /** Each group's entry as read, on first use. */
  private readonly stored = new Map<string, Record<string, RepetitionSource>>();

  constructor(
    private readonly cache: StageCache,
    private readonly version: string,
  ) {}

  /** The stored source of the article with analysis key `key`, in the group of its day. */
  get(group: string, key: string): RepetitionSource | undefined {
    const stored = this.group(group);
    return Object.hasOwn(stored, key) ? stored[key] : undefined;
  }

  /**
   * Writes back the groups of this run (`groups[i]`: the group of the article with
   * analysis key `keys[i]`, whose source is `sources[i]`) that differ from what was stored:
   * only this run's sources, so an article gone leaves nothing behind.
   */
  save(groups: readonly string[], keys: readonly string[], sources: readonly RepetitionSource[]): void {
    const next = new Map<string, Record<string, RepetitionSource>>();
    keys.forEach((key, i) => {
      const name = groups[i]!;
      let record = next.get(name);
      if (!record) next.set(name, (record = {}));
      record[key] = sources[i]!;
    });
    for (const [name, record] of next) {
      const stored = this.group(name);
      const keysNow = Object.keys(record);
      if (keysNow.length === Object.keys(stored).length && keysNow.every((key) => Object.hasOwn(stored, key))) continue;
      this.cache.set(this.keyOf(name), record);
    }
  }

  private group(name: string): Record<string, RepetitionSource> {
    let stored = this.stored.get(name);
    if (!stored) {
      const value = this.cache.get<Record<string, RepetitionSource>>(this.keyOf(name));
      stored = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
      this.stored.set(name, stored);
    }
    return stored;
  }

  private keyOf(name: string): string {
    return hash('sha256', ['repetition-source-group', this.version, name].join('\u0000'));
  }
}
