import { parseArgs } from 'node:util';
import { commonOptions, UsageError, type CliIO, type Command } from './command.ts';
import { describeSystemError, isSystemError } from './fs-error.ts';
import { runAsBatchJob } from '../common/heap.ts';

/**
 * Every `briefing <command>`: its name, the one-line summary `--help` lists,
 * and how to load it. Commands are imported only when run, so `--help`, a typo
 * or `briefing check` do not pay for loading MJML, nodemailer or Chromium.
 * A command's summary here must match the start of its module's own summary
 * (test/foundation/cli-registry.test.ts checks it).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'build', summary: 'run every stage on content/ and write out/ (email, feeds, archive)', load: async () => (await import('./commands/build.ts')).buildCommand },
  { name: 'check', summary: 'validate config and every input without writing anything', load: async () => (await import('./commands/check.ts')).checkCommand },
  { name: 'extract', summary: 'run ingest + clean on files and print the main text (--json)', load: async () => (await import('./commands/extract.ts')).extractCommand },
  { name: 'dedupe', summary: 'run ingest + clean + dedupe and print the stories (--json)', load: async () => (await import('./commands/dedupe.ts')).dedupeCommand },
  { name: 'summarise', summary: 'summarise pre-grouped stories from a JSONL file (--json)', load: async () => (await import('./commands/summarise.ts')).summariseCommand },
  { name: 'preview', summary: 'start the editor preview on 127.0.0.1', load: async () => (await import('./commands/preview.ts')).previewCommand },
  { name: 'send', summary: 'send an edition to the subscribers, exactly once each', load: async () => (await import('./commands/send.ts')).sendCommand },
  { name: 'schedule', summary: 'build and send on the configured cron schedule', load: async () => (await import('./commands/schedule.ts')).scheduleCommand },
  { name: 'serve-unsubscribe', summary: 'serve signed unsubscribe links (GET confirm, one-click POST)', load: async () => (await import('./commands/unsubscribe.ts')).serveUnsubscribeCommand },
  { name: 'unsubscribe', summary: 'record an unsubscribe by hand', load: async () => (await import('./commands/unsubscribe.ts')).unsubscribeCommand },
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: briefing <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "briefing <command> --help" for a command's options.`;
}

/** Runs the CLI and returns its exit code: 0 ok, 1 failed, 2 bad usage. */
export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    // Which code answers: the compiled JavaScript of dist/ or the sources through tsx (bin.mjs says why).
    io.stdout.write(`briefing 0.1.0 (${import.meta.url.endsWith('.js') ? 'compiled, dist/' : 'from source'})\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  // A build is a batch job: a smaller peak matters more than fewer collections (common/heap.ts).
  if (entry) runAsBatchJob();
  if (!entry) {
    io.stderr.write(`briefing: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  let command: Command;
  try {
    command = await entry.load();
  } catch (error) {
    io.stderr.write(`briefing ${name}: cannot load the command: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...commonOptions, ...command.options }, allowPositionals: command.positionals ?? false, strict: true });
  } catch (error) {
    io.stderr.write(`briefing ${command.name}: ${(error as Error).message}\n\n${command.help}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(command.help + '\n');
    return 0;
  }
  try {
    return await command.run(parsed as Parameters<Command['run']>[0], io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`briefing ${command.name}: ${error.message}\n\n${command.help}\n`);
      return 2;
    }
    // A full disk or a read-only folder is the operator's to fix, not a bug: a sentence, not a stack trace.
    if (isSystemError(error)) {
      io.stderr.write(`briefing ${command.name}: ${describeSystemError(error, io.cwd)}\n`);
      return 1;
    }
    io.stderr.write(`briefing ${command.name}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
