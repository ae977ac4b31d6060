import { loadPages } from './data.ts';
import { peakRssMb } from '../shared-data.ts';
import { extractHtml } from '../../pipeline/clean/html/index.ts';
import { unified } from 'unified'; import rehypeParse from 'rehype-parse';
const pages = loadPages('/work/shared/bench-data/article-extraction-benchmark');
console.log('loaded', peakRssMb(), 'chars', pages.reduce((a, p) => a + p.html.length, 0), 'max', Math.max(...pages.map((p) => p.html.length)));
const mode = process.argv[2];
const proc = unified().use(rehypeParse);
for (const p of pages) { if (mode === 'parse') proc.parse(p.html); else extractHtml(p.html, { timeZone: 'UTC', url: p.url }); }
console.log(mode, peakRssMb());
