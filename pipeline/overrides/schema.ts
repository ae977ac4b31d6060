import { z } from 'zod';

/**
 * The per-edition override file `content/editions/YYYY-MM-DD.yaml`: what an
 * editor changed by hand or from the preview. Files are read with YAML's
 * failsafe schema (every scalar a string), so ids such as `012345` keep their
 * leading zero and a headline such as `2025` stays text; booleans are accepted
 * as true/false/yes/no/on/off here.
 */

const truthy = new Set(['true', 'yes', 'on']);
const falsy = new Set(['false', 'no', 'off', '']);

const flag = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const lower = value.trim().toLowerCase();
  if (truthy.has(lower)) return true;
  if (falsy.has(lower)) return false;
  return value;
}, z.boolean({ error: 'expected true or false' }));

/** A story or article id as written (non-empty, no surrounding spaces). */
const id = z.string().trim().min(1, { error: 'expected an id' });

/** Text an editor writes: trimmed; empty means "not set". */
const text = z.string().transform((value) => value.trim());

export const storyOverrideSchema = z
  .object({
    /** Leave the story out of the edition (email, web page, feeds). */
    hide: flag.optional(),
    /** Put the story at the top, marked `pinned` in edition.json. */
    pin: flag.optional(),
    /** Replace the generated headline (at most 100 characters, like generated ones). */
    headline: text.pipe(z.string().max(100, { error: 'a headline has at most 100 characters' })).optional(),
    /** Replace the generated summary (plain text). */
    summary: text.optional(),
  })
  .strict();

/**
 * A paragraph the clean stage dropped that the editor wants kept: the same
 * entries as config `clean.keep` — a piece of its text (any article), or
 * `{file, text?}` for one input file (path as messages show it; without
 * `text` nothing in that file is removed).
 */
export const keepSchema = z.union([
  z.string().trim().min(1, { error: 'expected the text of the paragraph to keep' }),
  z
    .object({
      file: z.string().trim().min(1, { error: 'expected the input file, e.g. content/a.txt' }),
      text: z.string().trim().min(1, { error: 'expected the text of the paragraph to keep' }).optional(),
    })
    .strict(),
]);

export const editionOverridesSchema = z
  .object({
    /** The editor has checked this edition; `deliver.requireApproval` sends only approved editions. */
    approved: flag.optional(),
    /**
     * Fingerprint of the edition as it was approved (written by the preview).
     * When the edition no longer matches it, the approval lapses with a warning.
     * Absent (a hand-written approval): the approval holds whatever changes.
     */
    approvedHash: z.string().trim().regex(/^[0-9a-f]{16}$/, { error: 'expected the 16-digit fingerprint the preview writes' }).optional(),
    /** An editor's note shown at the top of the edition. */
    note: text.optional(),
    /** Story ids in the order they should appear; stories not listed follow in their generated order. */
    order: z.array(id).optional(),
    /** Per-story changes, keyed by story id. */
    stories: z.record(z.string(), storyOverrideSchema.nullable().transform((value) => value ?? {})).optional(),
    /** Article ids to take out of their story into a story of their own. */
    split: z.array(id).optional(),
    /** Groups of story ids to make one story; the first id is kept. */
    merge: z.array(z.array(id).min(2, { error: 'a merge names at least two stories' })).optional(),
    /** Paragraphs the clean stage removed that should be kept. */
    keep: z.array(keepSchema).optional(),
  })
  .strict();

export type StoryOverride = z.infer<typeof storyOverrideSchema>;
export type KeepOverride = z.infer<typeof keepSchema>;
export type EditionOverrides = z.infer<typeof editionOverridesSchema>;
/** What the file may contain before validation (what the preview writes). */
export type EditionOverridesInput = z.input<typeof editionOverridesSchema>;
