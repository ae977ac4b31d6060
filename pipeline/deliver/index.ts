/**
 * Deliver stage: a rendered edition + the subscriber list → mail sent exactly
 * once per subscriber, recorded in the ledger under `state/`. See README.md.
 */
export { sendEdition, type SendOptions, type SendSummary } from './send.ts';
export { Ledger, type DeliveryStatus } from './ledger.ts';
export { loadSubscribers, isValidAddress, type Subscriber } from './subscribers.ts';
export { unsubscribeUrl, verifyUnsubscribe } from './unsubscribe-link.ts';
export { createUnsubscribeServer } from './unsubscribe-server.ts';
export { UNSUBSCRIBE_PLACEHOLDER, messageIdFor } from './message.ts';
