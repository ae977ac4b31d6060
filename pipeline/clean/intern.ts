import type { Message, Paragraph, Removal } from '../types.ts';

/**
 * One copy of each distinct string a build's cleaned articles and clean
 * messages hold. Every decision is read back with `JSON.parse` (from the cache,
 * or round-tripped when made), which gives each string its own copy: the same
 * publisher banner removed from 800 articles is 800 copies in `removed` and 800
 * more in the messages, every message of an article holds its own copy of the
 * file name, and each signal label ("at the end of the article") is one copy
 * per removed paragraph. Measured on the year corpus (5,000 articles), a
 * quarter of the string bytes alive after clean were such duplicates; a year's
 * build holds them to the end. Interning changes no value, only how many
 * copies of it are kept.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  /** The pooled copy of `text` (the first one seen). */
  of(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }
}

/** What `internDecision` rewrites: a cleaned article's paragraphs and removals, and the messages deciding it reported. */
export interface DecisionStrings {
  paragraphs: Paragraph[];
  removed: Removal[];
  messages: Message[];
}

/**
 * Replaces the decision's repeated strings by pooled copies, in place:
 * paragraph and removed texts (copies of one wire story, one outlet's
 * banner), reasons and rule ids, and the messages' file, texts and signals.
 */
export function internDecision({ paragraphs, removed, messages }: DecisionStrings, pool: StringPool): void {
  for (const paragraph of paragraphs) {
    paragraph.type = pool.of(paragraph.type) as Paragraph['type'];
    paragraph.text = pool.of(paragraph.text);
  }
  for (const removal of removed) {
    removal.ruleId = pool.of(removal.ruleId);
    removal.reason = pool.of(removal.reason);
    removal.text = pool.of(removal.text);
  }
  for (const message of messages) {
    if (message.file !== null) message.file = pool.of(message.file);
    message.ruleId = pool.of(message.ruleId);
    message.reason = pool.of(message.reason);
    if (message.articleId !== undefined) message.articleId = pool.of(message.articleId);
    const detail = message.detail;
    if (!detail) continue;
    for (const field of ['text', 'wouldBe'] as const) if (typeof detail[field] === 'string') detail[field] = pool.of(detail[field]);
    if (Array.isArray(detail.signals)) {
      for (const signal of detail.signals as Record<string, unknown>[]) {
        if (typeof signal.name === 'string') signal.name = pool.of(signal.name);
        if (typeof signal.label === 'string') signal.label = pool.of(signal.label);
      }
    }
  }
}

/**
 * Pools what messages read packed from a day's entry (clean/summary-groups.ts) hold of their own:
 * their file name and article id (one copy per message as parsed). Their rule ids, reasons, texts
 * and signals come from the entry's tables, one object for every message that has them (a reason
 * with this run's label filled in, one string per label: `filledMessages`), so `internDecision`'s
 * walk over those would find nothing to share.
 */
export function internOwnStrings(messages: readonly Message[], pool: StringPool): void {
  for (const message of messages) {
    if (message.file !== null) message.file = pool.of(message.file);
    if (message.articleId !== undefined) message.articleId = pool.of(message.articleId);
  }
}
