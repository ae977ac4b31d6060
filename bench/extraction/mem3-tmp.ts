import { loadPages } from './data.ts';
import { peakRssMb } from '../shared-data.ts';
import { flattenDeepNesting } from '../../pipeline/clean/html/parse.ts';
const pages = loadPages('/work/shared/bench-data/article-extraction-benchmark');
console.log('base', peakRssMb());
const t = performance.now();
for (const p of pages) flattenDeepNesting(p.html);
console.log('flatten', peakRssMb(), performance.now() - t);
