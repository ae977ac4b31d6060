import { hash } from 'node:crypto';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { StageCache } from '../common/cache.ts';
import { placeholderOpening } from './placeholders.ts';

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
 * Since session 17 a group's messages are packed against tables of the parts
 * they repeat (`PackedGroup`): a year's entries went from ~140 MB to ~62 MB, and
 * the clean stage of a new day from 4.8–5.6 s to 4.2–4.7 s (alternated three
 * times, in place). Until session 15 each summary was its own JSON text inside
 * the group, parsed again when its article was reached; until session 17 an
 * object holding its messages whole. Entries of both older layouts are still
 * read, and written packed by the first build that reads them.
 * The caller fills this run's labels into copies (`filledMessages`), never into
 * a summary read back.
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

  /**
   * The stored summary of a decision in group `name`, if there is one: an object (or its JSON text, in an entry
   * of the oldest layout) for the caller to check, and the marker its messages' placeholders carry.
   */
  get(name: string, decisionKey: string): FoundSummary | undefined {
    const group = this.group(name);
    if (group.packed) {
      const packed = Object.hasOwn(group.packed.summaries, decisionKey) ? group.packed.summaries[decisionKey] : undefined;
      const messages = packed && unpackMessages(packed.messages, group.packed, group.details);
      return messages ? { summary: { value: packed.value, messages }, marker: group.packed.marker, packed } : undefined;
    }
    const stored = Object.hasOwn(group.stored, decisionKey) ? group.stored[decisionKey] : undefined;
    return stored === undefined ? undefined : { summary: stored, marker: null };
  }

  /** Keeps a summary read back (as `get` gave it) for this run; `marker`: its article's (what an entry of an older layout holds). */
  keep(name: string, decisionKey: string, found: FoundSummary, marker: string): void {
    const group = this.group(name);
    group.next[decisionKey] = found.packed ? { packed: found.packed } : { summary: found.summary, marker };
  }

  /**
   * Adds a summary decided now (the group will be written), whose placeholders carry `marker`. Kept as the
   * object, packed when the group is written: its strings are shared with the messages reported, where its
   * JSON text would be one more copy of them (a first build of a year holds every day's group open to the
   * end). The caller must not change it afterwards, nor a summary it kept.
   */
  add(name: string, decisionKey: string, summary: object, marker: string): void {
    const group = this.group(name);
    group.next[decisionKey] = { summary, marker };
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
    if (!group || (!group.fresh && Object.keys(group.next).length === Object.keys(group.packed?.summaries ?? group.stored).length)) return;
    this.cache.set(this.keyOf(name), packGroup(group));
  }

  private group(name: string): Group {
    let group = this.groups.get(name);
    if (!group) {
      const stored = this.cache.get<unknown>(this.keyOf(name));
      if (isPackedGroup(stored)) {
        group = { stored: {}, packed: stored, details: new Map(), next: {}, fresh: false };
      } else {
        const valid = isGroup(stored) ? stored : {};
        // An entry of an older layout is written again in this one.
        group = { stored: valid, packed: null, details: new Map(), next: {}, fresh: Object.keys(valid).length > 0 };
      }
      this.groups.set(name, group);
    }
    return group;
  }

  private keyOf(name: string): string {
    return hash('sha256', ['decision-summaries', this.version, name].join('\u0000'));
  }
}

/** A summary as stored in an older layout: an object, or its JSON text (entries written before session 15). Its shape is checked by the caller. */
export type StoredSummary = object | string;

/** A stored summary found: for the caller to check (`summary`), and the marker of its messages' placeholders (null: its article's own). */
export interface FoundSummary {
  summary: StoredSummary;
  marker: string | null;
  /** As packed in its group (an entry of the current layout). */
  packed?: PackedSummary;
}

/**
 * A group as stored since session 17: its summaries' messages packed against tables of the parts
 * messages repeat.
 *
 * Why: the messages are most of a summary's bytes (91 of 126 MB at a year), and most of them repeat
 * one another in parts — a publisher's banner removed from each of its articles, with the same
 * reason, the same text and the same signals, each time with another file, line, article id and
 * score. Measured at a year, on 60 day entries: 12,013 messages with 110 distinct reasons, the
 * removed texts a tenth of their bytes distinct, the signals a quarter. So each message is stored
 * as its file, line and article id and an index into each of four tables, each stored once per group
 * and parsed once: its **head** (the message less those three and its detail: rule, severity,
 * reason), its **detail** less the text and signals (the score), the detail's **text** and its
 * **signals**. Messages made from one table entry share it (what `internDecision` would otherwise
 * do, string by string).
 *
 * A repeated paragraph's label is a placeholder carrying its article's marker (its analysis key's
 * prefix, which no input text can hold), which would make every message of its own. In the tables
 * the placeholders carry the group's marker instead, chosen when the group is written among `g0`,
 * `g1`, … as one whose placeholder opening (`\u0001g0:`) no message of the group holds otherwise
 * (checked on the parts' JSON text, where such a text would show it): filling this run's labels in
 * (`filledMessages`, with the group's marker) then replaces placeholders and nothing else, as with
 * the article's own marker. (A group's marker holds a `g`, never a hex digit: it is never an
 * article's.)
 */
interface PackedGroup {
  layout: typeof PACKED_LAYOUT;
  marker: string;
  /** Messages less their file, line, article id and detail. */
  heads: object[];
  /** Details with `text` and `signals` (where they are a string and a list) left null: filled from the two tables below. */
  details: object[];
  texts: string[];
  signals: unknown[][];
  summaries: Record<string, PackedSummary>;
}

interface PackedSummary {
  value: object;
  messages: PackedMessage[];
}

/** A message: its head's index, file, line and article id (null: none), and its detail's, text's and signals' indices (-1: none). */
type PackedMessage = [head: number, file: string | null, line: number | null, articleId: string | null, detail: number, text: number, signals: number];

const PACKED_LAYOUT = 2;

/** A summary of this run, to be written: one read back in the packed layout, or one (decided now or of an older layout) with its article's marker. */
type NextSummary = { packed: PackedSummary } | { summary: StoredSummary; marker: string };

interface Group {
  /** As read from the cache, in an older layout (empty when absent, packed or not a group). */
  stored: Record<string, StoredSummary>;
  /** As read from the cache, in the packed layout. */
  packed: PackedGroup | null;
  /** Its details filled in so far, by their three indices (`filledDetail`). */
  details: Map<number, object>;
  /** This run's summaries: as read, or decided now (packed when written). */
  next: Record<string, NextSummary>;
  /** To be written: a summary was added, or the entry is of an older layout. */
  fresh: boolean;
}

/**
 * The messages of a packed summary; undefined when they do not fit its group's tables (then decided
 * again). Messages with the same detail, text and signals share one detail object, and a head of the
 * usual four fields is copied field by field (a year's ~80,000 messages: spreading both into new
 * objects took ~0.3 s, these ~0.05 s, measured on 120 real day entries).
 */
function unpackMessages(messages: unknown, group: PackedGroup, details: Map<number, object>): object[] | undefined {
  if (!Array.isArray(messages)) return undefined;
  const out: object[] = [];
  for (const packed of messages as unknown[]) {
    if (!Array.isArray(packed) || packed.length !== 7) return undefined;
    const [h, file, line, articleId, d, t, g] = packed as PackedMessage;
    const head = group.heads[h] as Record<string, unknown> | undefined;
    if (head === null || typeof head !== 'object') return undefined;
    const message: Record<string, unknown> = isUsualHead(head) ? { file, line, stage: head.stage, ruleId: head.ruleId, severity: head.severity, reason: head.reason } : { ...head, file, line };
    if (articleId !== null) message.articleId = articleId;
    if (d >= 0) {
      const detail = filledDetail(group, d, t, g, details);
      if (!detail) return undefined;
      message.detail = detail;
    }
    out.push(message);
  }
  return out;
}

/** A head with exactly the fields every message has besides file, line, article id and detail. */
function isUsualHead(head: Record<string, unknown>): boolean {
  let fields = 0;
  for (const key in head) {
    if (key !== 'stage' && key !== 'ruleId' && key !== 'severity' && key !== 'reason') return false;
    fields++;
  }
  return fields === 4;
}

/** Detail `d` with text `t` and signals `g` filled in, one object per combination in a group (`details`); undefined when they do not fit. */
function filledDetail(group: PackedGroup, d: number, t: number, g: number, details: Map<number, object>): object | undefined {
  const texts = group.texts.length + 1;
  const signals = group.signals.length + 1;
  if (!(d < group.details.length && t >= -1 && t < texts - 1 && g >= -1 && g < signals - 1)) return undefined;
  // The three indices in one number (exact: a day's tables hold hundreds of entries, not millions).
  const key = (d * texts + t + 1) * signals + g + 1;
  const known = details.get(key);
  if (known) return known;
  const template = group.details[d];
  if (template === null || typeof template !== 'object') return undefined;
  const filled: Record<string, unknown> = { ...template };
  if (t >= 0) filled.text = group.texts[t];
  if (g >= 0) filled.signals = group.signals[g];
  if ((t >= 0 && typeof filled.text !== 'string') || (g >= 0 && !Array.isArray(filled.signals))) return undefined;
  details.set(key, filled);
  return filled;
}

/** The opening of a placeholder carrying `marker`, as it shows in JSON text (the control character escaped). */
const opening = (marker: string) => JSON.stringify(placeholderOpening(marker)).slice(1, -1);

/** One message cut into its parts, as JSON texts whose placeholders carry `marker`. */
interface MessageParts {
  marker: string;
  file: string | null;
  line: number | null;
  articleId: string | null;
  head: string;
  detail: string | null;
  text: string | null;
  signals: string | null;
}

function partsOf(message: Record<string, unknown>, marker: string): MessageParts {
  const { file, line, articleId, detail, ...head } = message;
  // A detail that is not an object (none is, today) stays in the head, whole.
  const split = detail !== null && typeof detail === 'object' && !Array.isArray(detail);
  const parts: MessageParts = { marker, file: (file ?? null) as string | null, line: (line ?? null) as number | null, articleId: (articleId ?? null) as string | null, head: JSON.stringify(split || detail === undefined ? head : { ...head, detail }), detail: null, text: null, signals: null };
  if (split) {
    const rest = { ...(detail as Record<string, unknown>) };
    if (typeof rest.text === 'string') ((parts.text = JSON.stringify(rest.text)), (rest.text = null));
    if (Array.isArray(rest.signals)) ((parts.signals = JSON.stringify(rest.signals)), (rest.signals = null));
    parts.detail = JSON.stringify(rest);
  }
  return parts;
}

/** The group's summaries, their messages packed against tables of their parts (see `PackedGroup`). */
function packGroup(group: Group): PackedGroup {
  const entries: Array<{ key: string; value: object; messages: MessageParts[] }> = [];
  for (const [key, next] of Object.entries(group.next)) {
    if ('packed' in next) {
      // Read back packed: its messages as they were read, placeholders carrying the old group marker.
      const messages = unpackMessages(next.packed.messages, group.packed!, group.details)! as Array<Record<string, unknown>>;
      entries.push({ key, value: next.packed.value, messages: messages.map((m) => partsOf(m, group.packed!.marker)) });
      continue;
    }
    const summary = (typeof next.summary === 'string' ? JSON.parse(next.summary) : next.summary) as { value: object; messages: Array<Record<string, unknown>> };
    entries.push({ key, value: summary.value, messages: summary.messages.map((m) => partsOf(m, next.marker)) });
  }
  const marker = groupMarker(entries.flatMap((entry) => entry.messages), group.packed?.marker);
  const heads = new Table<object>();
  const details = new Table<object>();
  const texts = new Table<string>();
  const signals = new Table<unknown[]>();
  const summaries: Record<string, PackedSummary> = {};
  for (const entry of entries) {
    summaries[entry.key] = {
      value: entry.value,
      messages: entry.messages.map((m) => {
        const own = (text: string | null) => (text === null || m.marker === marker ? text : text.replaceAll(opening(m.marker), opening(marker)));
        return [heads.indexOf(own(m.head)), m.file, m.line, m.articleId, details.indexOf(own(m.detail)), texts.indexOf(own(m.text)), signals.indexOf(own(m.signals))];
      }),
    };
  }
  return { layout: PACKED_LAYOUT, marker, heads: heads.values, details: details.values, texts: texts.values, signals: signals.values, summaries };
}

/** Distinct values by their JSON text, each given the index of its first appearance (-1 for none). */
class Table<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();

  indexOf(json: string | null): number {
    if (json === null) return -1;
    let i = this.index.get(json);
    if (i === undefined) {
      i = this.values.length;
      this.index.set(json, i);
      this.values.push(JSON.parse(json) as T);
    }
    return i;
  }
}

/** The group's marker: the last one if it is still free, else the first of `g0`, `g1`, … that no message holds but as its own placeholders. */
function groupMarker(messages: readonly MessageParts[], last: string | undefined): string {
  const holds = (m: MessageParts, text: string) => [m.head, m.detail, m.text, m.signals].some((part) => part !== null && part.includes(text));
  const free = (candidate: string) => messages.every((m) => m.marker === candidate || !holds(m, opening(candidate)));
  if (last !== undefined && free(last)) return last;
  for (let k = 0; ; k++) if (free(`g${k}`)) return `g${k}`;
}

function isPackedGroup(value: unknown): value is PackedGroup {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const group = value as Partial<PackedGroup>;
  const tables = [group.heads, group.details, group.texts, group.signals];
  return group.layout === PACKED_LAYOUT && typeof group.marker === 'string' && tables.every(Array.isArray) && group.summaries !== null && typeof group.summaries === 'object' && !Array.isArray(group.summaries);
}

/** A stored group of an older layout has the shape written (its checksum already passed in the store); anything else is ignored and rebuilt. */
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
