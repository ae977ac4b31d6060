import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers.ts';

const run = promisify(execFile);
const BIN = path.join(REPO, 'pipeline/cli/bin.mjs');
const SEEDS = ['000_94aba342c8781b43', '001_06e2386ba6d7f42a', '002_5c41cbf52229f305', '003_a6d617cfa2d6d08d', '004_2f193cc0d2b742fb'].map((s) => `content/${s}.txt`);

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bridge to close</title></head>
<body><article><h1>Bridge to close</h1>
<p>The bridge at Gisburn will close for three weeks from Monday for repairs to its deck, the highways authority said.</p>
<p>Diversions will add about twenty minutes to journeys, and buses will run every half hour instead of every twenty minutes.</p>
</article></body></html>`;

async function extract(files: string[], cwd = REPO) {
  const { stdout, stderr } = await run(process.execPath, [BIN, 'extract', '--json', ...files], { cwd, maxBuffer: 64 * 1024 * 1024 });
  return { records: JSON.parse(stdout) as Record<string, unknown>[], stderr };
}

describe('briefing extract --json (a real process)', () => {
  // One process for the sample, two pages and a missing file: starting the CLI is the slow part.
  let records: Record<string, unknown>[];
  let stderr: string;
  let files: string[];
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-extract-'));
    writeFileSync(path.join(dir, 'page.html'), PAGE);
    writeFileSync(path.join(dir, 'page.html.gz'), gzipSync(PAGE));
    files = [SEEDS[2]!, SEEDS[0]!, path.join(dir, 'page.html'), path.join(dir, 'page.html.gz'), 'content/missing.txt', SEEDS[1]!, SEEDS[3]!, SEEDS[4]!];
    ({ records, stderr } = await extract(files));
  });

  it('prints one object per input file, in input order, with exactly the documented fields', () => {
    expect(records.map((r) => r.file)).toEqual(files);
    for (const record of records) {
      expect(Object.keys(record)).toEqual(['file', 'title', 'date', 'author', 'publisher', 'url', 'language', 'text', 'paragraphs', 'removed']);
      for (const key of ['title', 'date', 'author', 'publisher', 'url', 'language']) expect(record[key] === null || typeof record[key] === 'string').toBe(true);
      if (record.date !== null) expect(record.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const paragraphs = record.paragraphs as Record<string, unknown>[];
      for (const p of paragraphs) {
        expect(Object.keys(p)).toEqual(['type', 'text']);
        expect(['paragraph', 'heading', 'quote', 'list', 'table']).toContain(p.type);
      }
      for (const r of record.removed as Record<string, unknown>[]) expect(Object.keys(r)).toEqual(['ruleId', 'reason', 'text']);
      expect(record.text).toBe(paragraphs.map((p) => p.text).join('\n\n'));
    }
  });

  it('reads .html and .html.gz pages alike', () => {
    expect(records[3]!.text).toBe(records[2]!.text);
    expect(records[2]!.text).toContain('The bridge at Gisburn will close for three weeks from Monday');
  });

  it('cleans the sample files: date from the date line, banner and promo removed, heading marked', () => {
    type Rec = { date: string | null; text: string; paragraphs: { type: string; text: string }[]; removed: { ruleId: string; text: string }[] };
    const [a002, a000, , , , a001, a003, a004] = records as Rec[];
    expect(a000!.date).toBe('2025-03-18');
    expect(a000!.text.startsWith('David Lammy has reiterated the need for an “enduring and a lasting peace” in Ukraine')).toBe(true);
    for (const a of [a000!, a003!, a004!]) expect(a.removed.map((r) => r.ruleId)).toEqual(['clean/banner']);
    expect(a001!.removed).toEqual([]);
    expect(a001!.paragraphs.find((p) => p.text === 'EU-UK co-operation on Ukraine')!.type).toBe('heading');
    expect(a002!.removed.map((r) => r.ruleId)).toEqual(['clean/promo', 'clean/promo', 'clean/promo', 'clean/promo', 'clean/promo']);
    expect(a002!.text).not.toMatch(/WhatsApp|CLICK HERE/);
    for (const a of records) expect(a.text).not.toMatch(/date \d{4}-\d{2}-\d{2}|Support Now/);
  });

  it('a missing file is a warning naming it and an empty record; the others are still extracted', () => {
    expect(records[4]).toMatchObject({ file: 'content/missing.txt', text: '', paragraphs: [], removed: [] });
    expect(records[7]!.text).toMatch(/^Sir Keir Starmer and Emmanuel Macron/);
    expect(stderr).toMatch(/content\/missing.txt: warning: .*\[ingest\/unreadable\]/);
  });

  it('gives one record per article of a records file, and reads a folder as a build reads content/', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-extract-dir-'));
    const story = (n: number) => `The harbour board approved plan number ${n} for the quay on Monday after a long public consultation.`;
    mkdirSync(path.join(dir, 'in', 'wire'), { recursive: true });
    writeFileSync(path.join(dir, 'in', 'records.jsonl'), [1, 2].map((n) => JSON.stringify({ id: `r${n}`, title: `Plan ${n}`, text: story(n) })).join('\n') + '\n');
    writeFileSync(path.join(dir, 'in', 'wire', 'one.txt'), `date 2025-02-03 ${story(3)}\n`);
    writeFileSync(path.join(dir, 'in', 'notes.png'), 'not an article');
    const { records } = await extract(['in'], dir);
    const expected = [
      [path.join('in', 'records.jsonl'), 1, 'Plan 1', story(1)],
      [path.join('in', 'records.jsonl'), 2, 'Plan 2', story(2)],
      [path.join('in', 'wire', 'one.txt'), undefined, null, story(3)],
    ];
    expect(records.map((r) => [r.file, r.line, r.title, r.text])).toEqual(expected);
    // As build names its folder (--content DIR), and with no input at all the content folder.
    expect((await extract(['--content', 'in'], dir)).records.map((r) => [r.file, r.line, r.title, r.text])).toEqual(expected);
    mkdirSync(path.join(dir, 'content'));
    writeFileSync(path.join(dir, 'content', 'two.txt'), `date 2025-02-04 ${story(4)}\n`);
    expect((await extract([], dir)).records.map((r) => [r.file, r.text])).toEqual([[path.join('content', 'two.txt'), story(4)]]);
  });

  it('handles a thousand files in one process', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'briefing-extract-many-'));
    const files: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const file = path.join(dir, `a${i}.txt`);
      writeFileSync(file, `date 2025-01-${String((i % 28) + 1).padStart(2, '0')} Article number ${i} reports that the council met on Tuesday to discuss item ${i}.\nSign up to our free newsletter for the latest news.\n`);
      files.push(file);
    }
    const { records } = await extract(files, dir);
    expect(records).toHaveLength(1000);
    expect(records[999]).toMatchObject({ date: '2025-01-20', text: 'Article number 999 reports that the council met on Tuesday to discuss item 999.' });
    expect(records.every((r) => (r.removed as unknown[]).length === 1)).toBe(true);
  });
});

describe('briefing extract into a reader that stops early (a real process)', () => {
  it('stops quietly when the pipe closes (`… | head -1`): no stack trace, exit 0', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'extract', ...SEEDS, ...SEEDS, ...SEEDS], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Read the first chunk, then close our end as `head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(code).toBe(0);
  });
});
