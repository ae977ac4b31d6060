/**
 * Twins: articles dedupe cannot tell apart but by their ids — the same title, text and
 * paragraphs (one feature-cache key) and the same day. n copies of one press release on one day
 * were n² similar pairs (4,000 copies: 8 M pairs, 15–45 s of dedupe), each saying what one
 * pair says.
 *
 * The similar-pair search runs over one article of each twin class (its lead, the first by
 * index), and each other twin gets one pair, with its lead (left out too, like every pair within
 * a group of copies, when the twins are one: index.ts). Later steps get what they got from
 * every pair:
 *
 * - Twins are one group of copies once the exact and near steps have run: the exact step folds
 *   them (or refuses every one of them, when their text's first copy is dated too far away;
 *   then the near step folds them: identical signatures, Jaccard 1, one day, and what refuses
 *   one refuses all). Articles too short for a signature are never twins, so this holds.
 * - Clustering and story components read pairs to learn which groups meet: a twin's group is
 *   its lead's, so (twin, x) says what (lead, x) says.
 * - The same-origin step decides pairs in (a, b) order and aligns a's sentences with b's, so a
 *   pair's answer depends on which of its articles comes first. Of the pairs between two twin
 *   classes (a lone article is a class of one), all with one class first are aligned alike:
 *   the first of them in that order decides, and the others find the classes already one
 *   group or fail as it did (a date refusal never lifts). `reversed` gives the first with the
 *   other class first, when there is one; the lead pair is the first of its kind.
 * - The undated–dated search counts the dated articles that have each feature (vectors.ts,
 *   `COMMON_FEATURE`): a lead counts as its whole class (`overLeads`).
 */
import type { ArticleFeatures } from './features.ts';
import { PairList } from './pair-list.ts';
import { cosine, type SimilarPairOptions, type SparseVector } from './vectors.ts';

/** What twins are found by: a key of everything dedupe reads of an article but its id and dates (the feature-cache key), and whether it has words and a signature. */
export type TwinFeatures = Pick<ArticleFeatures, 'words' | 'signature'> & { identity: string };

export class Twins {
  /** Each article's lead: the first article (by index) it is a twin of, or itself. */
  readonly lead: Int32Array;
  /** The leads, ascending; null when no article has a twin (then nothing is mapped). */
  readonly leads: Int32Array | null;
  /** Each lead with twins: its class, ascending. */
  private readonly classes = new Map<number, number[]>();

  constructor(docs: readonly TwinFeatures[], day: (i: number) => number | null) {
    const n = docs.length;
    this.lead = new Int32Array(n);
    // By identity alone first: most identities occur once, and a key with the day made for
    // every article was half the cost at 100,000. Copies on other days: by identity and day.
    const firstOf = new Map<string, number>();
    const leadOf = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      this.lead[i] = i;
      const doc = docs[i]!;
      if (doc.words === 0 || !doc.signature) continue;
      const first = firstOf.get(doc.identity);
      if (first === undefined) {
        firstOf.set(doc.identity, i);
        continue;
      }
      let lead: number | undefined = first;
      if (day(first) !== day(i)) {
        const key = `${doc.identity} ${day(i)}`;
        lead = leadOf.get(key);
        if (lead === undefined) {
          leadOf.set(key, i);
          continue;
        }
      }
      this.lead[i] = lead;
      const members = this.classes.get(lead);
      if (members) members.push(i);
      else this.classes.set(lead, [lead, i]);
    }
    this.leads = this.classes.size === 0 ? null : Int32Array.from(this.lead.filter((l, i) => l === i));
  }

  isLead(i: number): boolean {
    return this.lead[i] === i;
  }

  /**
   * A pair search's input restricted to the leads (as given when no article has a twin): its
   * pairs are of lead numbers, which `renumber` turns into articles.
   */
  overLeads(vectors: readonly SparseVector[], options: SimilarPairOptions): { vectors: readonly SparseVector[]; options: SimilarPairOptions } {
    const leads = this.leads;
    if (!leads) return { vectors, options };
    const apart = options.apart;
    return {
      vectors: Array.from(leads, (i) => vectors[i]!),
      options: {
        ...options,
        day: (k) => options.day(leads[k]!),
        apart: apart && ((a, b) => apart(leads[a]!, leads[b]!)),
        copies: (k) => this.classes.get(leads[k]!)?.length ?? 1,
      },
    };
  }

  /** Pairs of lead numbers (`overLeads`) as pairs of articles, in place: still in (a, b) order, leads being ascending. */
  renumber(pairs: PairList): PairList {
    const leads = this.leads;
    if (leads) for (let k = 0; k < pairs.length; k++) (pairs.a[k] = leads[pairs.a[k]!]!), (pairs.b[k] = leads[pairs.b[k]!]!);
    return pairs;
  }

  /** Marks of articles (`marked`) as marks of lead numbers (`overLeads`). */
  leadMarks(marked: Uint8Array): Uint8Array {
    return this.leads ? Uint8Array.from(this.leads, (i) => marked[i]!) : marked;
  }

  /**
   * Each twin's pair with its lead (of the twins marked in `only`, when given; those `apart`
   * wants), in (a, b) order, scored by `cosine` as the search scores a pair.
   */
  leadPairs(vectors: readonly SparseVector[], { threshold, apart }: Pick<SimilarPairOptions, 'threshold' | 'apart'>, only?: Uint8Array): PairList {
    const list = new PairList();
    const leads = [...this.classes.keys()].sort((x, y) => x - y);
    for (const lead of leads) {
      const cos = cosine(vectors[lead]!, vectors[lead]!);
      if (cos < threshold) continue;
      for (const twin of this.classes.get(lead)!) if (twin !== lead && (!only || only[twin]) && (!apart || apart(lead, twin))) list.push(lead, twin, cos);
    }
    return list;
  }

  /**
   * For the pair of two leads a < b (or a lead and a lone article): the first pair, in (a, b)
   * order, of their classes with b's class first — (b, the first of a's class after b) — or null
   * when a's class has no article after b.
   */
  reversed(a: number, b: number): readonly [number, number] | null {
    const members = this.classes.get(a);
    if (!members || members[members.length - 1]! < b) return null;
    let low = 0;
    let high = members.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (members[mid]! < b) low = mid + 1;
      else high = mid;
    }
    return [b, members[low]!];
  }
}
