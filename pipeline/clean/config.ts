import { z } from 'zod';

export const cleanConfigSchema = z
  .object({
    /**
     * Paragraphs an editor wants kept even if a rule would drop them: each entry is
     * a piece of text (case-insensitive substring) of the paragraph to keep.
     */
    keep: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type CleanConfig = z.infer<typeof cleanConfigSchema>;
