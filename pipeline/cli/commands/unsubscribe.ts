import { pendingCommand } from './pending.ts';

export const serveUnsubscribeCommand = pendingCommand('serve-unsubscribe', 'serve signed unsubscribe links (GET confirm, one-click POST)', 8);
export const unsubscribeCommand = pendingCommand('unsubscribe', 'record an unsubscribe by hand', 8);
