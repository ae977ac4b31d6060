import { loadPages } from './data.ts';
const page = loadPages('/work/shared/bench-data/article-extraction-benchmark').find((p) => p.id.startsWith(process.argv[2]!))!;
const i = page.html.indexOf(process.argv[3]!);
console.log(page.html.slice(Math.max(0, i - Number(process.argv[4] ?? 1500)), i + 300));
