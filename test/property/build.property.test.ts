/**
 * Whole-build properties on generated content, through the real `build()`:
 *
 * - deterministic: the same content and config give byte-identical `out/`
 *   (a cold build and a build from the warm cache, into two out folders);
 * - `content/` is byte-identical after a build;
 * - an edition never repeats a sentence across its stories;
 * - every source of every story is in edition.json and linked in email.html.
 *
 * Content comes from bench/corpus.ts (wire copies, reworded reports,
 * boilerplate) with a fast-check seed, half as `.txt` scrapes and half as
 * JSONL records carrying a title and URL. A build takes a second or two, so
 * `npm test` runs a handful of cases; `npm run fuzz` (FUZZ_RUNS) runs more.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../../pipeline/build/index.ts';
import { configSchema, type ConfigInput } from '../../pipeline/config/schema.ts';
import { Reporter } from '../../pipeline/common/report.ts';
import { safeHref } from '../../pipeline/render/view.ts';
import type { Edition } from '../../pipeline/types.ts';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { toText } from 'hast-util-to-text';
import { generateCorpus, type SyntheticArticle } from '../../bench/corpus.ts';
import { snapshotTree } from '../foundation/helpers.ts';



const FUZZING = process.env.FUZZ_RUNS !== undefined;
const RUNS = Number(process.env.FUZZ_BUILD_RUNS ?? (FUZZING ? 60 : 4));
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };
vi.setConfig({ testTimeout: FUZZING ? 12 * 3_600_000 : 600_000 });


/** Writes the corpus: even articles as scraped `.txt`, odd ones as JSONL records with a title and URL. */
export function writeMixed(contentDir: string, corpus: SyntheticArticle[]): void {
  mkdirSync(contentDir, { recursive: true });
  const records: string[] = [];
  corpus.forEach((a, i) => {
    if (i % 2 === 0) {
      writeFileSync(path.join(contentDir, `${a.id}.txt`), a.date ? ` date ${a.date} ${a.text}\n` : `${a.text}\n`);
    } else {
      const host = a.publisher.toLowerCase().replace(/[^a-z]+/g, '-');
      records.push(JSON.stringify({ id: a.id, title: a.title, text: a.text, date: a.date, source: a.publisher, url: `https://${host}.example/news/${a.id}?ref=a&b=1` }));
    }
  });
  writeFileSync(path.join(contentDir, 'records.jsonl'), records.join('\n') + '\n');
}

const corpusArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  articles: fc.integer({ min: 3, max: 40 }),
  days: fc.integer({ min: 1, max: 4 }),
  duplicateRate: fc.double({ min: 0, max: 0.6, noNaN: true }),
  rewordRate: fc.double({ min: 0, max: 0.4, noNaN: true }),
});

/** The decoded `href`s and the text of an HTML document, read by a real HTML parser. */
export function linksAndText(html: string): { hrefs: Set<string>; text: string } {
  const root = unified().use(rehypeParse).parse(html);
  const hrefs = new Set<string>();
  const visit = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }) => {
    if (node.type === 'element' && node.tagName === 'a' && typeof node.properties?.href === 'string') hrefs.add(node.properties.href);
    for (const child of node.children ?? []) visit(child as typeof node);
  };
  visit(root);
  return { hrefs, text: toText(root) };
}

async function runBuild(cwd: string, overrides: ConfigInput): Promise<boolean> {
  const config = configSchema.parse(overrides);
  const { summary } = await build({ cwd, config, reporter: new Reporter() });
  return summary.written;
}

describe('build properties on generated content', () => {
  it('is deterministic, leaves content/ alone, never repeats a sentence and links every source', async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, async (options) => {
        const cwd = mkdtempSync(path.join(tmpdir(), 'briefing-prop-build-'));
        try {
          const corpus = generateCorpus({ ...options, startDate: '2025-06-01' });
          writeMixed(path.join(cwd, 'content'), corpus);
          const contentBefore = snapshotTree(path.join(cwd, 'content'));

          // Cold build (empty cache), then the same input from the warm cache into another folder.
          expect(await runBuild(cwd, { out: 'out-a' })).toBe(true);
          expect(await runBuild(cwd, { out: 'out-b' })).toBe(true);
          const a = snapshotTree(path.join(cwd, 'out-a'));
          const b = snapshotTree(path.join(cwd, 'out-b'));
          expect([...b.keys()]).toEqual([...a.keys()]);
          for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes), `out/${file} differs between two builds`).toBe(true);

          expect(snapshotTree(path.join(cwd, 'content'))).toEqual(contentBefore);

          const editionFiles = [...a.keys()].filter((f) => f.endsWith('/edition.json'));
          const dated = corpus.filter((x) => x.date !== null).length;
          if (dated > 0) expect(editionFiles.length).toBeGreaterThan(0);
          for (const file of editionFiles) {
            const edition = JSON.parse(a.get(file)!.toString('utf8')) as Edition;
            const email = linksAndText(a.get(file.replace('edition.json', 'email.html'))!.toString('utf8'));
            const seen = new Map<string, string>();
            for (const story of edition.stories) {
              for (const sentence of story.sentences) {
                const key = sentence.text.toLowerCase().replace(/\W+/g, ' ').trim();
                expect(seen.get(key), `${file}: "${sentence.text}" in ${story.id} repeats ${seen.get(key)}`).toBeUndefined();
                seen.set(key, story.id);
              }
              expect(story.sources.length).toBeGreaterThan(0);
              for (const source of story.sources) {
                const href = safeHref(source.url);
                if (href) expect(email.hrefs.has(href), `${file}: source ${source.articleId} of ${story.id} is not linked`).toBe(true);
                else expect(email.text).toContain(source.publisher ?? path.basename(source.file));
              }
            }
          }
          // Dated content always yields sourced stories.
          const sourced = new Set(editionFiles.flatMap((f) => (JSON.parse(a.get(f)!.toString('utf8')) as Edition).stories.flatMap((s) => s.sources.map((x) => x.articleId))));
          expect(sourced.size).toBeGreaterThanOrEqual(Math.min(1, dated));
        } finally {
          rmSync(cwd, { recursive: true, force: true });
        }
      }),
      params,
    );
  });
});
