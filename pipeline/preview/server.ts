import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/load.ts';
import { editionFingerprint, overrideFilePath, readOverrideSource, updateOverrides, type OverrideChange } from '../overrides/index.ts';
import { sha256 } from '../common/hash.ts';
import { packageFile } from '../common/package-root.ts';
import { readBody, respond } from '../common/http.ts';
import { PreviewBuilder, type BuildStatus } from './builder.ts';
import { editionDates, feedItemFor, readEdition, readReport } from './data.ts';
import { sentEditions } from './ledger.ts';
import { editionPage, listPage, listRows, notFoundPage, type PageContext } from './pages.ts';
import { hostAllowed, newSessionToken, resolveInside, stateChangeAllowed } from './security.ts';
import { isTestAddress, sendTestCopy } from './send-test.ts';
import { InputWatcher } from './watch.ts';

const ASSETS_DIR = packageFile('pipeline/preview/assets');
/** The app's own files: a fixed list, nothing else is served from the app folder. */
const ASSETS: Record<string, string> = { 'app.js': 'text/javascript; charset=utf-8', 'app.css': 'text/css; charset=utf-8' };
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};
/** The only host the preview listens on: it is a local tool, never reachable from the network. */
export const PREVIEW_HOST = '127.0.0.1';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_BODY = 256 * 1024;

export interface PreviewOptions {
  cwd: string;
  port: number;
  configFile?: string;
  /** `--content DIR`. */
  content?: string;
  env: NodeJS.ProcessEnv;
  /** Progress lines (build results); the CLI prints them. */
  log?: (line: string) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  builder: PreviewBuilder;
  /** Resolves when the first build has finished. */
  ready: Promise<BuildStatus>;
  close(): Promise<void>;
}

/**
 * `briefing preview`: the editor's local web app over the real pipeline
 * output. Builds into `.cache/preview-out` (see builder.ts), serves pages
 * rendered here plus the built files under `/out/`, rebuilds when inputs
 * change and tells open pages over server-sent events (`/events`).
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const token = newSessionToken();
  const clients = new Set<ServerResponse>();
  // Override files this server wrote: their change events are not edits to react to twice.
  const written = new Map<string, string>();
  const log = options.log ?? (() => undefined);

  const broadcast = (status: BuildStatus) => {
    const data = JSON.stringify({ version: status.version, ok: status.ok, ms: status.ms, problems: status.ok ? [] : status.problems });
    for (const res of clients) res.write(`event: build\ndata: ${data}\n\n`);
  };
  const builder = new PreviewBuilder({
    cwd: options.cwd,
    env: options.env,
    ...(options.configFile ? { configFile: options.configFile } : {}),
    ...(options.content ? { overrides: { content: options.content } } : {}),
    onBuilt: (status) => {
      log(status.ok ? `rebuilt in ${status.ms} ms` : `build failed: ${status.problems.map((m) => `${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.reason}`).join('; ')}`);
      broadcast(status);
      armWatcher();
    },
  });

  const watcher = new InputWatcher(
    (files) => {
      log(`changed: ${files.map((f) => path.relative(options.cwd, f)).join(', ')}`);
      void builder.rebuild();
    },
    (file) => {
      const base = path.basename(file);
      if (base.startsWith('.') || base.endsWith('~') || /\.sw[px]$/.test(base)) return true;
      const mine = written.get(file);
      if (mine === undefined) return false;
      try {
        return sha256(readFileSync(file, 'utf8')) === mine;
      } catch {
        return false;
      }
    },
  );
  const armWatcher = () => {
    const config = builder.config;
    const configFiles = builder.configFile ? [path.resolve(options.cwd, builder.configFile)] : CONFIG_FILE_NAMES.map((n) => path.join(options.cwd, n));
    watcher.watch([path.resolve(options.cwd, config.content), path.resolve(options.cwd, config.render.templates)], configFiles);
  };

  let port = 0;
  /** The first build: pages wait for it rather than show an empty list. */
  let ready: Promise<BuildStatus> = Promise.resolve(builder.status);
  const pageContext = (): PageContext => ({ title: builder.config.title, token, status: builder.status });

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `preview error: ${(error as Error).message}`);
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden host');
    const rawUrl = req.url ?? '/';
    const rawPath = rawUrl.split('?')[0]!;
    const method = req.method ?? 'GET';

    if (method === 'POST') return handlePost(req, res, rawPath);
    if (method !== 'GET' && method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');

    if (rawPath === '/' || rawPath === '/index.html') {
      await ready;
      const out = builder.outDir;
      const messages = readReport(out);
      const rows = listRows(editionDates(out).map((d) => readEdition(out, d)), messages, sentEditions(path.resolve(options.cwd, builder.config.state)));
      return sendPage(res, 200, listPage(pageContext(), rows, messages));
    }
    const editionMatch = /^\/editions\/([^/]+)\/?$/.exec(rawPath);
    if (editionMatch) {
      await ready;
      const date = editionMatch[1]!;
      const out = builder.outDir;
      if (!DAY.test(date) || !editionDates(out).includes(date)) return sendPage(res, 404, notFoundPage(pageContext(), `There is no edition ${date} in the last build.`));
      const files = readEdition(out, date);
      const sent = sentEditions(path.resolve(options.cwd, builder.config.state));
      const state = sent.has(date) ? 'sent' : files.edition?.approved ? 'approved' : 'draft';
      return sendPage(
        res,
        200,
        editionPage(pageContext(), {
          files,
          state,
          sentTo: sent.get(date) ?? 0,
          messages: readReport(out),
          feedItem: feedItemFor(out, date),
          overrideSource: readOverrideSource(options.cwd, builder.config.content, date),
          overrideFile: path.relative(options.cwd, overrideFilePath(options.cwd, builder.config.content, date)),
          sendTestReady: Boolean(options.env.SMTP_URL) || Boolean((builder.config.deliver as { transport?: unknown }).transport),
        }),
      );
    }
    if (rawPath === '/events') return openEvents(req, res);
    if (rawPath.startsWith('/assets/')) {
      const name = rawPath.slice('/assets/'.length);
      const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (!type) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
      return send(res, 200, type, readFileSync(path.join(ASSETS_DIR, name)));
    }
    if (rawPath.startsWith('/out/')) {
      const file = resolveInside(builder.outDir, rawPath.slice('/out/'.length));
      if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      // Built files are content from the web: no scripts run in them, whatever they contain.
      return send(res, 200, type, readFileSync(file), { 'Content-Security-Policy': "script-src 'none'; object-src 'none'; base-uri 'none'", 'X-Frame-Options': 'SAMEORIGIN' });
    }
    return sendPage(res, 404, notFoundPage(pageContext(), 'No such page.'));
  }

  function openEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(`retry: 500\n\n`);
    clients.add(res);
    if (builder.status.version > 0) {
      const s = builder.status;
      res.write(`event: build\ndata: ${JSON.stringify({ version: s.version, ok: s.ok, ms: s.ms, problems: s.ok ? [] : s.problems })}\n\n`);
    }
    req.on('close', () => clients.delete(res));
  }

  async function handlePost(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> {
    const allowed = stateChangeAllowed(req, port, token);
    if (!allowed.ok) return sendJson(res, 403, { ok: false, error: allowed.reason });
    const match = /^\/api\/editions\/(\d{4}-\d{2}-\d{2})\/(overrides|send-test)$/.exec(rawPath);
    if (!match) return sendJson(res, 404, { ok: false, error: 'no such action' });
    const [, date, action] = match as unknown as [string, string, string];
    const text = await readBody(req, MAX_BODY);
    if (text === null) return sendJson(res, 413, { ok: false, error: 'request body too large' });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return sendJson(res, 400, { ok: false, error: `bad request body: ${(error as Error).message}` });
    }
    if (action === 'overrides') {
      let change = parseChange(body);
      if (!change) return sendJson(res, 400, { ok: false, error: 'unknown change' });
      if (change.kind === 'approve' && change.value) {
        // Approve what the editor sees: the fingerprint of the edition as built now.
        const current = readEdition(builder.outDir, date).edition;
        if (!current) return sendJson(res, 404, { ok: false, error: `there is no ${date} edition to approve` });
        change = { ...change, fingerprint: editionFingerprint(current) };
      }
      const result = updateOverrides(options.cwd, builder.config.content, date, change);
      if (!result.ok) return sendJson(res, 422, { ok: false, error: result.messages.map((m) => `${m.file}${m.line ? `:${m.line}` : ''}: ${m.reason}`).join('\n') });
      written.set(path.resolve(options.cwd, result.file), sha256(result.text));
      log(`${result.file}: ${change.kind}`);
      const status = await builder.rebuild();
      return sendJson(res, 200, { ok: true, file: result.file, build: { version: status.version, ok: status.ok } });
    }
    const to = typeof (body as { to?: unknown })?.to === 'string' ? (body as { to: string }).to.trim() : '';
    if (!isTestAddress(to)) return sendJson(res, 400, { ok: false, error: 'type one email address' });
    const result = await sendTestCopy({ cwd: options.cwd, config: builder.config, outDir: builder.outDir, date, to, env: options.env });
    if (result.ok) log(`test copy of ${date} sent to ${to}`);
    return sendJson(res, result.ok ? 200 : 502, result.ok ? { ok: true, detail: result.detail } : { ok: false, error: result.error });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, PREVIEW_HOST, () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const url = `http://${PREVIEW_HOST}:${port}/`;
  ready = builder.rebuild();
  armWatcher();

  return {
    url,
    port,
    builder,
    ready,
    async close() {
      watcher.close();
      for (const res of clients) res.end();
      clients.clear();
      await ready.catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/** Only the changes the page can ask for, with their fields checked. */
export function parseChange(body: unknown): OverrideChange | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.length <= 10_000 ? v : null);
  const ids = (v: unknown) => (Array.isArray(v) && v.length <= 500 && v.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 200) ? (v as string[]) : null);
  const storyId = str(b.storyId);
  switch (b.kind) {
    case 'hide':
    case 'pin':
      return storyId && typeof b.value === 'boolean' ? { kind: b.kind, storyId, value: b.value } : null;
    case 'headline':
    case 'summary':
      return storyId && (b.value === null || str(b.value) !== null) ? { kind: b.kind, storyId, value: b.value as string | null } : null;
    case 'note':
      return b.value === null || str(b.value) !== null ? { kind: 'note', value: b.value as string | null } : null;
    case 'approve':
      return typeof b.value === 'boolean' ? { kind: 'approve', value: b.value } : null;
    case 'order':
      return ids(b.storyIds) ? { kind: 'order', storyIds: ids(b.storyIds)! } : null;
    case 'merge':
      return ids(b.storyIds) && ids(b.storyIds)!.length >= 2 ? { kind: 'merge', storyIds: ids(b.storyIds)! } : null;
    case 'split':
      return str(b.articleId) ? { kind: 'split', articleId: str(b.articleId)! } : null;
    case 'keep': {
      const file = str(b.file);
      const text = str(b.text);
      return file ? { kind: 'keep', file, ...(text ? { text } : {}) } : null;
    }
    default:
      return null;
  }
}

const APP_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/** Every preview response: never cached (it changes on each build), referrer kept on the preview's own origin. */
function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  respond(res, status, type, body, { 'Referrer-Policy': 'same-origin', ...headers });
}

function sendPage(res: ServerResponse, status: number, body: string): void {
  send(res, status, 'text/html; charset=utf-8', body, { 'Content-Security-Policy': APP_CSP });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}
