import { build } from '../pipeline/build/index.ts';
import { loadConfig } from '../pipeline/config/load.ts';
import { Reporter } from '../pipeline/common/report.ts';
const cwd = process.argv[2]!;
const { config } = loadConfig({ cwd, env: {} });
for (let i = 0; i < 2; i++) {
const t = performance.now();
const { result, summary } = await build({ cwd, config, reporter: new Reporter() });
console.log(Math.round(performance.now() - t), result.timings, summary.cacheHits);
}
