import { loadPages } from './data.ts';
import { peakRssMb } from '../shared-data.ts';
import { parseHtml } from '../../pipeline/clean/html/parse.ts';
import { analyse } from '../../pipeline/clean/html/analyse.ts';
import { selectContainers, pruneAndReport } from '../../pipeline/clean/html/select.ts';
import { sanitizeArticle, toParagraphs } from '../../pipeline/clean/html/paragraphs.ts';
const pages = loadPages('/work/shared/bench-data/article-extraction-benchmark');
const stage = Number(process.argv[2]);
for (const p of pages) {
  const { tree } = parseHtml(p.html);
  if (stage < 1) continue;
  const a = analyse(tree);
  if (stage < 2) continue;
  const s = selectContainers(a);
  const pr = pruneAndReport(tree, a, s);
  if (stage < 3) continue;
  toParagraphs(sanitizeArticle(pr.root));
}
console.log(stage, peakRssMb());
