import { parseArgs } from 'node:util';
import { commonOptions, UsageError, type CliIO, type Command } from './command.ts';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { extractCommand } from './commands/extract.ts';
import { dedupeCommand } from './commands/dedupe.ts';
import { summariseCommand } from './commands/summarise.ts';
import { previewCommand } from './commands/preview.ts';
import { sendCommand } from './commands/send.ts';
import { scheduleCommand } from './commands/schedule.ts';
import { serveUnsubscribeCommand, unsubscribeCommand } from './commands/unsubscribe.ts';

export const COMMANDS: Command[] = [
  buildCommand,
  checkCommand,
  extractCommand,
  dedupeCommand,
  summariseCommand,
  previewCommand,
  sendCommand,
  scheduleCommand,
  serveUnsubscribeCommand,
  unsubscribeCommand,
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
    io.stdout.write('briefing 0.1.0\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`briefing: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
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
    io.stderr.write(`briefing ${command.name}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
