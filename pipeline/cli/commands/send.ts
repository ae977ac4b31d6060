import { pendingCommand } from './pending.ts';

export const sendCommand = pendingCommand('send', 'send an edition to the subscribers, exactly once each', 8);
