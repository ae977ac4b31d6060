import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestContent } from '../../pipeline/ingest/index.ts';
import { decodeBytes } from '../../pipeline/ingest/decode.ts';
import { formatOf } from '../../pipeline/ingest/discover.ts';
import type { Message } from '../../pipeline/types.ts';
import { ingestFiles, makeCtx, removeDir, SAMPLE, tempDir } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

const ingest = (files: Record<string, string | Uint8Array>, config: Parameters<typeof makeCtx>[0] = {}) => ingestFiles(files, config, dirs);

const warnings = (messages: Message[]) => messages.filter((m) => m.severity === 'warning');

describe('txt', () => {
  it('takes the leading date token out of the text, keeping the banner glued to it for clean', () => {
    const { articles, messages } = ingest({ 'a.txt': ' date 2025-03-18 Support us Read more\n\nThe council met on Tuesday.\n' });
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ id: 'a', format: 'txt', date: '2025-03-18', dateSource: 'date-line', origin: { file: 'content/a.txt' } });
    expect(articles[0]!.raw).toBe('Support us Read more\n\nThe council met on Tuesday.\n');
    expect(warnings(messages)).toEqual([]);
  });

  it('reads the sample articles: five, three of them dated by their date line', () => {
    const cwd = path.dirname(SAMPLE);
    const { ctx, reporter } = makeCtx({}, cwd);
    const articles = ingestContent('content', ctx);
    expect(articles).toHaveLength(5);
    expect(articles.map((a) => a.date).filter(Boolean).sort()).toEqual(['2025-02-23', '2025-03-18', '2025-04-23']);
    expect(articles.every((a) => !a.raw.trimStart().startsWith('date '))).toBe(true);
    expect(warnings(reporter.messages)).toEqual([]);
  });

  it('takes the date when the banner is glued to it with no space, and only a whole YYYY-MM-DD so', () => {
    const { articles, messages } = ingest({
      'glued.txt': 'date 2025-05-02Support independent journalism today.\n\nThe council met on Tuesday.\n',
      'dash.txt': 'date 2025-05-02—Become a member.\n\nThe council met.\n',
      'more-digits.txt': 'date 2025-05-021 The council met.\n',
      'range.txt': 'date 2025-05-02/03 The council met.\n',
    });
    const byId = new Map(articles.map((a) => [a.id, a]));
    expect(byId.get('glued')).toMatchObject({ date: '2025-05-02', dateSource: 'date-line', raw: 'Support independent journalism today.\n\nThe council met on Tuesday.\n' });
    expect(byId.get('dash')).toMatchObject({ date: '2025-05-02', raw: '—Become a member.\n\nThe council met.\n' });
    // A token that runs on in digits or separators is not a day with something left over: a bad date, as before.
    expect(byId.get('more-digits')).toMatchObject({ date: null, raw: 'The council met.\n' });
    expect(byId.get('range')).toMatchObject({ date: null, raw: 'The council met.\n' });
    expect(warnings(messages).map((m) => [m.ruleId, m.file]).sort()).toEqual([
      ['ingest/bad-date', 'content/more-digits.txt'],
      ['ingest/bad-date', 'content/range.txt'],
    ]);
  });

  it('reads "date:" and an ISO date and time, whose day is the configured timezone\'s', () => {
    const { articles, messages } = ingest(
      {
        'colon.txt': 'Date: 2025-05-02 The council met.\n',
        'late.txt': 'date 2025-05-02T22:30:00-04:00Support us.\n\nThe council met late.\n',
        'zoneless.txt': 'date 2025-05-02T23:30 The council met.\n',
        'word.txt': 'date 2025-05-02The council met.\n',
      },
      { timezone: 'Europe/London' },
    );
    const byId = new Map(articles.map((a) => [a.id, a]));
    expect(byId.get('colon')).toMatchObject({ date: '2025-05-02', raw: 'The council met.\n' });
    // 22:30 at UTC−4 is 03:30 the next morning in London.
    expect(byId.get('late')).toMatchObject({ date: '2025-05-03', raw: 'Support us.\n\nThe council met late.\n' });
    // Without a zone the time names no instant: the stated day, whatever the machine's zone.
    expect(byId.get('zoneless')).toMatchObject({ date: '2025-05-02', raw: 'The council met.\n' });
    // A word glued on that starts with T is not a time.
    expect(byId.get('word')).toMatchObject({ date: '2025-05-02', raw: 'The council met.\n' });
    expect(warnings(messages)).toEqual([]);
  });

  it('an impossible date is a warning with file, line and column, and the article is kept undated', () => {
    const { articles, messages } = ingest({ 'b.txt': 'date 2025-02-30 Body text here.' });
    expect(articles[0]).toMatchObject({ date: null, dateSource: null, raw: 'Body text here.' });
    expect(warnings(messages)).toEqual([expect.objectContaining({ ruleId: 'ingest/bad-date', file: 'content/b.txt', line: 1, column: 1 })]);
  });

  it('a text without a date line is undated and whole', () => {
    const { articles } = ingest({ 'c.txt': 'Just a story.\nSecond line.' });
    expect(articles[0]).toMatchObject({ date: null, raw: 'Just a story.\nSecond line.' });
  });
});

describe('md', () => {
  it('reads YAML front matter (title, date, source, url, author) and keeps body line numbers', () => {
    const md = '---\ntitle: Harbour reopens\ndate: 2025-03-18\nsource: Harbour Post\nurl: https://harbour.example/a\nauthor: Ann Lee\n---\nFirst paragraph.\n\nSecond paragraph.\n';
    const { articles, messages } = ingest({ 'news/h.md': md });
    expect(articles[0]).toMatchObject({ id: 'news/h', format: 'md', title: 'Harbour reopens', date: '2025-03-18', dateSource: 'front-matter', publisher: 'Harbour Post', url: 'https://harbour.example/a', author: 'Ann Lee' });
    expect(articles[0]!.raw.split('\n')[7]).toBe('First paragraph.');
    expect(warnings(messages)).toEqual([]);
  });

  it('broken front matter is a warning with its line, and the body is still read', () => {
    const { articles, messages } = ingest({ 'bad.md': '---\ntitle: ok\ndate: [unclosed\n---\nBody survives.\n' });
    expect(articles).toHaveLength(1);
    expect(articles[0]!.raw).toContain('Body survives.');
    const warning = warnings(messages)[0]!;
    expect(warning).toMatchObject({ ruleId: 'ingest/bad-front-matter', file: 'content/bad.md' });
    expect(warning.line).toBeGreaterThanOrEqual(2);
  });

  it('front matter YAML refuses only for a ": " in a value is read line by line, with a warning', () => {
    const { articles, messages } = ingest({ 'colon.md': '---\ntitle: Budget 2026: what changes for renters\ndate: 2026-03-04\nsource: Harbour Post\n---\nRents will be capped.\n' });
    expect(articles[0]).toMatchObject({ title: 'Budget 2026: what changes for renters', date: '2026-03-04', publisher: 'Harbour Post' });
    expect(warnings(messages)).toEqual([expect.objectContaining({ ruleId: 'ingest/bad-front-matter', file: 'content/colon.md', line: 2 })]);
    expect(warnings(messages)[0]!.reason).toMatch(/read each "key: value" line/);
  });

  it('front matter that parses but cannot be read (an alias with no anchor, too many aliases) is a warning with its line, and the body is still read', () => {
    const laughs = 'a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]';
    const { articles, messages } = ingest({ 'alias.md': '---\ntitle: ok\nsource: *nope\n---\nBody survives.\n', 'laughs.md': `---\n${laughs}\n---\nBody too.\n` });
    expect(articles.map((a) => a.raw.trim().split('\n').pop())).toEqual(['Body survives.', 'Body too.']);
    expect(warnings(messages)).toMatchObject([
      { ruleId: 'ingest/bad-front-matter', file: 'content/alias.md', line: 3 },
      { ruleId: 'ingest/bad-front-matter', file: 'content/laughs.md', line: 3 },
    ]);
    expect(warnings(messages)[0]!.reason).toContain('nope');
  });

  it('reads TOML front matter (+++, as Hugo and Zola write it), its dates as the day they state', () => {
    const md = '+++\ntitle = "Council approves cycle lanes"\ndate = 2026-04-02T23:30:00-04:00\nauthor = "Priya Nair"\nsource = "Westport Echo"\n+++\n\nThe council approved the lanes.\n';
    const local = '+++\ntitle = "Ferry timetable"\ndate = 2026-04-03\n+++\nText.\n';
    const { articles, messages } = ingest({ 'a.md': md, 'b.md': local });
    // 23:30 in New York is 4:30 the next morning in London, the configured zone.
    expect(articles[0]).toMatchObject({ title: 'Council approves cycle lanes', date: '2026-04-03', dateSource: 'front-matter', author: 'Priya Nair', publisher: 'Westport Echo' });
    expect(articles[0]!.raw.split('\n')[7]).toBe('The council approved the lanes.');
    expect(articles[1]).toMatchObject({ title: 'Ferry timetable', date: '2026-04-03' });
    expect(warnings(messages)).toEqual([]);
    // A local date and time (no offset) is the writer's wall clock: its day, in any configured zone.
    const wallClock = ingest({ 'c.md': '+++\ntitle = "Late sitting"\ndate = 2026-04-02T23:30:00\n+++\nText.\n' }, { timezone: 'Pacific/Auckland' });
    expect(wallClock.articles[0]!.date).toBe('2026-04-02');
    const broken = ingest({ 'bad.md': '+++\ntitle = "ok"\ndate = [unclosed\n+++\nBody survives.\n' });
    expect(broken.articles[0]!.raw).toContain('Body survives.');
    expect(warnings(broken.messages)).toEqual([expect.objectContaining({ ruleId: 'ingest/bad-front-matter', file: 'content/bad.md', line: 3 })]);
    expect(warnings(broken.messages)[0]!.reason).toMatch(/not valid TOML/);
  });

  it('reads the names site generators and CMS exports give the fields (headline, pubDate, canonical_url, authors)', () => {
    const astro = '---\nheadline: Ferry operator cancels winter sailings\npubDate: 2026-04-03\ncanonical_url: https://island.example/ferry\nauthors:\n  - name: Seán Ó Briain\n  - Aoife Byrne\npublisher: Island News\n---\nText.\n';
    // Jekyll's `published` is a flag: the date comes from the next key that gives one. A permalink that is a path is no address.
    const jekyll = '---\ntitle: Harbour wall repaired\npublished: true\ncreated: 2026-04-05\npermalink: /2026/04/harbour-wall/\n---\nText.\n';
    const { articles, messages } = ingest({ 'astro.md': astro, 'jekyll.md': jekyll });
    expect(articles[0]).toMatchObject({ title: 'Ferry operator cancels winter sailings', date: '2026-04-03', url: 'https://island.example/ferry', author: 'Seán Ó Briain, Aoife Byrne', publisher: 'Island News' });
    expect(articles[1]).toMatchObject({ title: 'Harbour wall repaired', date: '2026-04-05', url: null });
    expect(warnings(messages)).toEqual([]);
    const bad = ingest({ 'd.md': '---\ntitle: x\npubDate: 2026-02-30\n---\nText.\n' });
    expect(warnings(bad.messages)).toEqual([expect.objectContaining({ ruleId: 'ingest/bad-date', file: 'content/d.md', line: 3 })]);
    expect(warnings(bad.messages)[0]!.reason).toMatch(/^front matter pubDate:/);
  });

  it('an impossible front-matter date names the line of the date key', () => {
    const { articles, messages } = ingest({ 'd.md': '---\ntitle: x\ndate: 2025-13-01\n---\nText.\n' });
    expect(articles[0]!.date).toBeNull();
    expect(warnings(messages)).toEqual([expect.objectContaining({ ruleId: 'ingest/bad-date', file: 'content/d.md', line: 3 })]);
  });
});

describe('json and jsonl', () => {
  it('reads one record per JSONL line with its line number; a bad line is a warning naming its line', () => {
    const jsonl = [
      JSON.stringify({ id: 'r1', title: 'One', text: 'First record.', date: '2025-03-18', source: 'Wire', url: 'https://w.example/1' }),
      '{ not json',
      '',
      JSON.stringify({ title: 'No body' }),
      JSON.stringify({ html: '<p>Fourth</p>', date: '2025-03-19T22:30:00Z' }),
    ].join('\n');
    const { articles, messages } = ingest({ 'feed.jsonl': jsonl });
    expect(articles.map((a) => [a.id, a.origin.line, a.format, a.date])).toEqual([
      ['r1', 1, 'txt', '2025-03-18'],
      ['feed#5', 5, 'html', '2025-03-19'],
    ]);
    expect(articles[0]).toMatchObject({ publisher: 'Wire', url: 'https://w.example/1', title: 'One', dateSource: 'record', origin: { recordId: 'r1' } });
    expect(warnings(messages).map((m) => [m.ruleId, m.line])).toEqual([
      ['ingest/bad-json', 2],
      ['ingest/bad-record', 4],
    ]);
  });

  it('reads a .json array with each record’s starting line', () => {
    const json = '[\n  {"id": "x", "text": "A"},\n  {\n    "id": "y",\n    "text": "B",\n    "date": "2025-02-31"\n  }\n]\n';
    const { articles, messages } = ingest({ 'recs.json': json });
    expect(articles.map((a) => [a.id, a.origin.line])).toEqual([
      ['x', 2],
      ['y', 3],
    ]);
    expect(warnings(messages)).toEqual([expect.objectContaining({ ruleId: 'ingest/bad-date', line: 3 })]);
  });

  it('invalid JSON names the line of the error', () => {
    const { articles, messages } = ingest({ 'bad.json': '{\n  "id": "x",\n  "text": "A",,\n}\n' });
    expect(articles).toEqual([]);
    expect(warnings(messages)).toEqual([expect.objectContaining({ ruleId: 'ingest/bad-json', file: 'content/bad.json', line: 3 })]);
  });
});

describe('html and bad files', () => {
  it('keeps HTML pages whole for the clean stage', () => {
    const html = '<!doctype html><html><head><title>T</title></head><body><article><p>Hello</p></article></body></html>';
    const { articles } = ingest({ 'page.html': html, 'old.htm': html });
    expect(articles.map((a) => [a.id, a.format])).toEqual([
      ['old', 'html'],
      ['page', 'html'],
    ]);
    expect(articles[1]!.raw).toBe(html);
  });

  it('empty, binary, oversized and unsupported files are warnings naming the file; the rest is read', () => {
    const { articles, messages } = ingest(
      {
        'empty.txt': '',
        'blank.md': '  \n\n',
        'image.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
        'big.txt': 'x'.repeat(5000),
        'notes.docx': 'whatever',
        'good.txt': 'A good article.',
      },
      { ingest: { maxFileBytes: 1000 } },
    );
    expect(articles.map((a) => a.id)).toEqual(['good']);
    const byFile = Object.fromEntries(warnings(messages).map((m) => [m.file, m.ruleId]));
    expect(byFile).toEqual({
      'content/empty.txt': 'ingest/empty-file',
      'content/blank.md': 'ingest/empty-file',
      'content/image.txt': 'ingest/binary-file',
      'content/big.txt': 'ingest/too-large',
      'content/notes.docx': 'ingest/unsupported-file',
    });
    // The warning names every ending ingest reads (the same table decides both), each of which it does read.
    const unsupported = warnings(messages).find((m) => m.ruleId === 'ingest/unsupported-file')!;
    const listed = /\(([^)]*)\)/.exec(unsupported.reason)![1]!.split(', ');
    expect(listed).toEqual(expect.arrayContaining(['.txt', '.md', '.markdown', '.html', '.htm', '.html.gz', '.json', '.jsonl', '.eml', '.mbox']));
    for (const suffix of listed) expect(formatOf(`notes${suffix}`), suffix).not.toBeNull();
  });

  it('skips hidden files and the editions/ overrides folder, and reads subfolders in a stable order', () => {
    const { articles } = ingest({ '.hidden.txt': 'no', 'editions/2025-03-18.txt': 'no', 'b/z.txt': 'z', 'a/y.txt': 'y', 'x.txt': 'x' });
    expect(articles.map((a) => a.id)).toEqual(['a/y', 'b/z', 'x']);
  });

  it('gives a clashing id a suffix and a warning', () => {
    const { articles, messages } = ingest({ 'same.txt': 'one', 'same.md': 'two' });
    expect(articles.map((a) => a.id)).toEqual(['same', 'same~2']);
    expect(warnings(messages)).toEqual([expect.objectContaining({ ruleId: 'ingest/duplicate-id' })]);
  });

  it('never writes into the content folder', () => {
    const { cwd } = ingest({ 'a.txt': 'date 2025-01-01 text' });
    expect(readFileSync(path.join(cwd, 'content/a.txt'), 'utf8')).toBe('date 2025-01-01 text');
  });
});

describe('decode', () => {
  it('decodes a declared windows-1252 page', () => {
    const bytes = new Uint8Array([...Buffer.from('<meta charset="windows-1252"><p>caf'), 0xe9, 0x20, 0x93, 0x71, 0x94, ...Buffer.from('</p>')]);
    const decoded = decodeBytes(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('café “q”');
    expect(decoded.warning).toBeUndefined();
  });

  it('decodes a declared ISO-8859-1 XML feed', () => {
    const bytes = new Uint8Array([...Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>M'), 0xfc, ...Buffer.from('nchen</t></rss>')]);
    expect(decodeBytes(bytes).text).toContain('München');
  });

  it('falls back to windows-1252 with a warning for undeclared invalid UTF-8', () => {
    const decoded = decodeBytes(new Uint8Array([...Buffer.from('na'), 0xef, ...Buffer.from('ve caf'), 0xe9]));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', text: 'naïve café' });
    expect(decoded.warning).toMatch(/not valid UTF-8/);
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Hé')])).text).toBe('Hé');
  });

  it('a non-UTF-8 text file is read with an encoding warning naming the file', () => {
    const { articles, messages } = ingest({ 'latin.txt': new Uint8Array([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' society')]) });
    expect(articles[0]!.raw).toBe('Café society');
    expect(warnings(messages)).toEqual([expect.objectContaining({ ruleId: 'ingest/encoding', file: 'content/latin.txt' })]);
  });
});

describe('edge cases', () => {
  it('an article that starts with the word "Date" keeps its words and gets no warning', () => {
    const { articles, messages } = ingest({ 'n.txt': 'Date night returns to the harbour cinema.' });
    expect(articles[0]).toMatchObject({ date: null, raw: 'Date night returns to the harbour cinema.' });
    expect(warnings(messages)).toEqual([]);
  });

  it('a date line in another format is a warning, not a silent date', () => {
    const { articles, messages } = ingest({ 'm.txt': 'date 18/03/2025 Body.' });
    expect(articles[0]).toMatchObject({ date: null, raw: 'Body.' });
    expect(warnings(messages)).toEqual([expect.objectContaining({ ruleId: 'ingest/bad-date', line: 1 })]);
  });

  it('a symlink loop in content/ is walked once', async () => {
    const { symlinkSync } = await import('node:fs');
    const cwd = tempDir();
    dirs.push(cwd);
    mkdirSync(path.join(cwd, 'content/a'), { recursive: true });
    writeFileSync(path.join(cwd, 'content/a/x.txt'), 'text');
    symlinkSync(path.join(cwd, 'content'), path.join(cwd, 'content/a/loop'));
    const { ctx, reporter } = makeCtx({}, cwd);
    const articles = ingestContent('content', ctx);
    expect(articles.map((a) => a.id)).toEqual(['a/x']);
    expect(reporter.messages.filter((m) => m.severity === 'error')).toEqual([]);
  });
});
