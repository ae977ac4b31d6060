import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Message } from '../types.ts';

/**
 * `out/report.json`: `{ counts, messages }`, every message of the run in the
 * order it was said, one message per line.
 *
 * One line per message rather than `JSON.stringify(report, null, 2)`: a year's
 * report is tens of MB and every build writes it whole, so the indentation
 * (a third of the bytes and half the serialising time on a 1,000-article
 * rebuild) was the largest fixed cost outside the stages. A line per message
 * still greps and diffs by message, and every reader parses it as JSON.
 */
export function writeReport(dir: string, messages: readonly Message[]): void {
  const counts = { info: 0, warning: 0, error: 0 };
  for (const m of messages) counts[m.severity]++;
  const fd = openSync(path.join(dir, 'report.json'), 'w');
  try {
    // Written in slices of about a megabyte: one string of the whole report
    // would be held (and encoded to UTF-8) at once, several times its size for a year.
    let chunk = `{"counts":${JSON.stringify(counts)},"messages":[`;
    for (let i = 0; i < messages.length; i++) {
      chunk += (i === 0 ? '\n' : ',\n') + JSON.stringify(messages[i]);
      if (chunk.length >= CHUNK_CHARS) {
        writeAll(fd, chunk);
        chunk = '';
      }
    }
    writeAll(fd, chunk + (messages.length > 0 ? '\n]}\n' : ']}\n'));
  } finally {
    closeSync(fd);
  }
}

const CHUNK_CHARS = 1 << 20;

/** `writeSync` may write part of a buffer; the rest is written until none is left. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}
