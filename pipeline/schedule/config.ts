import { z } from 'zod';

export const scheduleConfigSchema = z
  .object({
    /** When `briefing schedule` builds and sends (node-cron syntax, in the configured timezone). */
    cron: z.string().default('0 7 * * *'),
  })
  .strict();

export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;
