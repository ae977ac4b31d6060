import type { Config } from '../config/schema.ts';
import type { Reporter } from '../common/report.ts';
import type { Article, Edition, Story } from '../types.ts';
import { applyEditionOverrides } from './edition.ts';
import { loadOverrides, type OverrideFile } from './load.ts';
import { applyStoryOverrides } from '../dedupe/overrides.ts';

export { applyEditionOverrides } from './edition.ts';
export { editionFingerprint } from './fingerprint.ts';
export { loadOverrides, overrideFilePath, overridesDir, parseOverrides, OVERRIDES_DIR, type OverrideFile } from './load.ts';
export { updateOverrides, readOverrideSource, type OverrideChange } from './write.ts';
export type { EditionOverrides, EditionOverridesInput, StoryOverride } from './schema.ts';

/**
 * Adds the editor's "keep this paragraph" overrides to the clean stage's
 * `clean.keep` list (case-insensitive pieces of paragraph text), so they go
 * through the same mechanism as config and are part of the clean cache key.
 */
export function withKeptParagraphs(config: Config, files: ReadonlyMap<string, OverrideFile>): Config {
  const extra = [...files.values()].flatMap((f) => f.overrides.keep ?? []);
  if (extra.length === 0) return config;
  const seen = new Set(config.clean.keep.map((k) => JSON.stringify(k)));
  const keep = [...config.clean.keep, ...extra.filter((k) => !seen.has(JSON.stringify(k)) && seen.add(JSON.stringify(k)))];
  return { ...config, clean: { ...config.clean, keep } };
}

/** The overrides of one build, as the three points where `runPipeline` applies them. */
export interface OverrideHooks {
  /** The config the clean stage sees (kept paragraphs added). */
  config: Config;
  /** Splits and merges, after dedupe. */
  stories(stories: Story[], articles: Article[]): Story[];
  /** Hide, pin, order, headline, summary, note, approval, after summarise. */
  editions(editions: Edition[]): Edition[];
}

/** Reads `content/editions/*.yaml` once per build; problems are messages of the `preview` stage. */
export function overrideHooks(cwd: string, config: Config, reporter: Reporter): OverrideHooks {
  const report = reporter.for('preview');
  const files = loadOverrides(cwd, config.content, report);
  return {
    config: withKeptParagraphs(config, files),
    // Split and merge belong to the dedupe stage (pipeline/dedupe/overrides.ts), one file at a time so messages name it.
    stories: (stories, articles) =>
      [...files.values()].reduce(
        (current, f) => (f.overrides.split || f.overrides.merge ? applyStoryOverrides(current, { ...(f.overrides.split ? { split: f.overrides.split } : {}), ...(f.overrides.merge ? { merge: f.overrides.merge } : {}), file: f.file }, { config, cwd, report: reporter.for('dedupe') }, articles) : current),
        stories,
      ),
    editions: (editions) => applyEditionOverrides(editions, files, report),
  };
}
