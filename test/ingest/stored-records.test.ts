/**
 * Ingest's record of unchanged files (pipeline/ingest/unchanged-files.ts) is
 * stored compact (no raw text, no empty clean fields, no null metadata, no id
 * or origin that is the file's own, paths relative to the content folder): an article given back from it must be the
 * article read from the file, field for field and in the same key order,
 * minus its raw text — for every format and every metadata field.
 * And discovery gives the same paths whatever form the root is named in.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storedEntries } from '../../pipeline/common/cache-store.ts';
import { discoverFiles } from '../../pipeline/ingest/discover.ts';
import { ingestContent } from '../../pipeline/ingest/index.ts';
import { makeCtx, removeDir, tempDir } from '../foundation/helpers.ts';

/**
 * A minute ago, half a second past a whole second. An mtime on a whole second reads as a coarse file
 * system's (1–2 s timestamps), whose records are trusted only 2 s after the file's ctime (ingest's
 * "racy files"): one file in a thousand would then be read again, and a test expecting it unread fail.
 */
function aMinuteAgo(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000 + 500);
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const FILES: Record<string, string> = {
  'plain.txt': 'date 2025-03-18 The council met on Tuesday to agree the budget for the harbour works.',
  'meta.md': '---\ntitle: Ferry timetable\nauthor: A. Writer\ndate: 2025-03-19\nurl: https://example.org/ferry\n---\nThe ferry timetable changes next week, the operator said.',
  'records.jsonl': [
    JSON.stringify({ id: 'r1', title: 'First', source: 'Harbour Gazette', language: 'en', text: 'The library reopens on Monday after a year of repairs.' }),
    JSON.stringify({ id: 'r2', text: 'A second record with no metadata at all, about the tram line.' }),
  ].join('\n'),
  'sub/page.html': '<html lang="en"><head><title>Bridge works</title></head><body><article><p>The bridge closes for works in June, the county said.</p></article></body></html>',
  'bad.txt': 'date 2025-02-30 An impossible date on a report about the swimming pool.',
};

/** A workspace whose files are old enough for their records to be trusted. */
function workspace(): string {
  const cwd = tempDir('briefing-records-');
  dirs.push(cwd);
  const old = aMinuteAgo();
  for (const [name, text] of Object.entries(FILES)) {
    const file = path.join(cwd, 'content', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    utimesSync(file, old, old);
  }
  // Past the timestamp granule (see "racy files").
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
  return cwd;
}

function run(cwd: string, skipUnchanged: boolean) {
  const { ctx, reporter } = makeCtx({}, cwd);
  const articles = ingestContent('content', ctx, { skipUnchanged });
  return { articles, messages: reporter.messages };
}

describe('the stored record of unchanged files', () => {
  it('gives back exactly the articles read, key order included, and says the same messages', () => {
    const cwd = workspace();
    const fresh = run(cwd, false);
    run(cwd, true);
    const cached = run(cwd, true);
    expect(cached.articles.length).toBe(fresh.articles.length);
    expect(cached.articles.every((a) => a.raw === '')).toBe(true);
    // JSON text, not toEqual: the key order is what report files and cache keys see.
    expect(cached.articles.map((a) => JSON.stringify(a))).toEqual(fresh.articles.map((a) => JSON.stringify({ ...a, raw: '' })));
    expect(cached.messages).toEqual(fresh.messages);
    // The fixtures do exercise non-null metadata and a record line.
    expect(fresh.articles.some((a) => a.title && a.author && a.url)).toBe(true);
    expect(fresh.articles.some((a) => a.publisher && a.language)).toBe(true);
    expect(fresh.messages.length).toBeGreaterThan(0);
  });

  it('stores no raw text, no null field, no absolute path, and no id or origin the file gives', () => {
    const cwd = workspace();
    run(cwd, true);
    const entries = storedEntries(path.join(cwd, '.cache', 'ingest'));
    // One entry per folder: content/ and content/sub/.
    expect(entries).toHaveLength(2);
    const text = entries.map((e) => e.text).join('\n');
    expect(text).not.toContain('"raw"');
    expect(text).not.toContain('null');
    expect(text).not.toContain(path.join(cwd, 'content'));
    expect(text).toContain('"sub/page.html"');
    // Only the JSONL records have an id and an origin of their own (a line); a file's single article takes the file's.
    expect(text.match(/"origin"/g)).toHaveLength(2);
    expect(text.match(/"id"/g)).toHaveLength(2);
  });

  it('a change to an article read back from the record does not change the record', () => {
    const cwd = workspace();
    run(cwd, true);
    const rootRecord = () => storedEntries(path.join(cwd, '.cache', 'ingest')).find((e) => e.text.includes('"plain.txt"'))!.text;
    const before = rootRecord();
    const cached = run(cwd, true);
    for (const article of cached.articles) (article.origin as { file: string }).file = 'elsewhere';
    // A file gone makes the record be written again: from the stored records, not from the articles given out.
    removeDir(path.join(cwd, 'content', 'bad.txt'));
    run(cwd, true);
    const after = rootRecord();
    expect(after).not.toContain('elsewhere');
    expect(after.length).toBeLessThan(before.length);
  });
});

describe('one record per folder', () => {
  it('a new folder of files writes its own record and leaves the others as they were; the articles are those read', () => {
    const cwd = workspace();
    run(cwd, true);
    const stored = () => new Map(storedEntries(path.join(cwd, '.cache', 'ingest')).map((e) => [e.key, e.text]));
    const before = stored();
    // A new day in a folder of its own (as the year bench adds one), old enough to be trusted.
    const old = aMinuteAgo();
    mkdirSync(path.join(cwd, 'content', 'day-2026-01-01'));
    for (const name of ['one.txt', 'two.txt']) {
      writeFileSync(path.join(cwd, 'content', 'day-2026-01-01', name), `date 2026-01-01 The ${name} report about the new ferry pier opening.`);
      utimesSync(path.join(cwd, 'content', 'day-2026-01-01', name), old, old);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
    const fresh = run(cwd, false);
    const first = run(cwd, true);
    const after = stored();
    // The two folders already recorded: the same entries, untouched; one entry more, naming only the new files.
    expect(after.size).toBe(before.size + 1);
    for (const [key, text] of before) expect(after.get(key)).toBe(text);
    const added = [...after].filter(([key]) => !before.has(key)).map(([, text]) => text);
    expect(added).toHaveLength(1);
    expect(added[0]).toContain('one.txt');
    expect(added[0]).not.toContain('plain.txt');
    // And the run after it reads nothing, giving the articles and messages of reading every file.
    const cached = run(cwd, true);
    for (const got of [first, cached]) {
      expect(got.articles.map((a) => JSON.stringify(a))).toEqual(fresh.articles.map((a) => JSON.stringify({ ...a, raw: got === first && a.id.startsWith('day-') ? a.raw : '' })));
      expect(got.messages).toEqual(fresh.messages);
    }
    expect(cached.articles.every((a) => a.raw === '')).toBe(true);
  });
});

describe('record keys that are names of Object.prototype', () => {
  it('files named __proto__, constructor and hasOwnProperty keep records of their own (read once, then given from the record)', () => {
    const cwd = tempDir('briefing-records-proto-');
    dirs.push(cwd);
    const old = aMinuteAgo();
    const names = ['__proto__.txt', 'constructor.txt', 'hasOwnProperty.txt', 'toString.md'];
    for (const name of names) {
      const file = path.join(cwd, 'content', name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `date 2025-03-18 A report in a file named ${name}, about the harbour.`);
      utimesSync(file, old, old);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
    const fresh = run(cwd, false);
    const first = run(cwd, true);
    const cached = run(cwd, true);
    expect(fresh.articles).toHaveLength(names.length);
    // The first run read every file; the second read none (an article from the record has no raw text).
    expect(first.articles.every((a) => a.raw !== '')).toBe(true);
    expect(cached.articles.every((a) => a.raw === '')).toBe(true);
    expect(cached.articles.map((a) => JSON.stringify(a))).toEqual(fresh.articles.map((a) => JSON.stringify({ ...a, raw: '' })));
    const text = storedEntries(path.join(cwd, '.cache', 'ingest'))[0]!.text;
    for (const name of names) expect(text).toContain(JSON.stringify(name));
  });
});

describe('discoverFiles', () => {
  it('gives the same absolute paths for the root named with a trailing separator or a dot segment', () => {
    const cwd = workspace();
    const root = path.join(cwd, 'content');
    const plain = discoverFiles(root);
    expect(plain.map((f) => f.relative)).toContain('sub/page.html');
    expect(plain.every((f) => f.absolute === path.join(root, ...f.relative.split('/')))).toBe(true);
    expect(discoverFiles(root + path.sep)).toEqual(plain);
    expect(discoverFiles(`${cwd}${path.sep}.${path.sep}content`)).toEqual(plain);
  });
});
