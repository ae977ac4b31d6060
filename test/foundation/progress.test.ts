import { describe, expect, it } from 'vitest';
import { Progress } from '../../pipeline/cli/progress.ts';
import { formatMessage } from '../../pipeline/cli/print.ts';

function stream(isTTY: boolean) {
  let text = '';
  return { isTTY, columns: 80, write: (chunk: string) => ((text += chunk), true), get text() { return text; } };
}

describe('progress', () => {
  it('picks a bar on a terminal, lines otherwise, nothing when quiet', () => {
    expect(Progress.modeFor({ isTTY: true }, false)).toBe('bar');
    expect(Progress.modeFor({ isTTY: false }, false)).toBe('lines');
    expect(Progress.modeFor({ isTTY: true }, true)).toBe('none');
  });

  it('draws and clears a bar on a terminal', () => {
    const out = stream(true);
    const progress = new Progress(out as never, 'bar');
    progress.update('clean', 0, 10);
    progress.update('clean', 10, 10);
    expect(out.text).toMatch(/\rclean\s+\[#+\] 10\/10/);
    progress.done();
    expect(out.text.endsWith('\r\u001b[K')).toBe(true);
  });

  it('writes one plain line per stage otherwise, and nothing in quiet mode', () => {
    const out = stream(false);
    const progress = new Progress(out as never, 'lines');
    progress.update('ingest', 1, 3);
    progress.update('ingest', 2, 3);
    progress.update('clean', 0, 3);
    expect(out.text).toBe('ingest: 3 items\nclean: 3 items\n');
    const quiet = stream(false);
    new Progress(quiet as never, 'none').update('ingest', 1, 1);
    expect(quiet.text).toBe('');
  });
});

describe('formatMessage', () => {
  it('prints messages compiler-style: file:line:column: severity: reason [rule]', () => {
    expect(formatMessage({ file: 'content/a.md', line: 3, column: 2, stage: 'ingest', ruleId: 'ingest/bad-date', severity: 'warning', reason: 'bad' })).toBe('content/a.md:3:2: warning: bad [ingest/bad-date]');
    expect(formatMessage({ file: null, line: null, stage: 'config', ruleId: 'config/invalid', severity: 'error', reason: 'nope' })).toBe('error: nope [config/invalid]');
  });
});
