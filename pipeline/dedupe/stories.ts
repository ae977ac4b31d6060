/**
 * Turns clusters of articles into `Story` objects: the canonical article, roles,
 * dates, a stable id and readable reasons — and reports every fold, grouping and
 * inferred date as a message.
 */
import { byCodeUnits } from '../common/arrays.ts';
import { shortHash } from '../common/hash.ts';
import type { StageContext } from '../common/context.ts';
import type { MessageInput } from '../common/report.ts';
import type { Article, Story, StoryMember } from '../types.ts';
import type { ClusterMerge } from './cluster.ts';
import { storyDates, type ArticleDate } from './dating.ts';
import { datelineAgencyName, leadParagraph } from '../common/text-dates.ts';
import type { DuplicateLink } from './duplicates.ts';
import { nameLabel, type ArticleFeatures } from './features.ts';
import { cosine, sharedFeatures } from './vectors.ts';

/** What identifies an article's content for story ids: equal texts, equal keys. */
export interface IdentityKey {
  contentKey: string;
  /** The article's own (stated) date, not an inferred one. */
  day: string | null;
}

/**
 * A story's id: from its earliest article's content (dated before undated,
 * ties by content), so it does not depend on input order or file names, and
 * later reports joining the story — the usual way a story grows — keep it.
 */
export function storyId(members: readonly IdentityKey[]): string {
  const first = [...members].sort(byIdentity)[0];
  return shortHash(`story\u0000${first?.contentKey ?? ''}`);
}

function byIdentity(a: IdentityKey, b: IdentityKey): number {
  if (a.day !== b.day) {
    if (a.day === null) return 1;
    if (b.day === null) return -1;
    return a.day < b.day ? -1 : 1;
  }
  return a.contentKey < b.contentKey ? -1 : a.contentKey > b.contentKey ? 1 : 0;
}

export interface BuildInput {
  docs: readonly ArticleFeatures[];
  dates: ReadonlyArray<ArticleDate | null>;
  clusters: number[][];
  links: DuplicateLink[];
  merges: ClusterMerge[];
  /** Per article of the run: it presents itself as commentary (`isCommentary`, common/commentary.ts). */
  commentary: readonly boolean[];
  ctx: StageContext;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One story and what it reports, before ids are made unique and stories put in order. */
export interface StoryPart {
  story: Story;
  /** Its messages, in the order they are reported. */
  said: Array<['info' | 'warn', MessageInput]>;
  /** Its members (article indices of this run); not part of what is cached. */
  members: number[];
}

/**
 * Each cluster's story and messages. `links` and `merges` may hold those of other
 * clusters too (stories reused from the last run): only the clusters' own are read.
 */
export function storyParts(input: BuildInput): StoryPart[] {
  const { docs, dates, clusters, merges, commentary, ctx } = input;
  const label = (i: number) => docs[i]!.article.id;
  const clusterOf = new Map<number, number>();
  clusters.forEach((members, c) => members.forEach((i) => clusterOf.set(i, c)));
  const links = input.links.filter((link) => clusterOf.has(link.a));
  const reasons: string[][] = clusters.map(() => []);
  // Each story's messages, reported once the stories are in output order (see `finishStories`).
  const said: Array<Array<['info' | 'warn', MessageInput]>> = clusters.map(() => []);
  const info = (c: number, message: MessageInput) => said[c]!.push(['info', message]);

  // Duplicate groups: who copies whom, and the best link that says so.
  const linkOf = new Map<number, DuplicateLink[]>();
  for (const link of links) {
    for (const i of [link.a, link.b]) linkOf.set(i, [...(linkOf.get(i) ?? []), link]);
  }

  // A news report leads its story over commentary on it (an opinion column or an analysis: it would head the
  // story with a view, "… is waiting too long, and households will pay for it"); then completeness decides;
  // ties go to the earliest, then to content.
  const rank = (a: number, b: number) => {
    if (commentary[a] !== commentary[b]) return commentary[a] ? 1 : -1;
    const wa = docs[a]!.words;
    const wb = docs[b]!.words;
    if (wa !== wb) return wb - wa;
    return byIdentity(identity(a), identity(b)) || (label(a) < label(b) ? -1 : 1);
  };
  const identity = (i: number): IdentityKey => ({ contentKey: docs[i]!.contentKey, day: dates[i]?.day ?? null });
  // Of copies, the original leads its group: the one published by the agency its dateline names
  // ("CARLISLE, Nov 3 (Northern Wire) - " on Northern Wire's own copy, not on the reprint that added
  // an intro line or a correction and so has more words), then the earliest, then the most complete.
  const originals = originalCopies(linkOf, docs);
  const day = (i: number) => dates[i]?.day ?? null;
  const copyRank = (a: number, b: number) => {
    const original = Number(originals.has(b)) - Number(originals.has(a));
    if (original !== 0) return original;
    const [da, db] = [day(a), day(b)];
    if (da !== null && db !== null && da !== db) return da < db ? -1 : 1;
    return rank(a, b);
  };

  for (const link of inStoryOrder(links, copyRank, label)) {
    const c = clusterOf.get(link.a)!;
    // Name the copy second: the less complete (or later) article copies the other.
    const [first, second] = copyRank(link.a, link.b) <= 0 ? [link.a, link.b] : [link.b, link.a];
    const [a, b] = [docs[first]!.article, docs[second]!.article];
    const base = { articles: [a.id, b.id], score: link.score };
    if (link.kind === 'exact') {
      const reason = `${b.id} is an exact duplicate of ${a.id} (same text)`;
      info(c, { ruleId: 'dedupe/exact-duplicate', reason, file: b.origin.file, articleId: b.id, detail: base });
      reasons[c]!.push(reason);
    } else if (link.kind === 'near') {
      const reason = `${a.id} and ${b.id} are near-duplicates: ${pct(link.score)} of their word ${ctx.config.dedupe.shingleSize}-grams are shared`;
      info(c, { ruleId: 'dedupe/near-duplicate', reason, file: b.origin.file, articleId: b.id, detail: { ...base, threshold: ctx.config.dedupe.nearDuplicateThreshold } });
      reasons[c]!.push(reason);
    } else {
      const quotes = link.quotations ?? [];
      const quoteText = quotes.length > 0 ? `; ${quotes.length} long quotation${quotes.length > 1 ? 's' : ''} shared, e.g. “${clip(quotes[0]!)}”` : '';
      const reason = `${a.id} and ${b.id} are copies of one story: ${link.alignedSentences} sentences in the same order (${pct(link.score)} of the shorter)${quoteText}`;
      info(c, {
        ruleId: 'dedupe/same-origin',
        reason,
        file: b.origin.file,
        articleId: b.id,
        detail: { ...base, alignedSentences: link.alignedSentences, quotations: quotes },
      });
      reasons[c]!.push(reason);
    }
  }

  for (const merge of merges) {
    const [a, b, pairScore] = bestPair(merge.left, merge.right, docs);
    const shared = sharedFeatures({ vector: docs[a]!.vector, keys: docs[a]!.labels.keys }, docs[b]!);
    const c = clusterOf.get(a)!;
    // Names as the closest pair spell them: the same whatever else is in the run.
    const names = shared.names.map((n) => nameLabel(docs[a]!, n) ?? nameLabel(docs[b]!, n) ?? n);
    const reason =
      `${list(merge.left.map(label))} and ${list(merge.right.map(label))} report the same event (similarity ${merge.score.toFixed(2)}; ` +
      `closest pair ${label(a)}–${label(b)} ${pairScore.toFixed(2)})` +
      (names.length ? `; shared names: ${names.join(', ')}` : '') +
      (shared.terms.length ? `; shared terms: ${shared.terms.join(', ')}` : '');
    info(c, {
      ruleId: 'dedupe/same-event',
      reason,
      file: docs[b]!.article.origin.file,
      articleId: docs[b]!.article.id,
      detail: { articles: [...merge.left, ...merge.right].map(label), score: round(merge.score), pair: [label(a), label(b)], pairScore: round(pairScore), names, terms: shared.terms },
    });
    reasons[c]!.push(reason);
  }

  const stories: Story[] = clusters.map((members, c) => {
    const dating = storyDates(members, docs, dates);
    // Duplicate groups inside the story: each has a canonical copy, the rest point to it.
    const groupOf = new Map<number, number[]>();
    const seen = new Set<number>();
    for (const i of members) {
      if (seen.has(i)) continue;
      const group = connected(i, linkOf);
      group.forEach((g) => seen.add(g));
      const head = [...group].sort(copyRank)[0]!;
      groupOf.set(head, group);
    }
    const heads = [...groupOf.keys()].sort(rank);
    const lead = heads[0]!;
    const memberList: StoryMember[] = [];
    for (const head of heads) {
      const doc = docs[head]!;
      memberList.push({
        articleId: doc.article.id,
        role: head === lead ? 'canonical' : 'related',
        similarity: head === lead ? 1 : round(cosine(doc.vector, docs[lead]!.vector)),
        publisher: doc.article.publisher,
      });
      for (const copy of groupOf.get(head)!.filter((g) => g !== head).sort(rank)) {
        memberList.push({
          articleId: docs[copy]!.article.id,
          role: 'duplicate',
          duplicateOf: doc.article.id,
          similarity: round(linkScore(copy, head, linkOf)),
          publisher: docs[copy]!.article.publisher,
        });
      }
    }
    for (const i of dating.inferred) {
      const date = dating.members.get(i);
      if (!date) continue;
      const article = docs[i]!.article;
      const reason = `${article.id} has no date of its own; dated ${date.day} ${date.evidence}`;
      info(c, { ruleId: 'dedupe/date-inferred', reason, file: article.origin.file, articleId: article.id, detail: { date: date.day, dateSource: date.source } });
      reasons[c]!.push(reason);
    }
    if (dating.date === null) {
      for (const i of members) {
        const article = docs[i]!.article;
        said[c]!.push(['warn', {
          ruleId: 'dedupe/undated',
          reason: 'no date from its metadata, its text or its story; its story is kept out of every edition (give it a date to include it)',
          file: article.origin.file,
          articleId: article.id,
        }]);
      }
    }
    return {
      id: storyId(members.map(identity)),
      date: dating.date,
      dateSource: dating.dateSource,
      articles: memberList,
      reasons: reasons[c]!,
    };
  });
  return stories.map((story, c) => ({ story, said: said[c]!, members: clusters[c]! }));
}

/**
 * The run's stories in output order, their messages reported: grouped by story, stories in
 * output order. What a story says depends on its own articles only, so a story reused from
 * the last run (story-cache.ts) is said again in its place.
 */
export function finishStories(parts: readonly StoryPart[], ctx: Pick<StageContext, 'report'>): Story[] {
  const stories = parts.map((part) => part.story);
  uniqueIds(stories);
  // Ties (two stories of one id and date: only with an article id given twice) by their first
  // article's place in the run, so the order does not depend on which stories were reused.
  const first = parts.map((part) => part.members.reduce((low, i) => Math.min(low, i), Infinity));
  const order = parts.map((_, c) => c).sort((a, b) => byStoryOrder(stories[a]!, stories[b]!) || first[a]! - first[b]!);
  for (const c of order) for (const [severity, message] of parts[c]!.said) ctx.report[severity](message);
  return order.map((c) => stories[c]!);
}

/** Output order: by date (undated last), then id. */
function byStoryOrder(a: Story, b: Story): number {
  return byCodeUnits(a.date ?? '\uffff', b.date ?? '\uffff') || byCodeUnits(a.id, b.id);
}

const KIND_ORDER: Record<DuplicateLink['kind'], number> = { exact: 0, near: 1, 'same-origin': 2 };

/**
 * Duplicate links in an order that depends on the two articles of each link only (not on
 * where the run's search found them): exact, near, same origin; then by the articles as the
 * message names them (original first, copy second); input order last, for equal ids.
 */
function inStoryOrder(links: readonly DuplicateLink[], rank: (a: number, b: number) => number, label: (i: number) => string): DuplicateLink[] {
  const named = links.map((link, index) => {
    const [first, second] = rank(link.a, link.b) <= 0 ? [link.a, link.b] : [link.b, link.a];
    return { link, index, first: label(first), second: label(second) };
  });
  named.sort((x, y) => KIND_ORDER[x.link.kind] - KIND_ORDER[y.link.kind] || byCodeUnits(x.first, y.first) || byCodeUnits(x.second, y.second) || x.index - y.index);
  return named.map((entry) => entry.link);
}

/**
 * The members of copy groups published by the agency a member's dateline names: each group's
 * original. Only articles in a copy group are read (their text, for the dateline).
 */
function originalCopies(linkOf: Map<number, DuplicateLink[]>, docs: readonly ArticleFeatures[]): Set<number> {
  const originals = new Set<number>();
  const seen = new Set<number>();
  for (const start of linkOf.keys()) {
    if (seen.has(start)) continue;
    const group = connected(start, linkOf);
    group.forEach((i) => seen.add(i));
    const agencies: string[] = [];
    for (const i of group) {
      const agency = datelineAgencyName(leadParagraph(docs[i]!.article.paragraphs, docs[i]!.article.text));
      if (agency) agencies.push(agency);
    }
    if (agencies.length === 0) continue;
    for (const i of group) {
      const publisher = docs[i]!.article.publisher;
      if (publisher && agencies.some((agency) => sameOutlet(agency, publisher))) originals.add(i);
    }
  }
  return originals;
}

/**
 * Whether two names name one outlet: the same words, or one is the other's initials — a dateline
 * gives "(INA)" or "(AFP)" where the publisher is "Iberian News Agency" or "Agence France-Presse".
 */
export function sameOutlet(a: string, b: string): boolean {
  if (a.trim().toLowerCase() === b.trim().toLowerCase()) return true;
  const initialsMatch = (name: string, acronym: string) => {
    const initials = initialsOf(name);
    return initials !== null && initials === acronymOf(acronym);
  };
  return initialsMatch(a, b) || initialsMatch(b, a);
}

/** "Agence France-Presse" → "afp"; words such as "of" and "the" give no letter. Null for a name of one word. */
function initialsOf(name: string): string | null {
  const words = name.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.length >= 2 ? words.map((w) => w[0]!.toLowerCase()).join('') : null;
}

/** "A.P." / "AFP" → "ap" / "afp": a name of capitals alone (dots allowed); null for any other name. */
function acronymOf(name: string): string | null {
  const letters = name.trim().replace(/\./g, '');
  return /^\p{Lu}{2,6}$/u.test(letters) ? letters.toLowerCase() : null;
}

/** All articles linked to `start` by duplicate links. */
function connected(start: number, linkOf: Map<number, DuplicateLink[]>): number[] {
  const out = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const i = queue.pop()!;
    for (const link of linkOf.get(i) ?? []) {
      for (const j of [link.a, link.b]) if (!out.has(j)) (out.add(j), queue.push(j));
    }
  }
  return [...out];
}

/** Score of the direct link between a copy and its canonical, else its best link. */
function linkScore(copy: number, head: number, linkOf: Map<number, DuplicateLink[]>): number {
  const own = linkOf.get(copy) ?? [];
  const direct = own.find((l) => (l.a === copy && l.b === head) || (l.b === copy && l.a === head));
  return direct?.score ?? Math.max(0, ...own.map((l) => l.score));
}

/** The most similar pair across two clusters (sampled for big ones), with its cosine. */
function bestPair(left: number[], right: number[], docs: readonly ArticleFeatures[]): [number, number, number] {
  let best: [number, number, number] = [left[0]!, right[0]!, -1];
  for (const a of left.slice(0, 12)) {
    for (const b of right.slice(0, 12)) {
      const score = cosine(docs[a]!.vector, docs[b]!.vector);
      if (score > best[2]) best = [a, b, score];
    }
  }
  return best;
}

/** Two clusters whose earliest article is one text (an exact copy beyond the window) get distinct ids. */
function uniqueIds(stories: Story[]): void {
  const used = new Map<string, number>();
  for (const story of stories) used.set(story.id, (used.get(story.id) ?? 0) + 1);
  for (const story of stories) {
    if (used.get(story.id)! > 1) {
      story.id = shortHash(`${story.id}\u0000${story.articles.map((m) => m.articleId).sort().join('\u0000')}`);
    }
  }
}

function list(ids: string[]): string {
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} (+${ids.length - 3})`;
}

function clip(text: string, words = 12): string {
  const parts = text.split(' ');
  return parts.length > words ? `${parts.slice(0, words).join(' ')}…` : text;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
