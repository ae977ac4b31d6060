import { z } from 'zod';

/** A feed to ingest: a local file (relative to the working directory) or an http(s) URL. */
export const feedSourceSchema = z
  .object({
    url: z.string().min(1).describe('feed URL (http/https) or path of a local RSS/Atom/JSON Feed file'),
    publisher: z.string().optional().describe('name shown as the source of its items; default: the feed title'),
    fullText: z
      .boolean()
      .optional()
      .describe("read each item that the feed gives in under 150 words from the page it links (most news feeds carry only a summary); the feed's limits and private-address guard apply; default false"),
  })
  .strict();

/**
 * A feed as config names it: its object, or only its URL or path ("feeds": ["https://…/rss", "feeds/local.xml"]), which
 * is what a user writes first.
 */
const feedEntrySchema = z.union([z.string().min(1).transform((url): z.infer<typeof feedSourceSchema> => ({ url })), feedSourceSchema]);

export const ingestConfigSchema = z
  .object({
    feeds: z.array(feedEntrySchema).default([]),
    /** Files larger than this are skipped with a warning (bytes). */
    maxFileBytes: z.number().int().positive().default(10 * 1024 * 1024),
    /** Time limit for fetching one feed URL (ms). */
    fetchTimeoutMs: z.number().int().positive().default(15_000),
    /** Refuse feed URLs that resolve to loopback/private addresses (SSRF guard). Tests turn it off. */
    blockPrivateAddresses: z.boolean().default(true),
  })
  .strict();

export type IngestConfig = z.infer<typeof ingestConfigSchema>;
