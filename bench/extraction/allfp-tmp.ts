import { loadPages, loadTruth } from './data.ts';
import { shingles } from './score.ts';
import { extractHtml } from '../../pipeline/clean/html/index.ts';
const dir = '/work/shared/bench-data/article-extraction-benchmark';
const truth = loadTruth(dir);
const mode = process.argv[2] ?? 'fp';
for (const page of loadPages(dir)) {
  const t = shingles(truth.get(page.id)!.text);
  const r = extractHtml(page.html, { timeZone: 'UTC', url: page.url });
  if (mode === 'fp') for (const p of r.paragraphs) { const s = shingles(p.text); let hit = 0, n = 0; for (const [k, c] of s) { n += c; if (t.has(k)) hit += c; } if (hit / n < 0.5 && n >= 1) console.log(`${page.id.slice(0, 6)} ${n} [${p.type}] ${p.text.slice(0, 110).replace(/\n/g, ' / ')}`); }
  if (mode === 'fn') { const ours = shingles(r.paragraphs.map((p) => p.text).join('\n')); for (const line of truth.get(page.id)!.text.split('\n')) { const s = shingles(line); let hit = 0, n = 0; for (const [k, c] of s) { n += c; if (ours.has(k)) hit += c; } if (n > 3 && hit / n < 0.5) { const rem = r.removed.find((x) => x.text.includes(line.slice(0, 40))); console.log(`${page.id.slice(0, 6)} ${n} ${line.slice(0, 90)} || ${rem ? rem.ruleId + ' ' + rem.reason.slice(0, 60) : '-'}`); } } }
}
