import { z } from 'zod';

/**
 * One "keep" override. A plain string keeps, in every article, any paragraph
 * containing it (case-insensitive). An object narrows it to one input file
 * (path as shown in messages, e.g. `content/a.txt`); an object without `text`
 * keeps everything in that file (no removal at all).
 */
export const keepEntrySchema = z.union([
  z.string().min(1),
  z
    .object({
      file: z.string().min(1).describe('input file path as shown in messages, e.g. "content/a.txt"'),
      text: z.string().min(1).optional().describe('substring of the paragraph to keep; omit to keep the whole file'),
    })
    .strict(),
]);

export type KeepEntry = z.infer<typeof keepEntrySchema>;

/** Rule ids the clean stage can give a removal (see pipeline/clean/README.md). */
export const CLEAN_RULE_IDS = [
  'clean/banner',
  'clean/promo',
  'clean/share',
  'clean/navigation',
  'clean/credit',
  'clean/notice',
  'clean/repeated',
  // Not furniture: plain text's headline line, made its title (title-line.ts).
  'clean/title',
] as const;

export const cleanConfigSchema = z
  .object({
    /**
     * Paragraphs an editor wants kept even if a rule would drop them: each entry is
     * a piece of text (case-insensitive substring) of the paragraph to keep, or
     * `{file, text?}` to limit it to one file (without `text`: keep the whole file).
     */
    keep: z.array(keepEntrySchema).default([]),
    /**
     * Furniture score at which a paragraph is removed. Lower removes more
     * (and risks article text); higher keeps more (and risks furniture).
     */
    threshold: z.number().positive().max(20).default(3),
    /**
     * A paragraph found in this many different articles (that are not copies of
     * one another) counts as repeated furniture evidence. 0 turns the signal off.
     */
    minRepeats: z.number().int().min(0).default(2),
    /** Rule ids never to apply, e.g. `["clean/credit"]` to keep photo credits. */
    disable: z.array(z.enum(CLEAN_RULE_IDS)).default([]),
  })
  .strict();

export type CleanConfig = z.infer<typeof cleanConfigSchema>;
