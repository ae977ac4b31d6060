import { z } from 'zod';

export const summariseConfigSchema = z
  .object({
    /** Word budget of one story's summary. */
    words: z.number().int().positive().default(80),
    /** Stories shown in full per edition; the rest are listed as "more stories". */
    maxStories: z.number().int().positive().default(12),
  })
  .strict();

export type SummariseConfig = z.infer<typeof summariseConfigSchema>;
