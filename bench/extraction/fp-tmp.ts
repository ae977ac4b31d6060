import { loadPages, loadTruth } from './data.ts';
import { shingles } from './score.ts';
import { extractHtml } from '../../pipeline/clean/html/index.ts';
const dir = '/work/shared/bench-data/article-extraction-benchmark';
const truth = loadTruth(dir);
for (const id of process.argv.slice(2)) {
  const page = loadPages(dir).find((p) => p.id.startsWith(id))!;
  const t = shingles(truth.get(page.id)!.text);
  const r = extractHtml(page.html, { timeZone: 'UTC', url: page.url });
  console.log('==', id, page.url);
  for (const p of r.paragraphs) { const s = shingles(p.text); let hit = 0, n = 0; for (const [k, c] of s) { n += c; if (t.has(k)) hit += c; } if (hit / n < 0.5) console.log(`  FP[${p.type}] ${p.text.slice(0, 150).replace(/\n/g, ' / ')}`); }
  // missed: truth lines not in ours
  const ours = shingles(r.paragraphs.map((p) => p.text).join('\n'));
  for (const line of truth.get(page.id)!.text.split('\n')) { const s = shingles(line); let hit = 0, n = 0; for (const [k, c] of s) { n += c; if (ours.has(k)) hit += c; } if (n && hit / n < 0.5) console.log(`  FN ${line.slice(0, 150)}`); }
}
