import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { createRequire } from 'node:module';
import { noCache, type StageCache } from '../common/cache.ts';
import { sha256 } from '../common/hash.ts';
import type { StageReporter } from '../common/report.ts';
import type { ArchiveView, EditionView } from './view.ts';

/**
 * Templates live in one folder an editor can change without touching code:
 *
 *   email.mjml          the email (MJML; Handlebars inside), mj-include's partials/*.mjml
 *   email.txt.hbs       the plain-text part
 *   web.hbs             the web version of an edition
 *   archive.hbs         out/index.html
 *   feed-item.hbs       the HTML content of a feed item
 *   partials/*.hbs      Handlebars partials ({{> sources}}), shared by all of the above
 *
 * The MJML is compiled to HTML ONCE per template set (it is the expensive
 * part), leaving the Handlebars expressions in place; each edition is then a
 * cheap Handlebars render. Article data therefore never passes through the
 * MJML parser: `<mj-text>` in a headline can only ever be text.
 */
export interface TemplateSet {
  dir: string;
  email(view: EditionView): string;
  text(view: EditionView): string;
  web(view: EditionView): string;
  archive(view: ArchiveView): string;
  feedItem(view: EditionView): string;
}

/** A template failed while rendering (a misspelt variable, a missing partial). */
export class TemplateRenderError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number | null,
  ) {
    super(message);
  }
}

const REQUIRED = ['email.mjml', 'email.txt.hbs', 'web.hbs', 'archive.hbs', 'feed-item.hbs'] as const;

/** The templates shipped with Briefing, used when the project has no `templates/` folder. */
export const BUNDLED_TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));

/** The mjml version is part of the disk-cache key: another mjml may compile differently. */
const MJML_VERSION = (createRequire(import.meta.url)('mjml/package.json') as { version: string }).version;

/** Compiled template sets by content hash: a year of editions compiles the MJML once. */
const compiled = new Map<string, TemplateSet>();

/** Forgets compiled templates (benchmarks measure a cold compile with it). */
export function clearTemplateCache(): void {
  compiled.clear();
}

interface SourceFile {
  /** Path relative to the templates folder (`partials/story.mjml`). */
  name: string;
  absolute: string;
  text: string;
}

function readSources(dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(name);
      else if (/\.(mjml|hbs)$/.test(entry.name)) {
        const absolute = path.join(dir, name);
        files.push({ name, absolute, text: readFileSync(absolute, 'utf8') });
      }
    }
  };
  walk('');
  return files;
}

/** Resolves the configured folder; the default falls back to the bundled templates. */
export function templatesDir(configured: string, cwd: string): string | null {
  const dir = path.resolve(cwd, configured);
  if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  if (configured === 'templates') return BUNDLED_TEMPLATES;
  return null;
}

/**
 * Loads, checks and compiles the templates in `dir`. Every problem is reported
 * as a `render/template` error naming the template file and line; returns null
 * when there was any.
 */
export async function loadTemplates(dir: string, report: StageReporter, cwd: string, cache: StageCache = noCache): Promise<TemplateSet | null> {
  const shown = (absolute: string): string => path.relative(cwd, absolute) || absolute;
  let sources: SourceFile[];
  try {
    sources = readSources(dir);
  } catch (error) {
    report.error({ ruleId: 'render/template', reason: `cannot read the templates folder: ${(error as Error).message}`, file: shown(dir) });
    return null;
  }
  const key = sha256(dir, ...sources.flatMap((s) => [s.name, s.text]));
  const cached = compiled.get(key);
  if (cached) return cached;

  let ok = true;
  const fail = (file: string, line: number | null, reason: string): void => {
    ok = false;
    report.error({ ruleId: 'render/template', reason, file, line });
  };
  for (const name of REQUIRED) {
    if (!sources.some((s) => s.name === name)) fail(shown(path.join(dir, name)), null, `template ${name} is missing from ${shown(dir)}`);
  }
  // Handlebars syntax is checked on the files as written, so errors carry their real line.
  for (const source of sources) {
    try {
      Handlebars.parse(source.text);
    } catch (error) {
      const { line, reason } = handlebarsErrorPlace(error as Error);
      fail(shown(source.absolute), line, `Handlebars syntax error: ${reason}`);
    }
  }
  if (!ok) return null;

  const byName = new Map(sources.map((s) => [s.name, s]));
  const hb = Handlebars.create();
  for (const source of sources) {
    if (source.name.startsWith('partials/') && source.name.endsWith('.hbs')) {
      hb.registerPartial(path.basename(source.name, '.hbs'), source.text);
    }
  }

  // Only MJML that passed strict validation is cached, so a hit needs no re-validation.
  const mjmlKey = sha256('render/mjml', MJML_VERSION, ...sources.filter((s) => s.name.endsWith('.mjml')).flatMap((s) => [s.name, s.text]));
  let emailHtml = cache.get<string>(mjmlKey) ?? null;
  if (emailHtml === null) {
    emailHtml = await compileMjml(byName.get('email.mjml')!, dir, (file, line, reason) => fail(shown(file), line, reason));
    if (emailHtml === null || !ok) return null;
    cache.set(mjmlKey, emailHtml);
  }

  const compile = <V>(name: string, text: string, noEscape = false): ((view: V) => string) => {
    const template = hb.compile<V>(text, { strict: true, noEscape });
    const file = byName.get(name)!.absolute;
    return (view: V) => {
      try {
        return template(view);
      } catch (error) {
        const place = locateRenderError(error as Error, sources) ?? { file, line: null };
        // "x" not defined in [object Object] - 200:24: the object and the position in compiled HTML help nobody.
        const reason = (error as Error).message.replace(/"([^"]+)" not defined in \[object Object\](?: - \d+:\d+)?/, 'unknown variable "$1"');
        throw new TemplateRenderError(`template ${name}: ${reason}`, shown(place.file), place.line);
      }
    };
  };
  const set: TemplateSet = {
    dir,
    email: compile<EditionView>('email.mjml', emailHtml),
    text: compile<EditionView>('email.txt.hbs', byName.get('email.txt.hbs')!.text, true),
    web: compile<EditionView>('web.hbs', byName.get('web.hbs')!.text),
    archive: compile<ArchiveView>('archive.hbs', byName.get('archive.hbs')!.text),
    feedItem: compile<EditionView>('feed-item.hbs', byName.get('feed-item.hbs')!.text),
  };
  // A long-running preview recompiles on every template edit: keep only the recent sets.
  if (compiled.size >= 8) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, set);
  return set;
}

/**
 * MJML → HTML at `strict` validation, Handlebars expressions left in place.
 * Validation errors name the file they are in (a partial included with
 * mj-include, or the main template) and its line.
 */
async function compileMjml(main: SourceFile, dir: string, fail: (file: string, line: number | null, reason: string) => void): Promise<string | null> {
  try {
    const result = await mjml2html(main.text, {
      validationLevel: 'strict',
      filePath: main.absolute,
      includePath: dir,
      // mjml 5 ignores mj-include unless told otherwise.
      ignoreIncludes: false,
      keepComments: false,
      // No web fonts: nothing external may load in the email.
      fonts: {},
    } as Parameters<typeof mjml2html>[1]);
    // mj-include that is denied or unreadable is not a validation error in mjml: catch it here.
    const denied = /<!-- mj-include (denied|fails to read file[^>]*)-->/.exec(result.html);
    if (denied) {
      fail(main.absolute, lineOf(main.text, /<mj-include[^>]*>/), `mj-include ${denied[1]!.trim()} (partials must be inside the templates folder)`);
      return null;
    }
    // Indentation is a third of mjml's output and means nothing in HTML (there is
    // no <pre> in an email): drop it once here, to stay far from Gmail's 102 KB clip.
    return result.html.replace(/^[ \t]+/gm, '').replace(/\n{2,}/g, '\n');
  } catch (error) {
    const errors = (error as { errors?: { line?: number; message: string; formattedMessage?: string }[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      for (const e of errors) {
        const place = /^Line (\d+) of (.+?)(?:, included at| \(|$)/.exec(e.formattedMessage ?? '');
        let file = place?.[2] ?? main.absolute;
        // For the main template mjml names the folder, not the file.
        if (!file.endsWith('.mjml')) file = main.absolute;
        fail(file, e.line ?? (place ? Number(place[1]) : null), `MJML: ${e.message}`);
      }
    } else {
      fail(main.absolute, null, `MJML: ${(error as Error).message}`);
    }
    return null;
  }
}

function lineOf(text: string, pattern: RegExp): number | null {
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : null;
}

/** Handlebars parse errors say "Parse error on line N:"; lexer errors carry `lineNumber`. */
function handlebarsErrorPlace(error: Error): { line: number | null; reason: string } {
  const fromMessage = /on line (\d+)/.exec(error.message);
  const lineNumber = (error as { lineNumber?: number }).lineNumber;
  const line = fromMessage ? Number(fromMessage[1]) : typeof lineNumber === 'number' ? lineNumber : null;
  return { line, reason: error.message.replace(/\s+/g, ' ').trim() };
}

/**
 * A strict-mode render error names the missing variable but, for the compiled
 * MJML or a partial, not a useful place: find the first template line that
 * uses it.
 */
function locateRenderError(error: Error, sources: SourceFile[]): { file: string; line: number | null } | null {
  const name = /"([^"]+)" not defined/.exec(error.message)?.[1] ?? /partial (\S+) could not be found/.exec(error.message)?.[1];
  if (!name) return null;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`\\{\\{[^}]*(?<![\\w.])${escaped}(?![\\w])`);
  for (const source of sources) {
    const line = lineOf(source.text, pattern);
    if (line !== null) return { file: source.absolute, line };
  }
  return null;
}
