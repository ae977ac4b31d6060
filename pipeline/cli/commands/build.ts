import path from 'node:path';
import type { BuildSummary } from '../../build/index.ts';
import { Reporter } from '../../common/report.ts';
import { COMMON_HELP, dayFlag, flag, UsageError, type Command } from '../command.ts';
import { formatMessage } from '../print.ts';
import { Progress } from '../progress.ts';
import { describeSystemError, isSystemError } from '../fs-error.ts';

export const buildCommand: Command = {
  name: 'build',
  summary: 'run every stage on content/ and write out/ (email, feeds, archive)',
  help: `Usage: briefing build [options]

Runs ingest → clean → dedupe → summarise → render on the content folder and
replaces out/ atomically (a failed build leaves the previous out/ whole).
When nothing changed since the last build into out/ (articles, feeds, config,
templates, overrides, Briefing itself) and out/ is as it wrote it, the build
stops after reading the input and leaves out/ as it is (at least weekly a
build runs in full).

Options:
  --content DIR        articles to read (default: content)
  --out DIR            where to write (default: out)
  --date YYYY-MM-DD    build only this day's edition
  --since YYYY-MM-DD   build editions from this day on
  --until YYYY-MM-DD   build editions up to this day
  --strict             treat warnings as errors (exit 1, out/ untouched)
  --force              run every stage even when nothing changed (caches still apply)
  --no-cache           redo all work, even when nothing changed
  --verbose            also print every decision (info messages) and stage
                       timings (runs every stage, even when nothing changed)
${COMMON_HELP}`,
  options: {
    content: { type: 'string' },
    out: { type: 'string' },
    date: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    strict: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    force: { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
  async run(args, io) {
    const date = dayFlag(args, 'date');
    const since = dayFlag(args, 'since');
    const until = dayFlag(args, 'until');
    // An empty range built an empty site over the last one: a usage error, as a malformed day is.
    if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}: no day is in that range`);
    const quiet = flag(args, 'quiet');
    const verbose = flag(args, 'verbose');
    // Loaded when run, like the stages below: `build --help` needs neither the config schema nor YAML.
    const { loadCommandConfig } = await import('../load.ts');
    const loaded = loadCommandConfig(args, io, { content: 'content', out: 'out' });
    if (loaded.messages.some((m) => m.severity === 'error')) return 1;

    const reporter = new Reporter();
    const progress = new Progress(io.stderr, Progress.modeFor(io.stderr, quiet));
    reporter.onMessage = (message) => {
      if (message.severity === 'error' || (!quiet && (message.severity === 'warning' || verbose))) {
        progress.done();
        io.stderr.write(formatMessage(message) + '\n');
      }
    };
    // Loaded here, not at the top, so `build --help` does not load every stage.
    const { build } = await import('../../build/index.ts');
    let built: Awaited<ReturnType<typeof build>>;
    try {
      built = await build({
        cwd: io.cwd,
        config: loaded.config,
        reporter,
        ...(date ? { date } : {}),
        ...(since ? { since } : {}),
        ...(until ? { until } : {}),
        strict: flag(args, 'strict'),
        cache: !flag(args, 'no-cache'),
        // Every decision is printed only by the stages that make them: a verbose build always runs them.
        reuseUpToDate: !verbose && !flag(args, 'force'),
        onProgress: (stage, done, total) => progress.update(stage, done, total),
      });
    } catch (error) {
      // A full or read-only disk is the operator's to fix: say so plainly (build() has already discarded its staging folder).
      if (!isSystemError(error)) throw error;
      progress.done();
      const out = path.relative(io.cwd, path.resolve(io.cwd, loaded.config.out)) || '.';
      io.stderr.write(`briefing build: ${describeSystemError(error, io.cwd)}; the previous ${out}/ was left unchanged\n`);
      return 1;
    }
    const { summary, result } = built;
    progress.done();
    if (!quiet || !summary.written) io.stdout.write(formatSummary(summary, io.cwd, flag(args, 'strict')) + '\n');
    if (verbose) io.stdout.write(`  timings    ${Object.entries(result.timings).map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`).join(', ')}\n`);
    return summary.written ? 0 : 1;
  },
};

/** Up to this many edition dates are listed in full; a longer list (a year's build: 366) shows its ends. */
const LISTED_EDITIONS = 8;

/** The edition dates as the summary prints them: all of a short list, the first and last three of a long one. */
export function editionList(dates: readonly string[]): string {
  if (dates.length <= LISTED_EDITIONS) return dates.join(', ');
  return `${dates.slice(0, 3).join(', ')} … ${dates.slice(-3).join(', ')}`;
}

export function formatSummary(s: BuildSummary, cwd: string, strict: boolean): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  // Relative inside the working directory (what to type next), absolute outside it.
  const relative = path.relative(cwd, s.outDir);
  const out = relative.startsWith('..') || path.isAbsolute(relative) ? s.outDir : relative || '.';
  const lines = [
    `  read       ${plural(s.articles, 'article')}`,
    `  cleaned    ${s.cleaned} (${plural(s.removedBlocks, 'block')} of boilerplate removed${s.cacheHits ? `, ${s.cacheHits} from cache` : ''})`,
    `  folded     ${plural(s.duplicates, 'duplicate')}`,
    `  stories    ${s.stories}${s.undated ? ` (${s.undated} undated, kept out of editions)` : ''}`,
    `  editions   ${s.editions.length}${s.editions.length ? `: ${editionList(s.editions)}` : ''}`,
    `  warnings   ${s.warnings}${s.errors ? `, errors ${s.errors}` : ''}`,
  ];
  const open = `Open ${path.join(out, 'index.html')} (report: ${path.join(out, 'report.json')})`;
  if (s.upToDate) return [`Up to date: nothing changed since the last build; ${out}/ holds its ${plural(s.editions.length, 'edition')}`, ...lines, open].join('\n');
  if (s.written) return [`Built ${plural(s.editions.length, 'edition')} into ${out}/`, ...lines, open].join('\n');
  const why = s.errors ? `${plural(s.errors, 'error')}` : strict ? `${plural(s.warnings, 'warning')} with --strict` : 'errors';
  return [`Build failed (${why}); ${out}/ was left as it was.`, ...lines].join('\n');
}
