import { z } from 'zod';
import { webUrl } from './web-url.ts';
import { ingestConfigSchema } from '../ingest/config.ts';
import { cleanConfigSchema } from '../clean/config.ts';
import { dedupeConfigSchema } from '../dedupe/config.ts';
import { summariseConfigSchema } from '../summarise/config.ts';
import { renderConfigSchema } from '../render/config.ts';
import { resolveWords, wordsConfigSchema } from '../render/words.ts';
import { deliverConfigSchema } from '../deliver/config.ts';
import { scheduleConfigSchema } from '../schedule/config.ts';

/** True when `name` is an IANA timezone this Node knows (Intl accepts it). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The whole configuration. Every key has a default, so zero config works; each
 * stage owns its section's schema in `pipeline/<stage>/config.ts`.
 * `.strict()` everywhere: a misspelt key is an error, not silently ignored.
 */
export const configSchema = z
  .object({
    /** Name of the briefing: email subject prefix, feed title, archive heading. */
    title: z.string().min(1).default('Briefing'),
    /** Under the title of the archive and the foot of every e-mail; by default a line in the briefing's language. */
    description: z.string().optional(),
    /** BCP 47 language of the briefing (`lang` of the email and pages). */
    language: z.string().min(2).default('en'),
    /**
     * The fixed words of the e-mail, web pages, feeds and unsubscribe pages ("View in your browser",
     * "Also reported by", "3 stories"…). Built in for en, fr, de, es, it, pt and nl, chosen by
     * `language`; any word given here replaces the built-in one (render/words.ts).
     */
    words: wordsConfigSchema.prefault({}),
    /**
     * IANA timezone that decides which date (edition) an article belongs to,
     * and in which dates are shown. Default UTC.
     */
    timezone: z
      .string()
      .default('UTC')
      .refine(isTimeZone, { message: 'expected an IANA timezone name such as "Europe/London"' }),
    /** Where the web archive is published (absolute URL). Used for feed links, "view in browser" and unsubscribe links. */
    baseUrl: webUrl().default('https://briefing.example.org/'),
    content: z.string().default('content'),
    out: z.string().default('out'),
    /** Durable state: the send ledger and unsubscribes. */
    state: z.string().default('state'),
    cache: z.string().default('.cache'),
    /** Worker threads for per-article work (clean): `auto` = every available core; 1 = in-process. Output is the same either way. */
    workers: z.union([z.literal('auto'), z.number().int().min(1).max(256)]).default('auto'),
    ingest: ingestConfigSchema.prefault({}),
    clean: cleanConfigSchema.prefault({}),
    dedupe: dedupeConfigSchema.prefault({}),
    summarise: summariseConfigSchema.prefault({}),
    render: renderConfigSchema.prefault({}),
    deliver: deliverConfigSchema.prefault({}),
    schedule: scheduleConfigSchema.prefault({}),
  })
  .strict()
  .transform(({ description, ...config }) => ({ ...config, description: description ?? resolveWords(config.language).defaultDescription }));

export type Config = z.infer<typeof configSchema>;
/** What a config file may contain: any subset of `Config`. */
export type ConfigInput = z.input<typeof configSchema>;

/** The defaults alone (zero config). */
export function defaultConfig(): Config {
  return configSchema.parse({});
}
