/**
 * ECB+ story-quality benchmark helpers: load the documents as articles, run
 * the dedupe stage on all of them together, and the baseline the issue names
 * (unigram Jaccard ≥ threshold, single link) from the same tokens.
 */
import { readFileSync } from 'node:fs';
import { defaultConfig, type Config } from '../../pipeline/config/schema.ts';
import { dedupeArticles } from '../../pipeline/dedupe/index.ts';
import { makeArticle } from '../../pipeline/ingest/article.ts';
import { standaloneReporter } from '../../pipeline/common/report.ts';
import { tokenize } from '../../pipeline/common/text.ts';
import { UnionFind } from '../../pipeline/dedupe/union-find.ts';
import type { Article } from '../../pipeline/types.ts';
import { adjustedRandIndex } from './ari.ts';

export interface EcbDocument {
  doc_id: string;
  topic: number;
  cluster: string;
  text: string;
}

export function loadEcb(file: string): EcbDocument[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EcbDocument);
}

/** An ECB+ document as a cleaned, undated article (the corpus has no dates). */
export function ecbArticle(doc: EcbDocument): Article {
  const article = makeArticle({ id: doc.doc_id, origin: { file: `ecbplus/${doc.doc_id}`, recordId: doc.doc_id }, format: 'json', raw: doc.text });
  article.paragraphs = doc.text.split('\n').filter((l) => l.trim()).map((text) => ({ type: 'paragraph' as const, text }));
  article.text = article.paragraphs.map((p) => p.text).join('\n\n');
  return article;
}

export function dedupeAri(docs: EcbDocument[], overrides: Partial<Config['dedupe']> = {}): { ari: number; stories: number; ms: number } {
  const config = defaultConfig();
  config.dedupe = { ...config.dedupe, ...overrides };
  const { report } = standaloneReporter('dedupe');
  const articles = docs.map(ecbArticle);
  const started = performance.now();
  const stories = dedupeArticles(articles, { config, report, cwd: process.cwd(), caching: false });
  const ms = performance.now() - started;
  const storyOf = new Map<string, string>();
  for (const story of stories) for (const m of story.articles) storyOf.set(m.articleId, story.id);
  return { ari: adjustedRandIndex(docs.map((d) => d.cluster), docs.map((d) => storyOf.get(d.doc_id)!)), stories: stories.length, ms };
}

/** The baseline: word-unigram sets, Jaccard ≥ threshold joins two documents, single link. */
export function baselineAri(docs: EcbDocument[], threshold = 0.2): number {
  const sets = docs.map((d) => new Set(tokenize(d.text)));
  const uf = new UnionFind(docs.length);
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      let shared = 0;
      const [a, b] = [sets[i]!, sets[j]!];
      for (const w of a) if (b.has(w)) shared++;
      if (shared / (a.size + b.size - shared) >= threshold) uf.union(i, j);
    }
  }
  return adjustedRandIndex(docs.map((d) => d.cluster), docs.map((_, i) => String(uf.find(i))));
}
