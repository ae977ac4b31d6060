import { pendingCommand } from './pending.ts';

export const scheduleCommand = pendingCommand('schedule', 'build and send on the configured cron schedule', 8);
