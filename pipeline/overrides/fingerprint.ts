import { sha256 } from '../common/hash.ts';
import type { Edition } from '../types.ts';

/**
 * What an editor approves: the stories as readers get them (ids, headlines,
 * summaries, sources, order), the "more stories" list and the note. When the
 * preview approves an edition it stores this fingerprint beside
 * `approved: true`; if the edition later differs (a new article arrived, a
 * summary changed), the approval no longer holds — what goes out is only ever
 * what an editor saw.
 */
export function editionFingerprint(edition: Pick<Edition, 'date' | 'stories' | 'more' | 'note'>): string {
  const content = {
    date: edition.date,
    note: edition.note ?? '',
    stories: edition.stories.map((s) => [s.id, s.headline, s.summary, (s.sources ?? []).map((x) => [x.articleId, x.url ?? '', x.publisher ?? ''])]),
    more: edition.more.map((m) => [m.id, m.headline]),
  };
  return sha256(JSON.stringify(content)).slice(0, 16);
}
