import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packRuns, unpackRuns } from '../../pipeline/dedupe/packed-runs.ts';

const MAGIC = 0x31545354;

/** Typed arrays of the kinds the caches store, from a few elements to none. */
const run = fc.oneof(
  fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 40 }).map((xs) => Int32Array.from(xs)),
  fc.array(fc.nat(), { maxLength: 40 }).map((xs) => Uint32Array.from(xs)),
  fc.array(fc.double({ noNaN: true }), { maxLength: 40 }).map((xs) => Float64Array.from(xs)),
  fc.uint8Array({ maxLength: 41 }),
);

describe('packed runs', () => {
  it('gives back the header and every run byte for byte, each aligned in a buffer of its own', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(run, { maxLength: 6 }), fc.nat({ max: 7 }), (header, runs, offset) => {
        const packed = packRuns(MAGIC, header, runs);
        // Read from inside a larger buffer at an odd offset, as a pooled Buffer may hand it over.
        const host = new Uint8Array(packed.length + offset);
        host.set(packed, offset);
        const back = unpackRuns(host.subarray(offset), MAGIC)!;
        expect(back.header).toEqual(JSON.parse(JSON.stringify(header)));
        expect(back.runs.length).toBe(runs.length);
        back.runs.forEach((buffer, k) => {
          const given = runs[k]!;
          // Its own buffer (offset 0, so aligned), viewed as the array that was stored.
          expect(buffer).not.toBe(host.buffer);
          const Kind = given.constructor as new (buffer: ArrayBuffer) => typeof given;
          expect(new Kind(buffer)).toEqual(given);
        });
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it('refuses bytes of another layout and bytes cut short', () => {
    const packed = packRuns(MAGIC, { save: 'x' }, [Int32Array.of(1, 2, 3), Float64Array.of(0.5)]);
    expect(unpackRuns(packed, MAGIC + 1)).toBeUndefined();
    for (const cut of [0, 4, 11, 12, 20, packed.length - 8, packed.length - 1]) expect(unpackRuns(packed.subarray(0, cut), MAGIC)).toBeUndefined();
    expect(unpackRuns(packed, MAGIC)?.header).toEqual({ save: 'x' });
  });
});
