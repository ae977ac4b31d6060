import { z } from 'zod';
import { webUrl } from '../config/web-url.ts';

/**
 * `deliver` section. Only settings that are safe to commit live here: the SMTP
 * URL (with its password), the HMAC secret and the DKIM key come from the
 * environment only (see pipeline/deliver/env.ts).
 */
export const deliverConfigSchema = z
  .object({
    /** From address; env BRIEFING_FROM overrides. */
    from: z.string().optional(),
    /** Reply-To address (default: the From address). */
    replyTo: z.string().optional(),
    /** Subscriber file (CSV or YAML); env BRIEFING_SUBSCRIBERS (a list or a file) overrides. */
    subscribers: z.string().optional(),
    /** Messages per second handed to the transport (all pooled connections together). */
    rateLimit: z.number().positive().default(50),
    /** Refuse to send an edition an editor has not approved (`edition.approved`). */
    requireApproval: z.boolean().default(false),
    /** Pooled SMTP connections used in parallel. */
    maxConnections: z.number().int().min(1).max(50).default(5),
    /** Attempts per message for temporary failures (4xx replies, dropped connections, timeouts). */
    retries: z.number().int().min(0).max(20).default(4),
    /** First backoff delay in ms; doubled on every further attempt (with jitter). */
    retryDelayMs: z.number().int().min(0).default(2000),
    /** Give up on an SMTP connection that says nothing for this long (ms). */
    timeoutMs: z.number().int().min(100).default(60_000),
    /**
     * What a rerun does with recipients an interrupted run left "in doubt"
     * (handed to the server, acceptance not recorded): `resend` with the same
     * Message-ID (default: nobody is skipped), or `skip` and report them.
     */
    inDoubt: z.enum(['resend', 'skip']).default('resend'),
    /** `List-Id` header value (default: the title and the host of baseUrl). */
    listId: z.string().optional(),
    /** Where unsubscribe links point (default: `${baseUrl}unsubscribe`). */
    unsubscribeUrl: webUrl().optional(),
    /** Address for `mailto:` unsubscribes (default: the Reply-To / From address). */
    unsubscribeMailto: z.string().optional(),
    /**
     * Use another nodemailer transport instead of SMTP_URL (SES, a provider's
     * API, JSON for tests): `module` exports a function `(options) => Transport
     * | transport options` (default export or `createTransport`), or `options`
     * alone are passed to `nodemailer.createTransport`. No secrets here: read
     * them from the environment inside the module.
     */
    transport: z
      .object({
        module: z.string().optional(),
        options: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type DeliverConfig = z.infer<typeof deliverConfigSchema>;
