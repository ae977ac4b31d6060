import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The small HTTP servers of Briefing (the preview, the unsubscribe endpoint)
 * answer with these two helpers, so every response carries the same safe
 * defaults and no request body can grow without bound.
 */

/**
 * Writes a whole response. Every response is `nosniff` and `no-store` unless
 * `headers` says otherwise; header names are lower-cased so an override
 * replaces a default instead of sending the header twice.
 */
export function respond(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  const all: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  for (const [name, value] of Object.entries(headers)) all[name.toLowerCase()] = value;
  res.writeHead(status, all);
  res.end(body);
}

/** The request body as UTF-8, or null (and the connection dropped) once it exceeds `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
