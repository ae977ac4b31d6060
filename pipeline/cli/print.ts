import type { Message } from '../types.ts';

const LABEL: Record<Message['severity'], string> = { info: 'info', warning: 'warning', error: 'error' };

/**
 * One line per message, compiler-style so editors and terminals can jump to it:
 * `content/a.md:3:1: warning: front matter is not valid YAML [ingest/bad-front-matter]`
 */
export function formatMessage(message: Message): string {
  const place = message.file ? `${message.file}${message.line ? `:${message.line}${message.column ? `:${message.column}` : ''}` : ''}: ` : '';
  return `${place}${LABEL[message.severity]}: ${message.reason} [${message.ruleId}]`;
}
