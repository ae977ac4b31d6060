import { z } from 'zod';

export const scheduleConfigSchema = z
  .object({
    /** When `briefing schedule` builds and sends (node-cron syntax, in the configured timezone). */
    cron: z.string().default('0 7 * * *'),
    /**
     * At start, also build and send the editions of this many past days that
     * were not fully sent (a machine that was off at 07:00). The ledger makes
     * catching up safe: nobody gets a day twice.
     */
    catchUpDays: z.number().int().min(0).max(31).default(1),
    /** Build the site before sending (false when another job builds and this one only sends). */
    build: z.boolean().default(true),
    /** Which day a scheduled run sends: today's edition (0) or yesterday's (-1)… in the configured timezone. */
    dayOffset: z.number().int().min(-7).max(0).default(0),
  })
  .strict();

export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;
