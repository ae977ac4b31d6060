import { pendingCommand } from './pending.ts';

export const previewCommand = pendingCommand('preview', 'start the editor preview on 127.0.0.1', 9);
