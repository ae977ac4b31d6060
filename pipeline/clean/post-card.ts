/**
 * What a video site or a blog platform prints around a post, copied with it: the channel's or writer's name over their
 * follower count ("Grid Explained" / "412K subscribers"), and under the post its tags and the writer's card ("Urban
 * Planning" / "Housing" / "Written by Dana Whitfield" / "2.1K Followers" / "Urban planner writing about streets …").
 * Each line alone says little; beside the count or the card they are the platform's, not the post's.
 */
import { BYLINE } from './furniture/lexicon.ts';
import { NAME_LINE } from './credits.ts';
import { hasCue, type Verdict } from './verdict.ts';

/** A follower count, as the platform post line cue removes it ("412K subscribers", "2.1K Followers"). */
const FOLLOWER_COUNT = /^\d[\d.,]*\s?[km]?\s+(?:subscribers|followers)\s*$/i;

/** At most this many words a line, the lines under a channel's card at the end are its tabs ("Videos", "About"). */
const MAX_TAB_WORDS = 2;

/**
 * The channel's or writer's name on the line over a removed follower count: their card, not the post's text. The first
 * such name is returned (the channel that published the video, the post's publisher). A card with only a word or two a
 * line after it is the channel's page under the video: those lines are its tabs.
 */
export function dropOwnerOverCount(verdicts: Verdict[]): string | null {
  let owner: string | null = null;
  for (let at = 1; at < verdicts.length; at++) {
    const count = verdicts[at]!;
    const line = verdicts[at - 1]!;
    if (!count.ruleId || line.ruleId || !FOLLOWER_COUNT.test(count.paragraph.text.trim())) continue;
    const text = line.paragraph.text.trim();
    if (line.paragraph.words > 6 || !NAME_LINE.test(text)) continue;
    line.ruleId = 'clean/credit';
    line.signals = [...line.signals, { kind: 'context', name: 'owner-over-count', label: 'the name over a follower count', weight: 0 }];
    owner ??= text;
    const tail = verdicts.slice(at + 1).filter((v) => !v.ruleId);
    if (tail.every((v) => v.paragraph.words <= MAX_TAB_WORDS)) {
      for (const tab of tail) {
        tab.ruleId = 'clean/navigation';
        tab.signals = [...tab.signals, { kind: 'context', name: 'channel-tabs', label: 'the channel’s tabs under its card', weight: 0 }];
      }
    }
  }
  return owner;
}

/** Longer than this, a line under the writer's card is the post's. */
const MAX_CARD_BIO_WORDS = 40;
/** A tag: a word or three, capitalised, no sentence. */
const MAX_TAG_WORDS = 3;

/**
 * The writer's card under a post ("Written by Dana Whitfield", its follower count, a line of biography) and the post's tags
 * over it ("Urban Planning", "Housing", "Parking"): once a byline is removed in the text's last part with at most one kept
 * line after it, that line (short) is the writer's biography, and the run of two or more short capitalised lines right
 * over the byline is the post's tags. A list in the story ("The winners were:" and their names) ends no card.
 */
export function dropWriterCard(verdicts: Verdict[]): void {
  const at = verdicts.findLastIndex((v) => v.ruleId && hasCue(v, BYLINE));
  if (at < verdicts.length / 2) return;
  const after = verdicts.slice(at + 1).filter((v) => !v.ruleId);
  if (after.length > 1) return;
  const bio = after[0];
  if (bio && bio.paragraph.words <= MAX_CARD_BIO_WORDS) {
    bio.ruleId = 'clean/credit';
    bio.signals = [...bio.signals, { kind: 'context', name: 'writer-card', label: 'the writer’s biography on their card under the post', weight: 0 }];
  }
  let start = at;
  while (start > 0 && isTag(verdicts[start - 1]!)) start--;
  if (at - start < 2) return;
  for (const tag of verdicts.slice(start, at)) {
    tag.ruleId = 'clean/navigation';
    tag.signals = [...tag.signals, { kind: 'context', name: 'post-tags', label: 'the post’s tags over the writer’s card', weight: 0 }];
  }
}

function isTag(verdict: Verdict): boolean {
  return !verdict.ruleId && verdict.paragraph.words <= MAX_TAG_WORDS && NAME_LINE.test(verdict.paragraph.text.trim());
}
