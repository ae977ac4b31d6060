/** Loading the article-extraction-benchmark folder: pages, ground truth, published outputs. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeBytes } from '../../pipeline/ingest/decode.ts';

export interface BenchPage {
  id: string;
  url: string;
  html: string;
}

export function loadTruth(dir: string): Map<string, { text: string; url: string }> {
  const raw = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody?: string; url?: string }>;
  return new Map(Object.entries(raw).map(([id, v]) => [id, { text: v.articleBody ?? '', url: v.url ?? '' }]));
}

/** Pages decoded the way ingest decodes them (declared charset, else UTF-8, else windows-1252). */
export function loadPages(dir: string): BenchPage[] {
  const truth = loadTruth(dir);
  return readdirSync(path.join(dir, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => {
      const id = name.replace(/\.html\.gz$/, '');
      const html = decodeBytes(gunzipSync(readFileSync(path.join(dir, 'html', name)))).text;
      return { id, url: truth.get(id)?.url ?? '', html };
    });
}

/** A published output file (`{output: {id: {articleBody}}}`) as id → text. */
export function loadPublished(dir: string, name: string): Map<string, string> {
  const raw = JSON.parse(readFileSync(path.join(dir, 'published-outputs', `${name}.json`), 'utf8')) as {
    output?: Record<string, { articleBody?: string }>;
  };
  return new Map(Object.entries(raw.output ?? {}).map(([id, v]) => [id, v.articleBody ?? '']));
}
