import { z } from 'zod';

export const deliverConfigSchema = z
  .object({
    /** From address; env BRIEFING_FROM overrides. */
    from: z.string().optional(),
    replyTo: z.string().optional(),
    /** Subscriber file (CSV or YAML); env BRIEFING_SUBSCRIBERS overrides. */
    subscribers: z.string().optional(),
    /** Messages per second sent through the transport. */
    rateLimit: z.number().positive().default(50),
    /** Refuse to send an edition an editor has not approved. */
    requireApproval: z.boolean().default(false),
  })
  .strict();

export type DeliverConfig = z.infer<typeof deliverConfigSchema>;
