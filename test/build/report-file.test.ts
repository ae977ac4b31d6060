import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitStaging, createStaging } from '../../pipeline/build/atomic-out.ts';
import { writeReport } from '../../pipeline/build/report-file.ts';
import type { Message } from '../../pipeline/types.ts';

function message(i: number): Message {
  return {
    file: i % 3 === 0 ? null : `content/a-${i}.md`,
    line: i % 3 === 0 ? null : i,
    stage: i % 2 ? 'clean' : 'summarise',
    ruleId: 'clean/promo',
    severity: i % 5 === 0 ? 'warning' : 'info',
    // Non-Latin text, quotes, a line break and a separator that must stay inside their strings.
    reason: `reason ${i} — “quoted” 日本 \n ,\n {"x": [1]}`,
    ...(i % 4 === 0 ? { detail: { nested: { list: [i, 'two'] } } } : {}),
  };
}

describe('report.json', () => {
  it('holds every message in order with the counts, one message per line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-report-'));
    // Enough messages to be written in several slices.
    const messages = Array.from({ length: 6000 }, (_, i) => message(i));
    writeReport(dir, messages);
    const text = readFileSync(path.join(dir, 'report.json'), 'utf8');
    expect(JSON.parse(text)).toEqual({ counts: { info: 4800, warning: 1200, error: 0 }, messages });
    const lines = text.split('\n');
    expect(lines[0]).toBe('{"counts":{"info":4800,"warning":1200,"error":0},"messages":[');
    expect(lines).toHaveLength(messages.length + 3);
    expect(JSON.parse(lines[1]!.replace(/,$/, ''))).toEqual(messages[0]);
    expect(text.endsWith('\n]}\n')).toBe(true);
  });

  it('is valid JSON with no messages', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-report-'));
    writeReport(dir, []);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))).toEqual({ counts: { info: 0, warning: 0, error: 0 }, messages: [] });
  });
});

describe('commitStaging', () => {
  it('removes the whole previous out/, nested folders and all', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'briefing-commit-'));
    const out = path.join(parent, 'out');
    mkdirSync(path.join(out, 'editions', '2025-01-01', 'deeper'), { recursive: true });
    writeFileSync(path.join(out, 'index.html'), 'old');
    writeFileSync(path.join(out, 'editions', '2025-01-01', 'deeper', 'x.txt'), 'old');
    const staging = createStaging(out);
    writeFileSync(path.join(staging, 'index.html'), 'new');
    commitStaging(staging, out);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('new');
    expect(existsSync(path.join(out, 'editions'))).toBe(false);
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
