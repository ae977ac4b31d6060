/**
 * Stories reused from the last run, one connected component at a time.
 *
 * Clustering and story building never look beyond a connected component of
 * the candidate graph (similar pairs at or above the lowest threshold, plus
 * duplicate links): clusters only merge along edges, a story's dates, roles,
 * id and messages are functions of its members. So a component whose members,
 * edges and links are all what they were in the last run gives the same
 * stories and messages, and they are taken from the cache instead of being
 * clustered and built again. The key of a component is everything that work
 * reads: each member's features (its feature-cache key), stated date, id,
 * file, publisher and address, in run order (ties in the clustering go by that order),
 * and its edges and links with their scores — so a reused component is right
 * by construction, whatever changed elsewhere in the run.
 *
 * One entry (`.cache/dedupe-stories/`) per settings holds the last run's
 * components of two or more articles (a lone article's story costs less to
 * build than to look up); it is rewritten only when a component is new.
 *
 * Where one component holds most of the run (similar pairs chaining day after
 * day: the usual case of a year of news), any change reaches it and components
 * are not cached. Clustering then runs over everything, but each cluster's
 * story is still looked up, by its own key (`clusterStoryKey`: its members, the
 * merges that made it and its duplicate links), in its own entry of the same
 * folder, content-addressed and never rewritten: a new day builds the stories
 * it changed and reads the rest.
 * Reused or not, the parts are what building them gives, and `finishStories`
 * (stories.ts) orders them and their messages, so the output is identical
 * with the cache on or off.
 */
import { noCache, type StageCache } from '../common/cache.ts';
import { sha256 } from '../common/hash.ts';
import type { MessageInput } from '../common/report.ts';
import type { ClusterMerge } from './cluster.ts';
import type { ArticleFeatures } from './features.ts';
import type { DuplicateLink } from './duplicates.ts';
import type { PairList } from './pair-list.ts';
import type { StoryPart } from './stories.ts';
import { UnionFind } from './union-find.ts';

/** Above this share of the run in one component, components are not cached (see `candidateComponents`). */
const MAX_LARGEST_SHARE = 0.5;

/** A component's part as stored: its members by their place in the component, not by this run's indices. */
type StoredPart = Omit<StoryPart, 'members'> & { local: number[] };

interface Stored {
  components: Record<string, StoredPart[]>;
}

/**
 * One cluster's story as stored (`clusterStoryKey`): its members are the cluster's, in this run's
 * terms. A message whose reason is one of the story's `reasons` (each "report the same event",
 * "near-duplicates" and "no date of its own" message is) holds that reason's index instead of its
 * text: written twice, those reasons were a quarter of a year's 66 MB of story entries, all read
 * back on every build (`packSaid`, `unpackSaid`).
 */
interface StoredStory {
  story: StoryPart['story'];
  said: Array<['info' | 'warn', Omit<MessageInput, 'reason'> & { reason: string | number }]>;
}

/**
 * The layout of a story entry, in its key: 2 since session 21, reasons by index. Entries of
 * the layout before are not read (under their old keys, collected once unused).
 */
const STORY_LAYOUT = '2';

/** `said` as a story entry holds it: a reason the story lists, as its index there. */
function packSaid(part: StoryPart): StoredStory['said'] {
  return part.said.map(([severity, message]) => {
    const index = part.story.reasons.indexOf(message.reason);
    // A copy with the reason replaced where it stood: the message's fields keep their order, and so its report line.
    return [severity, index < 0 ? message : { ...message, reason: index }];
  });
}

/** `said` as a story entry held it, the reasons put back (in the freshly parsed objects); null if an index is not the story's. */
function unpackSaid(stored: StoredStory): StoryPart['said'] | null {
  for (const [, message] of stored.said) {
    if (typeof message.reason !== 'number') continue;
    const reason = stored.story.reasons[message.reason];
    if (reason === undefined) return null;
    message.reason = reason;
  }
  return stored.said as StoryPart['said'];
}

export interface Component {
  /** Article indices, ascending. */
  members: number[];
  /** Null when not cached (one article, or no cache). */
  key: string | null;
}

/**
 * The candidate graph's connected components, each with its cache key; none (an empty list)
 * when they are not cached: no cache, or one component holding most of the run.
 */
export function candidateComponents(
  docs: readonly ArticleFeatures[],
  candidates: PairList,
  links: readonly DuplicateLink[],
  keyed: boolean,
): Component[] {
  if (!keyed) return [];
  // Where most articles are one component (measured: 714 of 1,000 and 3,962 of 4,000 synthetic
  // articles, similar pairs chaining day after day), nearly any change reaches it, and keying
  // and storing the rest would cost more than building it again: then nothing is cached — known
  // as soon as one component is that large (a year's 2 million pairs and 100,000 lists were
  // ~0.3 s of a new day, for nothing).
  const most = docs.length * MAX_LARGEST_SHARE;
  const sets = new UnionFind(docs.length);
  for (let k = 0; k < candidates.length; k++) {
    sets.union(candidates.a[k]!, candidates.b[k]!);
    if (sets.sizeOf(candidates.a[k]!) > most) return [];
  }
  for (const link of links) {
    sets.union(link.a, link.b);
    if (sets.sizeOf(link.a) > most) return [];
  }
  const groups = sets.groups();
  // Each member's place in its component, and the component's edges and links in local
  // terms: the same component at other positions in the run has the same key.
  const componentOf = new Int32Array(docs.length);
  const local = new Int32Array(docs.length);
  groups.forEach((members, c) => members.forEach((i, k) => ((componentOf[i] = c), (local[i] = k))));
  const edges: string[][] = groups.map(() => []);
  for (let k = 0; k < candidates.length; k++) {
    const a = candidates.a[k]!;
    const b = candidates.b[k]!;
    if (groups[componentOf[a]!]!.length > 1) edges[componentOf[a]!]!.push(`${local[a]} ${local[b]} ${candidates.score[k]}`);
  }
  for (const link of links) {
    edges[componentOf[link.a]!]!.push(linkIdentity(link, local[link.a]!, local[link.b]!));
  }
  return groups.map((members, c) => {
    if (members.length < 2) return { members, key: null };
    return { members, key: sha256(members.map((i) => identityOf(docs[i]!)).join('\n'), edges[c]!.join('\n')) };
  });
}

/**
 * What story building reads of one article: its features (through their cache key), its
 * stated date, id, file, publisher and address (which says whether it is commentary, stories.ts).
 */
function identityOf({ cacheKey, article }: ArticleFeatures): string {
  return JSON.stringify([cacheKey, article.date, article.dateSource, article.id, article.origin.file, article.publisher, article.url]);
}

/** A duplicate link as a key reads it: its two articles by their place (`a`, `b`) and everything it says. */
function linkIdentity(link: DuplicateLink, a: number, b: number): string {
  return JSON.stringify([a, b, link.kind, link.score, link.alignedSentences ?? null, link.quotations ?? null]);
}

/**
 * The key of one cluster's story, for when components are not cached (one of them holds most
 * of the run). Building a story reads its members (in the cluster's order), the merges that
 * made it and the duplicate links inside it, and nothing else of the run: the key is exactly
 * those, members by their place in the cluster. A story whose key is unchanged is the same
 * story with the same messages, whatever else was clustered differently around it.
 */
export function clusterStoryKey(docs: readonly ArticleFeatures[], members: readonly number[], merges: readonly ClusterMerge[], links: readonly DuplicateLink[]): string {
  const local = new Map<number, number>();
  members.forEach((i, k) => local.set(i, k));
  const at = (list: readonly number[]) => list.map((i) => local.get(i)!).join(',');
  const made = merges.map((merge) => `${at(merge.left)}|${at(merge.right)}|${merge.score}|${merge.attached === true}`);
  const linked = links.map((link) => linkIdentity(link, local.get(link.a)!, local.get(link.b)!));
  return sha256(members.map((i) => identityOf(docs[i]!)).join('\n'), made.join('\n'), linked.join('\n'));
}

/** The last run's components, and this run's, recorded for the next. */
export class StoryMemory {
  /** Read on the first lookup: a run with no component to look up reads and writes nothing. */
  private previous: Stored['components'] | null = null;
  private readonly next: Stored['components'] = {};
  private changed = false;

  /** The settings' part of every story entry's key, hashed once (a year has ~15k stories to look up). */
  private readonly storyPrefix: string;

  constructor(
    private readonly cache: StageCache,
    readonly settings: string,
  ) {
    this.storyPrefix = sha256('dedupe-story', STORY_LAYOUT, settings);
  }

  private last(): Stored['components'] {
    this.previous ??= (this.cache === noCache ? undefined : this.cache.get<Stored>(this.entryKey()))?.components ?? {};
    return this.previous;
  }

  get enabled(): boolean {
    return this.cache !== noCache;
  }

  /** The component's parts from the last run, with this run's member indices; null if not known. */
  reuse(component: Component): StoryPart[] | null {
    if (!component.key) return null;
    const previous = this.last();
    const stored = Object.hasOwn(previous, component.key) ? previous[component.key] : undefined;
    if (!stored) return null;
    this.next[component.key] = stored;
    // A copy: `finishStories` may rename a story whose id another story has.
    return stored.map((part) => ({ story: structuredClone(part.story), said: part.said, members: part.local.map((k) => component.members[k]!) }));
  }

  /** Parts just built for a component, kept for the next run. */
  record(component: Component, parts: readonly StoryPart[]): void {
    if (!component.key) return;
    const place = new Map(component.members.map((i, k) => [i, k] as const));
    // A deep copy: `finishStories` may rename a story whose id another story has.
    this.next[component.key] = parts.map((part) => structuredClone({ story: part.story, said: part.said, local: part.members.map((i) => place.get(i)!) }));
    this.changed = true;
  }

  /** The story last built for a cluster of this `clusterStoryKey`, with this run's members; null if not known. */
  reuseStory(key: string, members: number[]): StoryPart | null {
    if (!this.enabled) return null;
    const stored = this.cache.get<StoredStory>(this.storyEntryKey(key));
    // Parsed afresh at every read: `finishStories` may rename it without touching the entry.
    const said = stored ? unpackSaid(stored) : null;
    return stored && said ? { story: stored.story, said, members } : null;
  }

  /** A story just built for a cluster, kept for the next run under its own key (written at once, content-addressed). */
  recordStory(key: string, part: StoryPart): void {
    if (this.enabled) this.cache.set(this.storyEntryKey(key), { story: part.story, said: packSaid(part) } satisfies StoredStory);
  }

  save(): void {
    if (!this.enabled || this.previous === null) return;
    const dropped = Object.keys(this.previous).some((key) => !Object.hasOwn(this.next, key));
    if (this.changed || dropped) this.cache.set(this.entryKey(), { components: this.next } satisfies Stored);
  }

  private entryKey(): string {
    return sha256('dedupe-stories', this.settings);
  }

  /** The settings' hash and the cluster's (`clusterStoryKey`), side by side: no third hash needed. */
  private storyEntryKey(key: string): string {
    return this.storyPrefix + key;
  }
}
