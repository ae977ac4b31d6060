import { z } from 'zod';

export const renderConfigSchema = z
  .object({
    /** Folder of MJML/Handlebars templates and partials (relative to the working directory). */
    templates: z.string().default('templates'),
    /** Also write a feed with one item per story (out/stories.xml). */
    storyFeed: z.boolean().default(false),
  })
  .strict();

export type RenderConfig = z.infer<typeof renderConfigSchema>;
