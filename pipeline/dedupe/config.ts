import { z } from 'zod';

export const dedupeConfigSchema = z
  .object({
    /** Jaccard similarity of word shingles at or above which two articles are near-duplicates. */
    nearDuplicateThreshold: z.number().min(0).max(1).default(0.5),
    /** Similarity at or above which two articles are reports of the same event (one story). */
    storyThreshold: z.number().min(0).max(1).default(0.3),
    /** Articles more than this many days apart are never one story. */
    windowDays: z.number().int().min(0).default(3),
  })
  .strict();

export type DedupeConfig = z.infer<typeof dedupeConfigSchema>;
