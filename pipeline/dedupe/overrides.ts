/**
 * Editor overrides: split an article out of its story, or merge stories the
 * stage kept apart. The preview reads them from the edition's override file
 * (`content/editions/YYYY-MM-DD.yaml`, keys `split` and `merge`) and calls
 * `applyStoryOverrides` after `dedupeArticles`. Ids of the stories that come
 * out are derived the same way as the stage's own (from content), so the same
 * overrides on the same articles always give the same ids.
 */
import { byCodeUnits } from '../common/arrays.ts';
import { sha256 } from '../common/hash.ts';
import type { StageContext } from '../common/context.ts';
import { tokenize } from '../common/text.ts';
import type { Article, Story, StoryMember } from '../types.ts';
import { dateFromText, toIso } from '../common/text-dates.ts';
import { isCalendarDay } from './dating.ts';
import { storyId, type IdentityKey } from './stories.ts';

export interface StoryOverrides {
  /** Article ids to take out of their story; each becomes a story of its own, with its copies. */
  split?: string[];
  /** Groups of story ids to make into one story. */
  merge?: string[][];
  /** The file the overrides came from, so messages can point to it. */
  file?: string;
}

export function applyStoryOverrides(stories: Story[], overrides: StoryOverrides, ctx: StageContext, articles: readonly Article[]): Story[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const file = overrides.file ?? null;
  let result = stories.map((s) => ({ ...s, articles: [...s.articles], reasons: [...s.reasons] }));

  for (const articleId of overrides.split ?? []) {
    const story = result.find((s) => s.articles.some((m) => m.articleId === articleId));
    if (!story) {
      ctx.report.warn({ ruleId: 'dedupe/override-unknown', reason: `split names article "${articleId}", which is in no story`, file });
      continue;
    }
    if (story.articles.length === 1) {
      ctx.report.info({ ruleId: 'dedupe/editor-split', reason: `${articleId} is already a story of its own`, file, articleId });
      continue;
    }
    const moving = story.articles.filter((m) => m.articleId === articleId || m.duplicateOf === articleId);
    const staying = story.articles.filter((m) => !moving.includes(m));
    const reason = `${articleId} split from story ${story.id} by the editor`;
    const out = [rebuild(moving, byId, [reason]), rebuild(staying, byId, [...story.reasons, reason])];
    ctx.report.info({ ruleId: 'dedupe/editor-split', reason, file, articleId, detail: { from: story.id, stories: out.map((s) => s.id) } });
    result = result.flatMap((s) => (s === story ? out : [s]));
  }

  for (const ids of overrides.merge ?? []) {
    const found = ids.map((id) => result.find((s) => s.id === id));
    const missing = ids.filter((_, i) => !found[i]);
    if (missing.length > 0) {
      ctx.report.warn({ ruleId: 'dedupe/override-unknown', reason: `merge names story ${missing.map((m) => `"${m}"`).join(', ')}, which does not exist in this run`, file });
    }
    const merging = [...new Set(found.filter((s): s is Story => s !== undefined))];
    if (merging.length < 2) continue;
    const reason = `stories ${merging.map((s) => s.id).join(', ')} merged by the editor`;
    const merged = rebuild(
      merging.flatMap((s) => s.articles),
      byId,
      [...merging.flatMap((s) => s.reasons), reason],
    );
    ctx.report.info({ ruleId: 'dedupe/editor-merge', reason, file, detail: { stories: merging.map((s) => s.id), into: merged.id } });
    result = [...result.filter((s) => !merging.includes(s)), merged];
  }
  return result.sort((a, b) => byCodeUnits(a.date ?? '\uffff', b.date ?? '\uffff') || byCodeUnits(a.id, b.id));
}

/** A story from members: the longest non-duplicate leads, the earliest own date dates it. */
function rebuild(members: StoryMember[], byId: Map<string, Article>, reasons: string[]): Story {
  const words = (m: StoryMember) => tokenize(byId.get(m.articleId)?.text ?? '').length;
  const present = new Set(members.map((m) => m.articleId));
  // A copy stays a copy only while the article it copies is in the same story.
  const isCopy = (m: StoryMember) => m.role === 'duplicate' && m.duplicateOf !== undefined && present.has(m.duplicateOf);
  const byCompleteness = (a: StoryMember, b: StoryMember) => words(b) - words(a) || byCodeUnits(a.articleId, b.articleId);
  const heads = members.filter((m) => !isCopy(m)).sort(byCompleteness);
  const lead = heads[0]!;
  const ordered: StoryMember[] = [];
  for (const m of [...heads, ...members.filter(isCopy)]) {
    const { duplicateOf: _drop, ...rest } = m;
    if (m === lead) ordered.push({ ...rest, role: 'canonical', similarity: 1 });
    else if (isCopy(m)) ordered.push(m);
    else ordered.push({ ...rest, role: 'related' });
  }
  let date: string | null = null;
  let dateSource: Story['dateSource'] = null;
  const keys: IdentityKey[] = [];
  for (const m of members) {
    const article = byId.get(m.articleId);
    if (!article) continue;
    const own = ownDay(article);
    keys.push({ contentKey: sha256(tokenize(article.text).join(' ')), day: own?.day ?? null });
    if (own && (date === null || own.day < date)) {
      date = own.day;
      dateSource = own.source;
    }
  }
  return { id: storyId(keys), date, dateSource, articles: ordered, reasons };
}

function ownDay(article: Article): { day: string; source: NonNullable<Story['dateSource']> } | null {
  // As `ownDate` (dating.ts): only a calendar day counts as a stated date.
  if (article.date && isCalendarDay(article.date)) return { day: article.date, source: article.dateSource ?? 'record' };
  const text = dateFromText(article.paragraphs.map((p) => p.text));
  if (text && text.year !== null) return { day: toIso(text.year, text.month, text.day), source: text.source };
  return null;
}
