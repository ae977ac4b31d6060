import { loadPages } from './data.ts';
import { peakRssMb } from '../shared-data.ts';
import { parseHtml } from '../../pipeline/clean/html/parse.ts';
import { unified } from 'unified'; import rehypeParse from 'rehype-parse';
import { analyse } from '../../pipeline/clean/html/analyse.ts';
import { sanitizeArticle } from '../../pipeline/clean/html/paragraphs.ts';
if (process.argv[3]) console.log(typeof analyse, typeof sanitizeArticle);
const pages = loadPages('/work/shared/bench-data/article-extraction-benchmark');
const proc = unified().use(rehypeParse);
const mode = process.argv[2];
let n = 0;
for (const p of pages) { if (mode === 'mine') n += parseHtml(p.html).tree.children.length; else n += proc.parse(p.html).children.length; }
console.log(mode, peakRssMb(), n);
