import { z } from 'zod';

export const summariseConfigSchema = z
  .object({
    /** Word budget of one story's summary. */
    words: z.number().int().positive().default(80),
    /** Stories shown in full per edition; the rest are listed as "more stories". */
    maxStories: z.number().int().positive().default(12),
    /**
     * Days after a story's first report whose reports stay in its edition. A report of the same
     * event dated later is in its own day's edition (day-parts.ts): 0, each edition holds the
     * reports dated on its day, and an edition already sent never gains a later day's news.
     */
    storySpanDays: z.number().int().min(0).default(0),
  })
  .strict();

export type SummariseConfig = z.infer<typeof summariseConfigSchema>;
