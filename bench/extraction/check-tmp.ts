import { loadPublished, loadTruth } from './data.ts';
import { scoreOutputs } from './score.ts';
const dir = '/work/shared/bench-data/article-extraction-benchmark';
const truth = new Map([...loadTruth(dir)].map(([k, v]) => [k, v.text]));
for (const n of ['trafilatura', 'readability_js']) { const s = scoreOutputs(truth, loadPublished(dir, n)); console.log(n, s.f1.toFixed(3), s.precision.toFixed(3), s.recall.toFixed(3)); }
