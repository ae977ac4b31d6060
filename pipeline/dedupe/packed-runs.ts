import { ownBuffer } from './base64.ts';

/**
 * A cache value made of typed arrays in bulk and a small JSON header, as bytes
 * (`DiskCache.setBytes`): the arrays are stored as raw runs, so reading one back
 * is a copy, where JSON with base64 inside cost a UTF-8 decode of the whole
 * entry, a parse and a base64 decode (and writing it the reverse) — at a year,
 * the pair cache's ~60 MB were read and written so on every new day.
 *
 * Layout: `magic` (u32), the header's byte length (u32), the number of runs
 * (u32) and each run's byte length (u32 each); the header as UTF-8 JSON; then
 * the runs, each starting at a multiple of 8 (any typed array can view it).
 * Little-endian, as the machine that wrote it: the cache is local.
 */
export interface UnpackedRuns<H> {
  header: H;
  /** Each run in a buffer of its own: aligned, and not keeping the stored bytes alive. */
  runs: ArrayBuffer[];
}

const ALIGN = 8;

export function packRuns(magic: number, header: unknown, runs: readonly ArrayBufferView[]): Uint8Array {
  const text = Buffer.from(JSON.stringify(header));
  const preamble = 12 + 4 * runs.length;
  let at = align(preamble + text.length);
  const starts = runs.map((run) => {
    const start = at;
    at = align(at + run.byteLength);
    return start;
  });
  const bytes = Buffer.alloc(at);
  bytes.writeUInt32LE(magic, 0);
  bytes.writeUInt32LE(text.length, 4);
  bytes.writeUInt32LE(runs.length, 8);
  runs.forEach((run, k) => {
    bytes.writeUInt32LE(run.byteLength, 12 + 4 * k);
    bytes.set(new Uint8Array(run.buffer, run.byteOffset, run.byteLength), starts[k]!);
  });
  text.copy(bytes, preamble);
  return bytes;
}

/**
 * The header and runs `packRuns` stored, or undefined for bytes of another layout or cut short
 * (the store's checksum has already caught damage; this catches a value of another kind).
 */
export function unpackRuns<H>(bytes: Uint8Array, magic: number): UnpackedRuns<H> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || view.getUint32(0, true) !== magic) return undefined;
  const headerLength = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const preamble = 12 + 4 * count;
  if (preamble > bytes.length) return undefined;
  let at = align(preamble + headerLength);
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k < count; k++) {
    const length = view.getUint32(12 + 4 * k, true);
    ranges.push([at, at + length]);
    at = align(at + length);
  }
  if (at !== bytes.length) return undefined;
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + preamble, headerLength).toString('utf8')) as H;
  return { header, runs: ranges.map(([from, to]) => ownBuffer(bytes.subarray(from, to))) };
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
