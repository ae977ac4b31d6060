import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../pipeline/config/load.ts';
import { parseOverrides } from '../../pipeline/overrides/load.ts';
import { parseYamlSubscribers } from '../../pipeline/deliver/subscribers.ts';
import { ingestFile } from '../../pipeline/ingest/index.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { defaultConfig, isTimeZone } from '../../pipeline/config/schema.ts';
import { removeDir, tempDir } from './helpers.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});
function workspace(files: Record<string, string> = {}): string {
  const dir = tempDir();
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('loadConfig', () => {
  it('works with zero config: the documented defaults', () => {
    const loaded = loadConfig({ cwd: workspace(), env: {} });
    expect(loaded).toMatchObject({ file: null, messages: [] });
    expect(loaded.config).toEqual(defaultConfig());
    expect(loaded.config).toMatchObject({ timezone: 'UTC', content: 'content', out: 'out', cache: '.cache', ingest: { maxFileBytes: 10 * 1024 * 1024, feeds: [], blockPrivateAddresses: true } });
  });

  it('reads briefing.config.json and overrides only what it names', () => {
    const cwd = workspace({ 'briefing.config.json': JSON.stringify({ title: 'Harbour Briefing', ingest: { maxFileBytes: 2048 } }) });
    const loaded = loadConfig({ cwd, env: {} });
    expect(loaded.file).toBe('briefing.config.json');
    expect(loaded.messages).toEqual([]);
    expect(loaded.config.title).toBe('Harbour Briefing');
    expect(loaded.config.ingest.maxFileBytes).toBe(2048);
    expect(loaded.config.ingest.fetchTimeoutMs).toBe(defaultConfig().ingest.fetchTimeoutMs);
    expect(loaded.config.timezone).toBe('UTC');
  });

  it('reads briefing.config.yaml', () => {
    const cwd = workspace({ 'briefing.config.yaml': 'timezone: Europe/London\ningest:\n  feeds:\n    - url: feeds/rss.xml\n      publisher: Harbour\n' });
    const loaded = loadConfig({ cwd, env: {} });
    expect(loaded.messages).toEqual([]);
    expect(loaded.config.timezone).toBe('Europe/London');
    expect(loaded.config.ingest.feeds).toEqual([{ url: 'feeds/rss.xml', publisher: 'Harbour' }]);
  });

  it('takes a feed given by its URL or path alone, as well as its object', () => {
    const cwd = workspace({ 'briefing.config.json': '{ "ingest": { "feeds": ["feeds/rss.xml", { "url": "https://news.example/atom", "publisher": "Harbour" }] } }' });
    const loaded = loadConfig({ cwd, env: {} });
    expect(loaded.messages).toEqual([]);
    expect(loaded.config.ingest.feeds).toEqual([{ url: 'feeds/rss.xml' }, { url: 'https://news.example/atom', publisher: 'Harbour' }]);
    // An empty one is still an error naming the key.
    const empty = loadConfig({ cwd: workspace({ 'briefing.config.json': '{ "ingest": { "feeds": [""] } }' }), env: {} });
    expect(empty.messages).toEqual([expect.objectContaining({ severity: 'error', ruleId: 'config/invalid' })]);
    expect(empty.messages[0]!.reason).toContain('ingest.feeds.0');
  });

  it('an unknown key is an error naming the file, the key and its line', () => {
    const cwd = workspace({ 'briefing.config.yaml': 'title: X\ningest:\n  maxFileBytez: 5\n' });
    const { messages } = loadConfig({ cwd, env: {} });
    expect(messages).toEqual([expect.objectContaining({ severity: 'error', file: 'briefing.config.yaml', line: 3, ruleId: 'config/invalid' })]);
    expect(messages[0]!.reason).toContain('ingest.maxFileBytez');
  });

  it('a wrong type is an error naming the file, the key, the line and what was expected', () => {
    const cwd = workspace({ 'briefing.config.json': '{\n  "title": "X",\n  "ingest": {\n    "fetchTimeoutMs": "fast"\n  }\n}\n' });
    const { messages } = loadConfig({ cwd, env: {} });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ severity: 'error', file: 'briefing.config.json', line: 4 });
    expect(messages[0]!.reason).toMatch(/ingest\.fetchTimeoutMs.*number/);
  });

  it('an unknown timezone is an error that says what is expected', () => {
    const cwd = workspace({ 'briefing.config.json': '{"timezone": "Mars/Olympus"}' });
    const { messages } = loadConfig({ cwd, env: {} });
    expect(messages[0]!.reason).toMatch(/timezone.*IANA/);
  });

  it('takes every name Intl takes as a timezone — canonical, UTC in any case, aliases — and no other', () => {
    for (const name of ['UTC', 'utc', 'Etc/UTC', 'GMT', 'Europe/London', 'America/New_York', 'US/Pacific', 'Asia/Calcutta', 'Asia/Kolkata']) expect(isTimeZone(name), name).toBe(true);
    for (const name of ['Mars/Olympus', '', 'Europe', 'London']) expect(isTimeZone(name), name).toBe(false);
  });

  it('a syntax error names the file and line', () => {
    const cwd = workspace({ 'briefing.config.json': '{\n  "title": "X",\n  "out": "y" "z"\n}\n' });
    const { messages } = loadConfig({ cwd, env: {} });
    expect(messages[0]).toMatchObject({ severity: 'error', file: 'briefing.config.json', ruleId: 'config/syntax' });
    expect(messages[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('a file that parses but cannot be read — an alias with no anchor, too many aliases — is a syntax error naming the line, not a crash', () => {
    for (const [text, line] of [
      ['title: X\nout: *nowhere\n', 2],
      ['*:\n', 1],
      ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n', 2],
    ] as const) {
      const { config, messages } = loadConfig({ cwd: workspace({ 'briefing.config.yaml': text }), env: {} });
      expect(messages, text).toMatchObject([{ severity: 'error', file: 'briefing.config.yaml', ruleId: 'config/syntax', line }]);
      expect(config.out).toBe('out');
    }
  });

  it('takes only http:// and https:// URLs for the links readers get (baseUrl, deliver.unsubscribeUrl), from the file or the environment', () => {
    for (const bad of ['ftp://files.example.org/', 'javascript:alert(1)', 'file:///etc/passwd']) {
      const fromFile = loadConfig({ cwd: workspace({ 'briefing.config.json': JSON.stringify({ baseUrl: bad, deliver: { unsubscribeUrl: bad } }, null, 1) }), env: {} });
      expect(fromFile.messages.map((m) => [m.ruleId, m.detail?.key]), bad).toEqual([
        ['config/invalid', 'baseUrl'],
        ['config/invalid', 'deliver.unsubscribeUrl'],
      ]);
      expect(fromFile.messages[0]!.reason).toContain('http:// or https://');
      const fromEnv = loadConfig({ cwd: workspace(), env: { BRIEFING_BASE_URL: bad } });
      expect(fromEnv.messages.map((m) => m.ruleId)).toEqual(['config/invalid']);
    }
    const ok = loadConfig({ cwd: workspace(), env: { BRIEFING_BASE_URL: 'http://localhost:8080/briefing/' } });
    expect([ok.messages, ok.config.baseUrl]).toEqual([[], 'http://localhost:8080/briefing/']);
  });

  it('YAML the library warns about (a list as a map key) is reported by the reader alone: no Node warning on stderr', () => {
    const warned = vi.spyOn(process, 'emitWarning');
    try {
      const text = '? [a, b]\n: 1\n';
      const cwd = workspace({ 'briefing.config.yaml': text, 'a.md': `---\n${text}---\nBody.\n` });
      expect(loadConfig({ cwd, env: {} }).messages).toMatchObject([{ ruleId: 'config/invalid', line: 1 }]);
      const reporter = new Reporter();
      parseOverrides(text, 'content/editions/2025-03-18.yaml', reporter.for('preview'));
      parseYamlSubscribers(text, 'subscribers.yaml', reporter.for('deliver'));
      expect(ingestFile(path.join(cwd, 'a.md'), { config: defaultConfig(), cwd, report: reporter.for('ingest') })).toHaveLength(1);
      expect(warned).not.toHaveBeenCalled();
    } finally {
      warned.mockRestore();
    }
  });

  it('a missing --config file is an error', () => {
    const { messages } = loadConfig({ cwd: workspace(), env: {}, file: 'nope.json' });
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'config/missing-file', severity: 'error' })]);
  });

  it('precedence: flag > environment > file > default', () => {
    const cwd = workspace({ 'briefing.config.json': JSON.stringify({ out: 'from-file', content: 'file-content', timezone: 'Europe/Paris' }) });
    const fileOnly = loadConfig({ cwd, env: {} }).config;
    expect([fileOnly.out, fileOnly.content, fileOnly.timezone, fileOnly.state]).toEqual(['from-file', 'file-content', 'Europe/Paris', 'state']);
    const withEnv = loadConfig({ cwd, env: { BRIEFING_OUT: 'from-env', BRIEFING_TIMEZONE: 'Asia/Tokyo' } }).config;
    expect([withEnv.out, withEnv.content, withEnv.timezone]).toEqual(['from-env', 'file-content', 'Asia/Tokyo']);
    const withFlag = loadConfig({ cwd, env: { BRIEFING_OUT: 'from-env' }, overrides: { out: 'from-flag' } }).config;
    expect([withFlag.out, withFlag.timezone]).toEqual(['from-flag', 'Europe/Paris']);
  });

  it('a bad value from the environment is an error that says it came from there', () => {
    const { messages } = loadConfig({ cwd: workspace(), env: { BRIEFING_TIMEZONE: 'Not/AZone' } });
    expect(messages[0]).toMatchObject({ file: null, severity: 'error' });
    expect(messages[0]!.reason).toMatch(/environment/);
  });
});
