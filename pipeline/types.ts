/**
 * The data that flows through Briefing's stages.
 *
 *   ingest    files/feeds      → Article[]  (raw text or HTML, stated metadata)
 *   clean     Article[]        → Article[]  (main text only, paragraphs, removals)
 *   dedupe    Article[]        → Story[]    (duplicates folded, reports grouped, dates)
 *   summarise Story[]          → Edition[]  (one per date, headlines and summaries)
 *   render    Edition[]        → files in out/
 *   deliver   Edition + list   → sent mail, recorded in the ledger
 *
 * Every stage also reports what it decided and what went wrong as `Message`s;
 * the CLI prints them, `out/report.json` keeps them, the preview shows them.
 */

export type StageName =
  | 'config'
  | 'ingest'
  | 'clean'
  | 'dedupe'
  | 'summarise'
  | 'render'
  | 'deliver'
  | 'schedule'
  | 'build'
  | 'preview';

export type Severity = 'info' | 'warning' | 'error';

/**
 * One decision or problem, shaped like a vfile message: a place in the input,
 * a stable rule id (`clean/promo`, `dedupe/near-duplicate`, `ingest/bad-date`)
 * and a human reason. `info` messages are decisions (a paragraph dropped, two
 * articles folded); `warning`s are bad input the run survived; `error`s fail
 * the run (exit 1) — `--strict` promotes warnings to errors.
 */
export interface Message {
  /** Path of the input the message is about, relative to the working directory where possible. */
  file: string | null;
  /** 1-based line in that file, when the problem has one. */
  line: number | null;
  column?: number;
  stage: StageName;
  ruleId: string;
  severity: Severity;
  reason: string;
  /** The article the message concerns, when there is one. */
  articleId?: string;
  /** Structured evidence: removed text, scores, shared names… JSON-serialisable. */
  detail?: Record<string, unknown>;
}

/** Where an article came from, so every later message can point back to it. */
export interface Origin {
  /** File path (relative to the working directory) or feed URL/file. */
  file: string;
  /** Line where the article starts (JSONL records, feed items when known). */
  line?: number;
  /** The record's own id (`.json`/`.jsonl`) or the feed item's guid/link. */
  recordId?: string;
  /** For feed items: the feed they came from. */
  feed?: string;
}

export type InputFormat = 'txt' | 'md' | 'html' | 'json' | 'feed';

/** How a date was established — every date says where it came from. */
export type DateSource =
  | 'front-matter'
  | 'record'
  | 'feed'
  | 'email'
  | 'json-ld'
  | 'meta'
  | 'time-element'
  | 'url'
  | 'date-line'
  | 'dateline'
  | 'text'
  | 'story'
  | 'editor';

export type ParagraphType = 'paragraph' | 'heading' | 'quote' | 'list' | 'table';

export interface Paragraph {
  type: ParagraphType;
  text: string;
  /** 1-based line in the source file where the paragraph starts, when known. */
  line?: number;
}

/** A piece of furniture the clean stage dropped, and why. */
export interface Removal {
  ruleId: string;
  reason: string;
  text: string;
  line?: number;
}

export interface Article {
  /**
   * Stable id: the record's `id` for JSON/JSONL, the feed item's guid for feeds,
   * else the file path relative to the content folder without its extension.
   */
  id: string;
  origin: Origin;
  format: InputFormat;
  /** The body as ingested: plain text, Markdown or HTML. Cleaning reads this. */
  raw: string;
  /** sha256 of everything that determines this article's per-article work. */
  hash: string;

  title: string | null;
  /** `YYYY-MM-DD` in the configured timezone, when stated by the source. */
  date: string | null;
  dateSource: DateSource | null;
  author: string | null;
  publisher: string | null;
  url: string | null;
  language: string | null;

  /** Filled by clean: the article's own paragraphs, furniture removed. */
  paragraphs: Paragraph[];
  /** Filled by clean: paragraphs joined by blank lines. */
  text: string;
  /** Filled by clean: what was dropped and why. */
  removed: Removal[];
  /**
   * Filled by clean: sha256 of `paragraphs` (each one's type and text, see
   * `paragraphsHash` in pipeline/clean/paragraphs-hash.ts), kept with clean's cached
   * decision, so a later stage can key its cache on the cleaned text without
   * hashing it again on every build. Whoever changes `paragraphs` afterwards
   * must delete it (a stage that finds none hashes the paragraphs itself).
   */
  paragraphsHash?: string;
  /**
   * Filled by clean: `paragraphs.length` and `removed.length`. An article whose
   * decision clean read from its cache comes with `paragraphs`, `text` and
   * `removed` loaded only when first read (pipeline/clean/lazy-body.ts): a stage
   * that needs only how many there are reads these and loads nothing.
   */
  paragraphCount?: number;
  removedCount?: number;
}

export type StoryRole = 'canonical' | 'related' | 'duplicate';

export interface StoryMember {
  articleId: string;
  role: StoryRole;
  /** For `duplicate`: the article this one copies. */
  duplicateOf?: string;
  /** Similarity to the article it was joined to (1 for the canonical article). */
  similarity: number;
  publisher: string | null;
}

export interface Story {
  /** Stable across runs: derived from the content of its articles, not from order. */
  id: string;
  /** `YYYY-MM-DD`, or null when no source dates any of its articles. */
  date: string | null;
  dateSource: DateSource | null;
  articles: StoryMember[];
  /** Human-readable reasons for every grouping and fold. */
  reasons: string[];
  /**
   * Set by summarise on a later day's part of a story (`pipeline/summarise/day-parts.ts`): the
   * reports of its earlier days, whose news earlier editions carried. Dedupe never sets it.
   */
  earlier?: string[];
}

/** One sentence of a summary, traced to its source. */
export interface SummarySentence {
  text: string;
  articleId: string;
  /** 0-based sentence index within its article's cleaned text. */
  index: number;
}

/** A source of a story as readers see it ("also reported by"). */
export interface StorySource {
  articleId: string;
  title: string | null;
  publisher: string | null;
  url: string | null;
  file: string;
  role: StoryRole;
  date: string | null;
}

export interface EditionStory {
  id: string;
  headline: string;
  summary: string;
  sentences: SummarySentence[];
  sources: StorySource[];
  date: string;
  /**
   * The language its lead source states it is written in (a BCP 47 tag, "de", "fr-FR"), when one does, else the one its
   * text is clearly in (common/language-guess.ts): the web page and the e-mail mark a story in another language than the
   * briefing's, so that screen readers read it in its own.
   */
  language?: string;
  /** True when an editor pinned it. */
  pinned?: boolean;
}

export interface Edition {
  /** `YYYY-MM-DD` in the configured timezone. */
  date: string;
  timezone: string;
  /** Optional note an editor puts at the top. */
  note?: string;
  approved?: boolean;
  stories: EditionStory[];
  /** Stories beyond the per-edition limit, listed by headline. */
  more: { id: string; headline: string }[];
}

/** Everything a build produced, before rendering. */
export interface PipelineResult {
  articles: Article[];
  stories: Story[];
  editions: Edition[];
  messages: Message[];
}
