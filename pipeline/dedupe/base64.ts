/** Typed arrays as base64 strings, for cache entries: far faster to parse than JSON number arrays. */

type Typed = Uint32Array | Int32Array | Float32Array | Float64Array;

/** The array's bytes in the machine's byte order (little-endian in practice; the cache is local). */
export function toBase64(array: Typed): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** A fresh, aligned buffer (Buffer.from may hand out an unaligned slice of a shared pool). */
export function fromBase64(text: string): ArrayBuffer {
  return ownBuffer(Buffer.from(text, 'base64'));
}

/**
 * The bytes copied into a buffer of their own: aligned for any typed array, and not keeping
 * alive what they were a view of (a Buffer's `slice` would be such a view, at any offset).
 */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}
