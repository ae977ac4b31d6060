import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type mjml2htmlType from 'mjml';
import { createRequire } from 'node:module';
import { noCache, type StageCache } from '../common/cache.ts';
import { sha256 } from '../common/hash.ts';
import { packageFile } from '../common/package-root.ts';
import { escapeRegExp } from '../common/text.ts';
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
 *
 * What a cold start costs (see README "How it works"): each template is
 * parsed by Handlebars exactly once — the parse is the syntax check — and
 * compiled only when first used. Its compiled JavaScript is kept in the build
 * cache keyed by the template's contents, so a new process with a warm cache
 * runs neither mjml nor the Handlebars compiler.
 */
export interface TemplateSet {
  dir: string;
  /** Hash of every template file (name and contents): part of the per-edition render cache key. */
  hash: string;
  email(view: EditionView): string;
  text(view: EditionView): string;
  web(view: EditionView): string;
  archive(view: ArchiveView): string;
  feedItem(view: EditionView): string;
}

/** A template failed while compiling or rendering (a syntax error, a misspelt variable, a missing partial). */
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
export const BUNDLED_TEMPLATES = packageFile('templates');

/** The mjml version is part of the disk-cache key: another mjml may compile differently. */
const MJML_VERSION = (createRequire(import.meta.url)('mjml/package.json') as { version: string }).version;

/**
 * Bump when what is cached for a template changes (compile options, the
 * clean-up of mjml's output): older entries are then simply not found.
 */
const TEMPLATE_CACHE_VERSION = '2';

/** Versions of everything that turns template files into output; the render cache keys include them. */
export const TEMPLATE_ENGINE = `mjml ${MJML_VERSION}, handlebars ${Handlebars.VERSION}, templates v${TEMPLATE_CACHE_VERSION}`;

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

/** A Handlebars syntax error, placed in the file (absolute path) and line it was written at. */
interface SyntaxProblem {
  file: string;
  line: number | null;
  reason: string;
}

/** A template file as written, parsed by Handlebars: the parse is its syntax check. */
function parseSource(source: SourceFile): { ast: hbs.AST.Program } | { problem: SyntaxProblem } {
  try {
    return { ast: Handlebars.parse(source.text) };
  } catch (error) {
    const { line, reason } = handlebarsErrorPlace(error as Error);
    return { problem: { file: source.absolute, line, reason: `Handlebars syntax error: ${reason}` } };
  }
}

/**
 * Turns precompiled JavaScript (a cache entry or fresh) back into a template
 * of `hb`, as `Handlebars.compile` does with its own output. The cache folder
 * is as trusted as the templates folder next to it; entries carry a checksum,
 * so a damaged one is compiled again, never run.
 */
function instantiate<V>(hb: typeof Handlebars, js: string): HandlebarsTemplateDelegate<V> {
  return hb.template<V>(new Function(`return ${js};`)() as TemplateSpecification);
}

/**
 * Loads and checks the templates in `dir`. Missing templates and MJML
 * problems are reported here as `render/template` errors naming the template
 * file and line (null is returned when there was any); a Handlebars template
 * is parsed and compiled on first use, and a syntax error in it is thrown
 * then as a `TemplateRenderError` with its file and line.
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
  const hash = sha256(...sources.flatMap((s) => [s.name, s.text]));
  const key = sha256(dir, hash);
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
  if (!ok) return null;

  const byName = new Map(sources.map((s) => [s.name, s]));
  const mjmlSources = sources.filter((s) => s.name.endsWith('.mjml'));
  const email = await compileEmail(byName.get('email.mjml')!, mjmlSources, dir, cache, (file, line, reason) => fail(shown(file), line, reason));
  if (email === null || !ok) return null;

  const hb = Handlebars.create();
  /** A template of `hb` compiled on first use from the precompiled JavaScript `make` gives. */
  const onFirstUse = <V>(make: () => string): HandlebarsTemplateDelegate<V> => {
    let template: HandlebarsTemplateDelegate<V> | null = null;
    // Partials are called with the caller's runtime options (data, helpers): pass them on.
    return (view: V, options?: RuntimeOptions) => (template ??= instantiate<V>(hb, make()))(view, options);
  };
  /** A `.hbs` file, parsed once: the AST of the syntax check goes straight to the compiler. */
  const hbsFile = <V>(source: SourceFile, noEscape = false): HandlebarsTemplateDelegate<V> => {
    const key = sha256('render/hbs', TEMPLATE_CACHE_VERSION, Handlebars.VERSION, String(noEscape), source.text);
    // Read now even if this run never uses it (every edition cached): each build finds and drops a damaged entry.
    const hit = cache.get<string>(key);
    return onFirstUse<V>(() => {
      if (hit !== undefined) return hit;
      const parsed = parseSource(source);
      if ('problem' in parsed) throw new TemplateRenderError(parsed.problem.reason, shown(parsed.problem.file), parsed.problem.line);
      const js = String(Handlebars.precompile(parsed.ast, { strict: true, noEscape }));
      cache.set(key, js);
      return js;
    });
  };
  /** What the render stage calls: an error while rendering is a `TemplateRenderError` with a useful place. */
  const entry = <V>(name: string, template: HandlebarsTemplateDelegate<V>): ((view: V) => string) => {
    const file = byName.get(name)!.absolute;
    return (view: V) => {
      try {
        return template(view);
      } catch (error) {
        if (error instanceof TemplateRenderError) throw error;
        const place = locateRenderError(error as Error, sources) ?? { file, line: null };
        // "x" not defined in [object Object] - 200:24: the object and the position in compiled HTML help nobody.
        const reason = (error as Error).message.replace(/"([^"]+)" not defined in \[object Object\](?: - \d+:\d+)?/, 'unknown variable "$1"');
        throw new TemplateRenderError(`template ${name}: ${reason}`, shown(place.file), place.line);
      }
    };
  };

  // Partials are HTML (escaped) and strict, like the templates that include them.
  for (const source of sources) {
    if (source.name.startsWith('partials/') && source.name.endsWith('.hbs')) {
      hb.registerPartial(path.basename(source.name, '.hbs'), hbsFile<unknown>(source) as unknown as Handlebars.Template);
    }
  }
  const file = (name: string): SourceFile => byName.get(name)!;
  const set: TemplateSet = {
    dir,
    hash,
    email: entry('email.mjml', onFirstUse<EditionView>(() => email)),
    text: entry('email.txt.hbs', hbsFile<EditionView>(file('email.txt.hbs'), true)),
    web: entry('web.hbs', hbsFile<EditionView>(file('web.hbs'))),
    archive: entry('archive.hbs', hbsFile<ArchiveView>(file('archive.hbs'))),
    feedItem: entry('feed-item.hbs', hbsFile<EditionView>(file('feed-item.hbs'))),
  };
  // A long-running preview recompiles on every template edit: keep only the recent sets.
  if (compiled.size >= 8) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, set);
  return set;
}

/**
 * The email template as precompiled Handlebars: from the build cache, else
 * the Handlebars syntax of the MJML files as written (mjml drops what it does
 * not render, e.g. text after `</mjml>`, so the compiled HTML alone would hide
 * such an error; checked first, an error also gets its real line), then MJML →
 * HTML at strict validation → Handlebars compile of that HTML. Only a template
 * that passed every check is cached, so a hit needs no re-validation.
 */
async function compileEmail(
  main: SourceFile,
  mjmlSources: SourceFile[],
  dir: string,
  cache: StageCache,
  fail: (file: string, line: number | null, reason: string) => void,
): Promise<string | null> {
  const key = sha256('render/email', TEMPLATE_CACHE_VERSION, MJML_VERSION, Handlebars.VERSION, ...mjmlSources.flatMap((s) => [s.name, s.text]));
  const hit = cache.get<string>(key);
  if (typeof hit === 'string') return hit;

  const syntax = mjmlSources.map(parseSource).flatMap((parsed) => ('problem' in parsed ? [parsed.problem] : []));
  for (const p of syntax) fail(p.file, p.line, p.reason);
  if (syntax.length > 0) return null;
  const html = await compileMjml(main, dir, fail);
  if (html === null) return null;
  let js: string;
  try {
    js = String(Handlebars.precompile(Handlebars.parse(html), { strict: true }));
  } catch (error) {
    fail(main.absolute, null, `Handlebars syntax error in the compiled MJML: ${handlebarsErrorPlace(error as Error).reason}`);
    return null;
  }
  cache.set(key, js);
  return js;
}

/**
 * MJML → HTML at `strict` validation, Handlebars expressions left in place.
 * Validation errors name the file they are in (a partial included with
 * mj-include, or the main template) and its line.
 */
async function compileMjml(main: SourceFile, dir: string, fail: (file: string, line: number | null, reason: string) => void): Promise<string | null> {
  try {
    // Loaded only here: a build whose compiled templates are cached never needs mjml (~⅓ of the start-up).
    const { default: mjml2html } = await import('mjml');
    const result = await mjml2html(main.text, {
      validationLevel: 'strict',
      filePath: main.absolute,
      includePath: dir,
      // mjml 5 ignores mj-include unless told otherwise.
      ignoreIncludes: false,
      keepComments: false,
      // No web fonts: nothing external may load in the email.
      fonts: {},
    } as Parameters<typeof mjml2htmlType>[1]);
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
  const pattern = new RegExp(`\\{\\{[^}]*(?<![\\w.])${escapeRegExp(name)}(?![\\w])`);
  for (const source of sources) {
    const line = lineOf(source.text, pattern);
    if (line !== null) return { file: source.absolute, line };
  }
  return null;
}
