/**
 * The summarise stage's cache: two entries per day (`.cache/summarise/`), so a
 * build reads one small entry per unchanged edition, not one per story.
 *
 * The day's entry holds the edition made from a given input (its
 * `editionKey`) with the messages it reported; a second entry beside it, the
 * per-story results that edition was built from. Same input → the edition is
 * read back and its messages said again (the story results are not read).
 * Changed input (an article edited) → the edition is made again, but each
 * story whose own input and exclusions did not change is taken from the
 * story results: usually only the edited story is summarised. Every reuse is checked
 * against a content key, so a stale or foreign entry can cost time, never
 * change the output.
 */
import { recordReported, replayReported, type Reported, type StageCache } from '../common/cache.ts';
import { sha256 } from '../common/hash.ts';
import { messagesJson, type StageReporter } from '../common/report.ts';
import type { Edition, Message } from '../types.ts';
import { SUMMARISE_VERSION } from './edition-key.ts';

interface DayEntry {
  /** `editionKey` of the input the edition was made from. */
  key: string;
  edition: Edition;
  /**
   * The messages it reported as their report.json text (`messagesJson`): they
   * are said again from it, and report.json copies it instead of serialising
   * them again (a year's summarise messages: ~11 MB).
   */
  messages: string;
}

/** An entry of the previous layout (the messages as objects); read as a day without its messages' text. */
interface OlderDayEntry {
  key: string;
  edition: Reported<Edition>;
}

/** A day's edition with its messages, and their report text when the cache kept it. */
export type DayEdition = Reported<Edition> & { json?: string };

/** Says the day's messages again (with their report text when there is one). */
export function replayDay(report: StageReporter, day: DayEdition): void {
  if (day.json !== undefined) report.replaySerialised(day.messages, day.json);
  else replayReported(report, day.messages);
}

/**
 * The results of that edition's stories, by story key (see edition-key.ts),
 * in an entry of their own beside the day's: read only when the day changed,
 * so an unchanged day costs one small read.
 */
interface StoriesEntry {
  key: string;
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

function storiesSlot(slot: string): string {
  return sha256('summarise-day-stories', slot);
}

/** The day's edition and messages when they were made from input `key`, else undefined. */
export function cachedEdition(cache: StageCache, slot: string, key: string): DayEdition | undefined {
  const previous = cache.get<DayEntry | OlderDayEntry>(slot);
  if (previous?.key !== key) return undefined;
  if (!('messages' in previous)) return previous.edition;
  return { value: previous.edition, messages: JSON.parse(`[${previous.messages}]`) as Message[], json: previous.messages };
}

/** The story results of the day's last edition (whatever input it was made from), for `summariseDay`. */
export function previousStoryResults(cache: StageCache, slot: string): Record<string, unknown> {
  return cache.get<StoriesEntry>(storiesSlot(slot))?.stories ?? {};
}

/** A day summarised: its edition with the messages it reported, and the story results it used or made. */
export interface SummarisedDay {
  edition: DayEdition;
  stories: Record<string, unknown>;
}

/**
 * Makes a day's edition with `compute`, which gets the previous story results
 * as a cache; the messages are recorded, not reported. Pure: a worker thread
 * can run it (see parallel.ts).
 */
export function summariseDay(previous: Readonly<Record<string, unknown>>, stage: StageReporter['stage'], compute: (report: StageReporter, stories: StageCache) => Edition): SummarisedDay {
  const stories = new StoryResults(previous);
  const edition = recordReported(stage, (recorder) => compute(recorder, stories));
  return { edition, stories: stories.kept };
}

/** Keeps a day made from input `key` for the next build; its messages' report text is made here, once, and kept on `day` for saying them now. */
export function storeDay(cache: StageCache, slot: string, key: string, day: SummarisedDay): void {
  const json = (day.edition.json ??= messagesJson(day.edition.messages));
  cache.set<DayEntry>(slot, { key, edition: day.edition.value, messages: json });
  cache.set<StoriesEntry>(storiesSlot(slot), { key, stories: day.stories });
}

/**
 * The edition of one day: read back when `key` (its input) is unchanged, else
 * made by `compute`, which gets a cache of the day's previous story results.
 * The messages are reported through `report` either way, in the same order.
 */
export function cachedDay(cache: StageCache, slot: string, key: string, report: StageReporter, compute: (report: StageReporter, stories: StageCache) => Edition): Edition {
  const hit = cachedEdition(cache, slot, key);
  if (hit) {
    replayDay(report, hit);
    return hit.value;
  }
  const day = summariseDay(previousStoryResults(cache, slot), report.stage, compute);
  storeDay(cache, slot, key, day);
  replayDay(report, day.edition);
  return day.edition.value;
}
