/**
 * Candidate pairs of articles (a < b) with their cosine, as three parallel
 * typed arrays. A year has ~2 million of them; as `[a, b, cosine]` tuples
 * they were ~70 bytes each (an array and its elements, every one a heap
 * object the collector copies and marks), ~150 MB that lived through the
 * pair search, duplicates and clustering. Here: 16 bytes a pair, three
 * objects in all.
 */
import { radixOrder } from '../common/radix.ts';

export class PairList {
  a: Int32Array;
  b: Int32Array;
  score: Float64Array;
  length = 0;

  constructor(capacity = 256) {
    this.a = new Int32Array(Math.max(capacity, 16));
    this.b = new Int32Array(this.a.length);
    this.score = new Float64Array(this.a.length);
  }

  static of(tuples: ReadonlyArray<readonly [number, number, number]>): PairList {
    const list = new PairList(tuples.length);
    for (const [a, b, score] of tuples) list.push(a, b, score);
    return list;
  }

  push(a: number, b: number, score: number): void {
    if (this.length === this.a.length) this.grow(this.length * 2);
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.score[this.length++] = score;
  }

  /** The pairs as tuples (tests, benchmarks, small lists). */
  toArray(): Array<[number, number, number]> {
    return Array.from({ length: this.length }, (_, k) => [this.a[k]!, this.b[k]!, this.score[k]!]);
  }

  /** Whether every pair comes after the one before in (a, b) order. */
  isOrdered(): boolean {
    for (let k = 1; k < this.length; k++) if (this.a[k]! < this.a[k - 1]! || (this.a[k] === this.a[k - 1] && this.b[k]! <= this.b[k - 1]!)) return false;
    return true;
  }

  /** A new list of these pairs in (a, b) order (pairs equal in both keep their order). */
  sorted(): PairList {
    const a = this.a.subarray(0, this.length);
    const order = radixOrder(a, radixOrder(this.b.subarray(0, this.length)));
    const out = new PairList(this.length);
    for (let k = 0; k < this.length; k++) {
      const p = order[k]!;
      out.push(this.a[p]!, this.b[p]!, this.score[p]!);
    }
    return out;
  }

  /** `x` then `y`. */
  static concat(x: PairList, y: PairList): PairList {
    const out = new PairList(x.length + y.length);
    out.append(x);
    out.append(y);
    return out;
  }

  /** Two lists in (a, b) order as one, in that order (`x` itself when `y` is empty); equal pairs: `x`'s first. */
  static merge(x: PairList, y: PairList): PairList {
    if (y.length === 0) return x;
    // A copy of `x` with room for `y`, which `mergeFrom` fills: one merge rule, in `mergeFrom`.
    const out = new PairList(x.length + y.length);
    out.append(x);
    return out.mergeFrom(y);
  }

  /**
   * Merges `y` (in (a, b) order) into this list (in that order), in place: from the back, into
   * the room past this list's pairs — grown once if there is not enough; equal pairs: this
   * list's first. Into a list sized for both (dedupe/pair-cache.ts `reuseSimilar`), no third list
   * is made: at a year's ~2 M pairs that was 32 MB of fresh memory and a copy of every pair.
   */
  mergeFrom(y: PairList): this {
    if (y.length === 0) return this;
    if (this.length + y.length > this.a.length) this.grow(this.length + y.length);
    let i = this.length - 1;
    let j = y.length - 1;
    let k = this.length + y.length - 1;
    // Once y is used up, this list's remaining pairs are already in place.
    while (j >= 0) {
      const fromThis = i >= 0 && (this.a[i]! > y.a[j]! || (this.a[i] === y.a[j] && this.b[i]! > y.b[j]!));
      if (fromThis) {
        this.a[k] = this.a[i]!;
        this.b[k] = this.b[i]!;
        this.score[k--] = this.score[i--]!;
      } else {
        this.a[k] = y.a[j]!;
        this.b[k] = y.b[j]!;
        this.score[k--] = y.score[j--]!;
      }
    }
    this.length += y.length;
    return this;
  }

  private append(other: PairList): void {
    if (this.length + other.length > this.a.length) this.grow(this.length + other.length);
    this.a.set(other.a.subarray(0, other.length), this.length);
    this.b.set(other.b.subarray(0, other.length), this.length);
    this.score.set(other.score.subarray(0, other.length), this.length);
    this.length += other.length;
  }

  private grow(capacity: number): void {
    const a = new Int32Array(capacity);
    const b = new Int32Array(capacity);
    const score = new Float64Array(capacity);
    a.set(this.a.subarray(0, this.length));
    b.set(this.b.subarray(0, this.length));
    score.set(this.score.subarray(0, this.length));
    [this.a, this.b, this.score] = [a, b, score];
  }
}
