import { loadPages } from './data.ts';
import { parseHtml, flattenDeepNesting } from '../../pipeline/clean/html/parse.ts';
import { analyse } from '../../pipeline/clean/html/analyse.ts';
import { selectContainers, pruneAndReport } from '../../pipeline/clean/html/select.ts';
import { sanitizeArticle, toParagraphs } from '../../pipeline/clean/html/paragraphs.ts';
import { unified } from 'unified'; import rehypeParse from 'rehype-parse';
const pages = loadPages('/work/shared/bench-data/article-extraction-benchmark');
const T: Record<string, number> = {};
const time = <X,>(k: string, f: () => X): X => { const t = performance.now(); const r = f(); T[k] = (T[k] ?? 0) + performance.now() - t; return r; };
const proc = unified().use(rehypeParse);
for (const p of pages) {
  time('flatten', () => flattenDeepNesting(p.html));
  time('rawparse', () => proc.parse(p.html));
  const { tree } = time('parse', () => parseHtml(p.html));
  const a = time('analyse', () => analyse(tree));
  const s = time('select', () => selectContainers(a));
  const pr = time('prune', () => pruneAndReport(tree, a, s));
  const san = time('sanitize', () => sanitizeArticle(pr.root));
  time('paras', () => toParagraphs(san));
}
console.log(Object.fromEntries(Object.entries(T).map(([k, v]) => [k, Math.round(v)])));
