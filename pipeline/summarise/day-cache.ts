/**
 * The summarise stage's cache: one entry per day (`.cache/summarise/`), so a
 * build reads and writes one small file per edition, not one per story.
 *
 * The entry holds the edition made from a given input (its `editionKey`) with
 * the messages it reported, and the per-story results that edition was built
 * from. Same input → the edition is read back and its messages said again.
 * Changed input (an article edited) → the edition is made again, but each
 * story whose own input and exclusions did not change is taken from the
 * entry: usually only the edited story is summarised. Every reuse is checked
 * against a content key, so a stale or foreign entry can cost time, never
 * change the output.
 */
import { recordReported, replayReported, type Reported, type StageCache } from '../common/cache.ts';
import { sha256 } from '../common/hash.ts';
import type { StageReporter } from '../common/report.ts';
import type { Edition } from '../types.ts';
import { SUMMARISE_VERSION } from './edition-key.ts';

interface DayEntry {
  /** `editionKey` of the input the edition was made from. */
  key: string;
  edition: Reported<Edition>;
  /** Results of that edition's stories, by story key (see edition-key.ts). */
  stories: Record<string, unknown>;
}

/**
 * One day's story results as a `StageCache`: the previous entry's results to
 * look up, and the ones this run used or made, kept for the next entry.
 */
class StoryResults implements StageCache {
  readonly kept: Record<string, unknown> = {};
  constructor(private readonly previous: Readonly<Record<string, unknown>>) {}

  get<T>(key: string): T | undefined {
    if (!Object.hasOwn(this.previous, key)) return undefined;
    const value = this.previous[key];
    this.kept[key] = value;
    return value as T;
  }

  set<T>(key: string, value: T): void {
    this.kept[key] = value;
  }
}

/** Where a day's entry lives: one slot per date (and config, so two configs do not overwrite each other's). */
export function daySlot(date: string, settings: unknown): string {
  return sha256('summarise-day', SUMMARISE_VERSION, date, JSON.stringify(settings));
}

/**
 * The edition of one day: read back when `key` (its input) is unchanged, else
 * made by `compute`, which gets a cache of the day's previous story results.
 * The messages are reported through `report` either way, in the same order.
 */
export function cachedDay(cache: StageCache, slot: string, key: string, report: StageReporter, compute: (report: StageReporter, stories: StageCache) => Edition): Edition {
  const previous = cache.get<DayEntry>(slot);
  if (previous?.key === key) {
    replayReported(report, previous.edition.messages);
    return previous.edition.value;
  }
  const stories = new StoryResults(previous?.stories ?? {});
  const edition = recordReported(report.stage, (recorder) => compute(recorder, stories));
  cache.set<DayEntry>(slot, { key, edition, stories: stories.kept });
  replayReported(report, edition.messages);
  return edition.value;
}
