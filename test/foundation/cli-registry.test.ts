import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../pipeline/cli/main.ts';

describe('command registry', () => {
  it('each entry loads a command of the same name whose summary starts with the listed one', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.summary.startsWith(entry.summary), `${entry.name}: "${command.summary}" vs "${entry.summary}"`).toBe(true);
      expect(command.help).toMatch(new RegExp(`Usage: briefing ${entry.name}`));
    }
  });

  it('names are unique', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  it('main() returns 2 for an unknown command and 0 for --version, in process', async () => {
    let err = '';
    let out = '';
    const io = { stdout: { write: (s: string) => ((out += s), true) } as never, stderr: { write: (s: string) => ((err += s), true) } as never, cwd: '.', env: {} };
    expect(await main(['nope'], io)).toBe(2);
    expect(err).toMatch(/unknown command "nope"/);
    expect(await main(['--version'], io)).toBe(0);
    expect(out).toMatch(/^briefing \d+\.\d+\.\d+/);
  });
});
