import { z } from 'zod';

/**
 * The dedupe stage's section of the config. Every threshold is documented in
 * `pipeline/dedupe/README.md` ("Tuning"), with what raising or lowering it does.
 */
export const dedupeConfigSchema = z
  .object({
    /** Words per shingle for near-duplicate detection (word n-grams). */
    shingleSize: z.number().int().min(1).max(10).default(3),
    /** MinHash signature length; more is more accurate and slower. */
    minhashSize: z.number().int().min(16).max(1024).default(128),
    /** Jaccard similarity of word shingles at or above which two articles are near-duplicates. */
    nearDuplicateThreshold: z.number().min(0).max(1).default(0.5),
    /** Words a quotation shared by two articles must span to count as evidence of a common origin. */
    minQuoteWords: z.number().int().min(3).default(8),
    /** Content-word similarity (Dice) at or above which two sentences are "the same sentence" when aligning articles. */
    sentenceSimilarity: z.number().min(0).max(1).default(0.5),
    /**
     * Share of the shorter article's sentences that must align, in order, with the other's
     * for a rewritten wire copy (same origin). With at least one shared long quotation the
     * lower `sameOriginShareWithQuotes` is enough.
     */
    sameOriginShare: z.number().min(0).max(1).default(0.5),
    sameOriginShareWithQuotes: z.number().min(0).max(1).default(0.3),
    /** Minimum number of aligned sentences for a same-origin copy, whatever the share. */
    sameOriginMinSentences: z.number().int().min(1).default(3),
    /** Average cosine (background-weighted words + names, see word-weights.ts) at or above which two groups of articles are one story. */
    storyThreshold: z.number().min(0).max(1).default(0.23),
    /**
     * A group of articles that no source dates joins its most similar dated story at this
     * lower bar (else it would be kept out of every edition). Set it to `storyThreshold` to
     * treat undated articles like any other.
     */
    undatedThreshold: z.number().min(0).max(1).default(0.23),
    /** Weight of named people, places and organisations relative to ordinary words in story similarity. */
    nameWeight: z.number().min(0).default(1),
    /** The first this many content words (title and lead) count twice: news states the event first. */
    leadWords: z.number().int().min(0).default(40),
    /** Dated articles more than this many days apart are never one story. */
    windowDays: z.number().int().min(0).default(7),
  })
  .strict();

export type DedupeConfig = z.infer<typeof dedupeConfigSchema>;
