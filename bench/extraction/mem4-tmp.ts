import { loadPages } from './data.ts';
import { peakRssMb } from '../shared-data.ts';
import { flattenDeepNesting } from '../../pipeline/clean/html/parse.ts';
import { unified } from 'unified'; import rehypeParse from 'rehype-parse';
const pages = loadPages('/work/shared/bench-data/article-extraction-benchmark');
const proc = unified().use(rehypeParse);
const mode = process.argv[2];
for (const p of pages) { if (mode === 'both') flattenDeepNesting(p.html); proc.parse(p.html); }
console.log(mode, peakRssMb());
