import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../pipeline/preview/server.ts';
import { resolveInside } from '../../pipeline/preview/security.ts';
import { Ledger } from '../../pipeline/deliver/ledger.ts';
import { sampleCopy } from './sample.ts';

/** A raw HTTP request (fetch would normalise `/../` and refuse to set Host/Origin freely). */
function raw(port: number, method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: rawPath, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let dir: string;
let preview: PreviewServer;
let token: string;
let origin: string;

beforeAll(async () => {
  dir = sampleCopy();
  preview = await startPreview({ cwd: dir, port: 0, env: { PATH: process.env.PATH } });
  const status = await preview.ready;
  expect(status.problems.filter((m) => m.severity === 'error')).toEqual([]);
  const page = await raw(preview.port, 'GET', '/');
  token = /name="preview-token" content="([^"]+)"/.exec(page.text)![1]!;
  origin = `http://127.0.0.1:${preview.port}`;
});

afterAll(async () => {
  await preview?.close();
});

describe('preview server', () => {
  it('listens on loopback only and lists the editions of the real build', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await raw(preview.port, 'GET', '/');
    expect(page.status).toBe(200);
    const dates = [...page.text.matchAll(/<tr data-date="([^"]+)"/g)].map((m) => m[1]);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates).toContain('2025-03-18');
    expect(existsSync(path.join(dir, '.cache', 'preview-out', 'editions', '2025-03-18', 'edition.json'))).toBe(true);
    // out/ (what gets published) is not touched by previewing.
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('shows an edition the send ledger records as sent', async () => {
    const ledger = new Ledger(path.join(dir, 'state'));
    ledger.record('2025-04-23', 'reader@example.org', 'sent', '<x@example.org>', 1);
    ledger.close();
    const page = await raw(preview.port, 'GET', '/');
    expect(page.text).toMatch(/<tr data-date="2025-04-23">.*?class="state sent">sent<\/span> <small>\(1 recipient\)/);
    expect(page.text).toMatch(/<tr data-date="2025-03-18">.*?class="state draft"/);
    expect((await raw(preview.port, 'GET', '/editions/2025-04-23')).text).toContain('already sent to 1 recipient');
  });

  it('serves built files and its own assets', async () => {
    expect((await raw(preview.port, 'GET', '/out/editions/2025-03-18/edition.json')).status).toBe(200);
    expect((await raw(preview.port, 'GET', '/assets/app.js')).status).toBe(200);
    const edition = await raw(preview.port, 'GET', '/editions/2025-03-18');
    expect(edition.status).toBe(200);
    expect(edition.text).toContain('id="email-frame"');
    expect((await raw(preview.port, 'GET', '/editions/1999-01-01')).status).toBe(404);
  });

  it.each([
    '/out/../package.json',
    '/out/%2e%2e/%2e%2e/etc/passwd',
    '/out/%2E%2E%2Fconfig',
    '/out/editions%2f..%2f..%2freport.json',
    '/out/..%5c..%5cetc%5cpasswd',
    '/out/editions/../../content/000_94aba342c8781b43.txt',
    '/out/%252e%252e/x',
    '/out/.%00./x',
    '/assets/../server.ts',
    '/assets/%2e%2e%2fserver.ts',
    '/assets/html.ts',
  ])('refuses path traversal: %s', async (p) => {
    const res = await raw(preview.port, 'GET', p);
    expect(res.status).not.toBe(200);
    expect(res.text).not.toContain('"name": "briefing"');
    expect(res.text).not.toContain('createServer');
  });

  it('resolves only inside the root, whatever the encoding', () => {
    const root = path.join(dir, '.cache', 'preview-out');
    expect(resolveInside(root, 'editions/2025-03-18/edition.json')).toBe(path.join(root, 'editions', '2025-03-18', 'edition.json'));
    for (const bad of ['../content', '%2e%2e/content', 'editions/%2F..', '..\\x', 'a/./b', '.hidden']) expect(resolveInside(root, bad)).toBeNull();
    // A symlink inside the root that leads outside it is refused too.
    const outside = mkdtempSync(path.join(tmpdir(), 'outside-'));
    writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    symlinkSync(outside, path.join(root, 'escape'));
    expect(resolveInside(root, 'escape/secret.txt')).toBeNull();
    rmSync(path.join(root, 'escape'));
  });

  it('refuses a foreign Host (DNS rebinding)', async () => {
    const res = await raw(preview.port, 'GET', '/', { host: 'evil.example:80' });
    expect(res.status).toBe(403);
  });

  it('refuses state-changing requests without the token or from another origin, and writes nothing', async () => {
    const body = JSON.stringify({ kind: 'approve', value: true });
    const target = '/api/editions/2025-03-18/overrides';
    const json = { 'content-type': 'application/json' };
    const noToken = await raw(preview.port, 'POST', target, { ...json, origin }, body);
    const wrongToken = await raw(preview.port, 'POST', target, { ...json, origin, 'x-preview-token': 'x'.repeat(token.length) }, body);
    const foreign = await raw(preview.port, 'POST', target, { ...json, origin: 'https://evil.example', 'x-preview-token': token }, body);
    const noOrigin = await raw(preview.port, 'POST', target, { ...json, 'x-preview-token': token }, body);
    const crossSite = await raw(preview.port, 'POST', target, { ...json, 'sec-fetch-site': 'cross-site', 'x-preview-token': token }, body);
    const foreignReferer = await raw(preview.port, 'POST', target, { ...json, referer: 'https://evil.example/page', 'x-preview-token': token }, body);
    const form = await raw(preview.port, 'POST', target, { 'content-type': 'application/x-www-form-urlencoded', origin, 'x-preview-token': token }, 'kind=approve');
    for (const res of [noToken, wrongToken, foreign, noOrigin, crossSite, foreignReferer, form]) expect(res.status).toBe(403);
    const sendTest = await raw(preview.port, 'POST', '/api/editions/2025-03-18/send-test', { ...json, origin: 'https://evil.example' }, JSON.stringify({ to: 'a@b.example' }));
    expect(sendTest.status).toBe(403);
    expect(existsSync(path.join(dir, 'content', 'editions'))).toBe(false);
  });

  it('writes an override from its own page, rebuilds, and the edition shows it', async () => {
    const before = JSON.parse(readFileSync(path.join(dir, '.cache', 'preview-out', 'editions', '2025-03-18', 'edition.json'), 'utf8'));
    const victim = before.stories[0];
    const headers = { 'content-type': 'application/json', origin, 'x-preview-token': token };
    const hide = await raw(preview.port, 'POST', '/api/editions/2025-03-18/overrides', headers, JSON.stringify({ kind: 'hide', storyId: victim.id, value: true }));
    expect(hide.status).toBe(200);
    const approve = await raw(preview.port, 'POST', '/api/editions/2025-03-18/overrides', headers, JSON.stringify({ kind: 'approve', value: true }));
    expect(approve.status).toBe(200);
    const file = path.join(dir, 'content', 'editions', '2025-03-18.yaml');
    expect(readFileSync(file, 'utf8')).toMatch(/approved: true/);
    expect(readdirSync(path.dirname(file))).toEqual(['2025-03-18.yaml']);
    const after = JSON.parse(readFileSync(path.join(dir, '.cache', 'preview-out', 'editions', '2025-03-18', 'edition.json'), 'utf8'));
    expect(after.approved).toBe(true);
    expect(after.stories.map((s: { id: string }) => s.id)).not.toContain(victim.id);
    const page = await raw(preview.port, 'GET', '/editions/2025-03-18');
    expect(page.text).toContain('Hidden by the editor');
    expect(page.text).toContain('class="state approved"');
    // A bad change is refused with a reason, and the file is unchanged.
    const text = readFileSync(file, 'utf8');
    const bad = await raw(preview.port, 'POST', '/api/editions/2025-03-18/overrides', headers, JSON.stringify({ kind: 'headline', storyId: victim.id, value: 'x'.repeat(150) }));
    expect(bad.status).toBe(422);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('pins, reorders, merges and notes from the page, and the email shows the note', async () => {
    const headers = { 'content-type': 'application/json', origin, 'x-preview-token': token };
    const edit = (change: object) => raw(preview.port, 'POST', '/api/editions/2025-03-18/overrides', headers, JSON.stringify(change));
    const read = () => JSON.parse(readFileSync(path.join(dir, '.cache', 'preview-out', 'editions', '2025-03-18', 'edition.json'), 'utf8'));
    const ids: string[] = read().stories.map((s: { id: string }) => s.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const last = ids[ids.length - 1]!;
    expect((await edit({ kind: 'pin', storyId: last, value: true })).status).toBe(200);
    expect(read().stories[0]).toMatchObject({ id: last, pinned: true });
    expect((await edit({ kind: 'pin', storyId: last, value: false })).status).toBe(200);
    expect((await edit({ kind: 'order', storyIds: [...ids].reverse() })).status).toBe(200);
    expect(read().stories.map((s: { id: string }) => s.id)).toEqual([...ids].reverse());
    expect((await edit({ kind: 'note', value: 'Note from the desk & <friends>' })).status).toBe(200);
    expect(read().note).toBe('Note from the desk & <friends>');
    expect(readFileSync(path.join(dir, '.cache', 'preview-out', 'editions', '2025-03-18', 'email.html'), 'utf8')).toContain('Note from the desk &amp; &lt;friends&gt;');
    expect((await edit({ kind: 'merge', storyIds: [ids[0], ids[1]] })).status).toBe(200);
    const merged = read().stories;
    expect(merged.length).toBe(ids.length - 1);
    expect(merged.some((s: { sources: unknown[] }) => s.sources.length >= 2)).toBe(true);
    expect((await edit({ kind: 'nonsense' })).status).toBe(400);
    expect((await edit({ kind: 'hide', storyId: 'x', value: 'yes' })).status).toBe(400);
  });

  it('rebuilds on a config change and shows a config error with its file and line', async () => {
    const config = path.join(dir, 'briefing.config.json');
    const version = preview.builder.status.version;
    writeFileSync(config, '{\n  "title": "Morning Notes"\n}\n');
    await expect.poll(() => preview.builder.status.version, { timeout: 10_000 }).toBeGreaterThan(version);
    await expect.poll(async () => (await raw(preview.port, 'GET', '/')).text, { timeout: 10_000 }).toContain('Morning Notes · preview');
    writeFileSync(config, '{\n  "title": "Morning Notes",\n  "titel": 3\n}\n');
    await expect.poll(() => preview.builder.status.ok, { timeout: 10_000 }).toBe(false);
    expect(preview.builder.status.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'briefing.config.json', line: 3 })]));
    rmSync(config);
    await expect.poll(() => preview.builder.status.ok, { timeout: 10_000 }).toBe(true);
  });

  it('shows a broken override file as a build error naming the file and line', async () => {
    const file = path.join(dir, 'content', 'editions', '2025-03-18.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, 'approved: true\nstories:\n  abc:\n    hidden: true\n');
    const status = await preview.builder.rebuild();
    expect(status.ok).toBe(false);
    expect(status.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'content/editions/2025-03-18.yaml', line: 4, ruleId: 'overrides/invalid' })]));
    const page = await raw(preview.port, 'GET', '/');
    expect(page.text).toContain('content/editions/2025-03-18.yaml:4');
    writeFileSync(file, good);
    expect((await preview.builder.rebuild()).ok).toBe(true);
  });
});
