import { loadPages, loadPublished, loadTruth } from './data.ts';
import { scoreOutputs } from './score.ts';
import { extractHtml } from '../../pipeline/clean/html/index.ts';
const dir = '/work/shared/bench-data/article-extraction-benchmark';
const truth = new Map([...loadTruth(dir)].map(([k, v]) => [k, v.text]));
const pages = loadPages(dir);
const preds = new Map<string, string>();
const t = performance.now();
for (const p of pages) { try { preds.set(p.id, extractHtml(p.html, { timeZone: 'UTC', url: p.url }).paragraphs.map((x) => x.text).join('\n')); } catch (e) { console.log(p.id, (e as Error).stack); } }
const ms = performance.now() - t;
const s = scoreOutputs(truth, preds);
console.log('ours', s.f1.toFixed(3), s.precision.toFixed(3), s.recall.toFixed(3), (pages.length / ms * 1000).toFixed(1), 'pages/s');
const tr = scoreOutputs(truth, loadPublished(dir, 'trafilatura'));
const rows = [...s.perPage].map(([id, [tp, fp, fn]]) => ({ id: id.slice(0, 8), p: tp / (tp + fp || 1), r: tp / (tp + fn || 1), tr: tr.perPage.get(id)! }));
rows.sort((a, b) => a.p + a.r - b.p - b.r);
for (const r of rows.slice(0, Number(process.env.N ?? 25))) console.log(r.id, 'P', r.p.toFixed(2), 'R', r.r.toFixed(2), '| traf P', (r.tr[0] / (r.tr[0] + r.tr[1] || 1)).toFixed(2), 'R', (r.tr[0] / (r.tr[0] + r.tr[2] || 1)).toFixed(2));
