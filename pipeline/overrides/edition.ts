import type { StageReporter } from '../common/report.ts';
import type { Edition, EditionStory } from '../types.ts';
import { editionFingerprint } from './fingerprint.ts';
import type { OverrideFile } from './load.ts';

/**
 * Applies the editor's edition-level overrides to the summarised editions:
 * hide, headline and summary replacements, pins and order, the note and the
 * approval. Pure: returns new editions and reports every change as an `info`
 * message (so `out/report.json` and the preview can show what the editor did)
 * and every override that no longer matches a story as a `warning` naming the
 * file and line — articles change, and a stale override must not go unnoticed.
 */
export function applyEditionOverrides(editions: Edition[], files: ReadonlyMap<string, OverrideFile>, report: StageReporter): Edition[] {
  const dates = new Set(editions.map((e) => e.date));
  for (const file of files.values()) {
    if (!dates.has(file.date) && hasEditionLevelOverrides(file)) {
      report.warn({ ruleId: 'overrides/no-edition', reason: `there is no edition for ${file.date} (no dated story that day); its overrides are unused`, file: file.file, line: 1 });
    }
  }
  return editions.map((edition) => {
    const file = files.get(edition.date);
    return file ? applyToEdition(edition, file, report) : edition;
  });
}

function hasEditionLevelOverrides(file: OverrideFile): boolean {
  const o = file.overrides;
  return o.approved !== undefined || Boolean(o.note) || (o.order?.length ?? 0) > 0 || Object.keys(o.stories ?? {}).length > 0;
}

export function applyToEdition(edition: Edition, file: OverrideFile, report: StageReporter): Edition {
  const o = file.overrides;
  const where = (keyPath: (string | number)[]) => ({ file: file.file, line: file.lineOf(keyPath) });
  const known = new Set([...edition.stories.map((s) => s.id), ...edition.more.map((m) => m.id)]);
  const perStory = o.stories ?? {};

  for (const id of Object.keys(perStory)) {
    if (!known.has(id)) {
      report.warn({ ruleId: 'overrides/unknown-story', reason: `no story ${id} in the ${edition.date} edition (its articles may have changed); this override is unused`, ...where(['stories', id]), detail: { edition: edition.date, storyId: id } });
    }
  }
  (o.order ?? []).forEach((id, index) => {
    if (!known.has(id)) report.warn({ ruleId: 'overrides/unknown-story', reason: `order names story ${id}, which is not in the ${edition.date} edition`, ...where(['order', index]), detail: { edition: edition.date, storyId: id } });
  });

  const stories: EditionStory[] = [];
  for (const story of edition.stories) {
    const change = perStory[story.id] ?? {};
    if (change.hide === true) {
      report.info({ ruleId: 'overrides/hide', reason: `story hidden by the editor: "${story.headline}"`, ...where(['stories', story.id, 'hide']), detail: { edition: edition.date, storyId: story.id, headline: story.headline } });
      continue;
    }
    let next: EditionStory = { ...story };
    if (change.headline) {
      report.info({ ruleId: 'overrides/headline', reason: `headline replaced by the editor (was "${story.headline}")`, ...where(['stories', story.id, 'headline']), detail: { edition: edition.date, storyId: story.id, previous: story.headline } });
      next.headline = change.headline;
    }
    if (change.summary) {
      report.info({ ruleId: 'overrides/summary', reason: 'summary replaced by the editor', ...where(['stories', story.id, 'summary']), detail: { edition: edition.date, storyId: story.id, previous: story.summary } });
      // The editor's words come from no source sentence: no traced sentences.
      next = { ...next, summary: change.summary, sentences: [] };
    }
    if (change.pin === true) next.pinned = true;
    stories.push(next);
  }

  const more = edition.more.flatMap((entry) => {
    const change = perStory[entry.id] ?? {};
    if (change.hide === true) {
      report.info({ ruleId: 'overrides/hide', reason: `story hidden by the editor: "${entry.headline}"`, ...where(['stories', entry.id, 'hide']), detail: { edition: edition.date, storyId: entry.id, headline: entry.headline } });
      return [];
    }
    if (change.pin === true) {
      report.warn({ ruleId: 'overrides/pin-more', reason: `story ${entry.id} is beyond the edition's story limit (summarise.maxStories), so it has no summary to show; hide another story or raise the limit`, ...where(['stories', entry.id, 'pin']) });
    }
    return [change.headline ? { ...entry, headline: change.headline } : entry];
  });

  const position = new Map((o.order ?? []).map((id, index) => [id, index] as const));
  const original = new Map(stories.map((s, index) => [s.id, index] as const));
  // Pinned first; then stories the editor ordered, in that order; then the rest as generated.
  const rank = (s: EditionStory): [number, number, number] => [s.pinned ? 0 : 1, position.get(s.id) ?? Number.MAX_SAFE_INTEGER, original.get(s.id)!];
  const ordered = [...stories].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
  });
  if (ordered.some((s, i) => s !== stories[i])) {
    report.info({ ruleId: 'overrides/order', reason: `stories reordered by the editor: ${ordered.map((s) => s.id).join(', ')}`, ...where(o.order ? ['order'] : ['stories']), detail: { edition: edition.date, order: ordered.map((s) => s.id) } });
  }

  const result: Edition = { ...edition, stories: ordered, more };
  if (o.note) {
    result.note = o.note;
    report.info({ ruleId: 'overrides/note', reason: "editor's note added", ...where(['note']), detail: { edition: edition.date } });
  }
  if (o.approved !== undefined) {
    result.approved = o.approved;
    const now = editionFingerprint(result);
    if (o.approved && o.approvedHash && o.approvedHash !== now) {
      result.approved = false;
      report.warn({ ruleId: 'overrides/approval-stale', reason: `the ${edition.date} edition changed after it was approved (its stories, summaries or sources differ); check it and approve it again`, ...where(['approvedHash']), detail: { edition: edition.date, approved: o.approvedHash, now } });
    } else if (o.approved) {
      report.info({ ruleId: 'overrides/approved', reason: `edition ${edition.date} approved by the editor`, ...where(['approved']), detail: { edition: edition.date } });
    }
  }
  return result;
}
