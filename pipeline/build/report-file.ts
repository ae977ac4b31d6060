import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { serialisedRunsOf, type SerialisedRun } from '../common/report.ts';
import type { Message } from '../types.ts';

/** How every `report.json` begins: how a folder a build wrote is told from someone's files (out-guard.ts). */
export const REPORT_START = '{"counts":';

/**
 * `out/report.json`: `{ counts, messages }`, every message of the run in the
 * order it was said, one message per line.
 *
 * One line per message rather than `JSON.stringify(report, null, 2)`: a year's
 * report is ~150 MB and every build writes it whole, so the indentation
 * (a third of the bytes and half the serialising time on a 1,000-article
 * rebuild) was the largest fixed cost outside the stages. A line per message
 * still greps and diffs by message, and every reader parses it as JSON.
 *
 * Messages a stage said again from its cache with their text
 * (`StageReporter.replaySerialised`) are copied as the bytes kept with them;
 * the others are serialised here. Either way each message is
 * `JSON.stringify(message)`, so the file is the same bytes.
 */
export function writeReport(dir: string, messages: readonly Message[]): void {
  const counts = { info: 0, warning: 0, error: 0 };
  for (const m of messages) counts[m.severity]++;
  const fd = openSync(path.join(dir, 'report.json'), 'w');
  try {
    const out = new ChunkWriter(fd);
    out.text(`${REPORT_START}${JSON.stringify(counts)},"messages":[`);
    const runs = usableRuns(messages, serialisedRunsOf(messages));
    const details = new SharedDetails();
    let next = 0;
    for (let i = 0; i < messages.length; i++) {
      out.text(i === 0 ? '\n' : ',\n');
      const run = runs[next];
      if (run?.start === i) {
        out.bytes(run.bytes);
        i += run.count - 1;
        next++;
        continue;
      }
      details.write(messages[i]!, out);
    }
    out.text(messages.length > 0 ? '\n]}\n' : ']}\n');
    out.flush();
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes messages whose detail object another message already had with that detail's text made
 * once. Clean's messages read back from its cache share their details (a publisher's banner removed
 * from each of its articles: the same text, score and signals, clean/summary-groups.ts), and the
 * detail is most of a message's bytes. A message is written as `JSON.stringify` writes it: its
 * other fields serialised with the detail left out (set to undefined for that call, which
 * `JSON.stringify` skips), then the detail's text where it stood — only when the detail is the
 * message's last field, as every reporter makes it; any other message is serialised whole.
 */
class SharedDetails {
  /** Each detail object seen: null after its first message, its UTF-8 text once a second one has it. */
  private readonly seen = new Map<object, Uint8Array | null>();
  private static readonly encoder = new TextEncoder();

  write(message: Message, out: ChunkWriter): void {
    const detail = message.detail;
    if (detail === undefined || detail === null || typeof detail !== 'object' || typeof (message as { toJSON?: unknown }).toJSON === 'function') return out.text(JSON.stringify(message));
    let bytes = this.seen.get(detail);
    if (bytes === undefined) {
      this.seen.set(detail, null);
      return out.text(JSON.stringify(message));
    }
    let last: string | undefined;
    for (const key in message) last = key;
    if (last !== 'detail' || !Object.hasOwn(message, 'detail')) return out.text(JSON.stringify(message));
    if (bytes === null) this.seen.set(detail, (bytes = SharedDetails.encoder.encode(JSON.stringify(detail))));
    let head: string;
    try {
      (message as { detail?: unknown }).detail = undefined;
      head = JSON.stringify(message);
    } finally {
      message.detail = detail;
    }
    out.text(head.length > 2 ? `${head.slice(0, -1)},"detail":` : '{"detail":');
    out.bytes(bytes);
    out.text('}');
  }
}

/**
 * The runs whose messages are still where they were pushed (the same objects
 * at the run's two ends), in order and not overlapping: anything else (an
 * array someone edited) is serialised from the messages, never trusted.
 */
function usableRuns(messages: readonly Message[], runs: readonly SerialisedRun[]): SerialisedRun[] {
  const usable: SerialisedRun[] = [];
  let end = 0;
  for (const run of runs) {
    if (run.start < end || messages[run.start] !== run.first || messages[run.start + run.count - 1] !== run.last) continue;
    usable.push(run);
    end = run.start + run.count;
  }
  return usable;
}

const CHUNK_BYTES = 1 << 22;

/**
 * Encodes text into one reused buffer of a few MB, written out when full.
 * `TextEncoder.encodeInto` of each message's string, not `Buffer.from` of a
 * concatenated megabyte: news text is rarely Latin-1, and V8 encoded those
 * (two-byte) concatenations ~15× slower (a year's 144 MB report: 1.37 s
 * against 0.09 s, measured on its real messages).
 */
class ChunkWriter {
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private static readonly encoder = new TextEncoder();

  constructor(private readonly fd: number) {}

  text(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (text.length * 3 > CHUNK_BYTES - this.used) {
      this.flush();
      if (text.length * 3 > CHUNK_BYTES) {
        writeAll(this.fd, Buffer.from(text));
        return;
      }
    }
    this.used += ChunkWriter.encoder.encodeInto(text, this.buffer.subarray(this.used)).written;
  }

  bytes(bytes: Uint8Array): void {
    if (bytes.length > CHUNK_BYTES - this.used) {
      this.flush();
      if (bytes.length > CHUNK_BYTES) {
        writeAll(this.fd, bytes);
        return;
      }
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  flush(): void {
    writeAll(this.fd, this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

/** `writeSync` may write part of a buffer; the rest is written until none is left. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}
