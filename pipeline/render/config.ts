import { z } from 'zod';

export const renderConfigSchema = z
  .object({
    /**
     * Folder of MJML/Handlebars templates and partials (relative to the working
     * directory). When the default `templates` folder does not exist, the
     * templates shipped with Briefing are used.
     */
    templates: z.string().default('templates'),
    /** Also write a feed with one item per story (out/stories.xml, stories-atom.xml, stories.json). */
    storyFeed: z.boolean().default(false),
    /**
     * Newest editions listed in the feeds (each item carries a whole edition, so a
     * year of them would make a multi-megabyte feed). 0 lists every edition.
     * The archive page always lists every edition.
     */
    feedLimit: z.number().int().min(0).default(50),
    /** Warn when an email's HTML is larger than this many KB (Gmail clips messages above 102 KB). */
    emailSizeWarnKb: z.number().positive().default(90),
  })
  .strict();

export type RenderConfig = z.infer<typeof renderConfigSchema>;
