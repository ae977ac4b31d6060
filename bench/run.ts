/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process (so one
 * benchmark's memory does not skew another's peak RSS) and passes their JSON
 * lines through. `npm run bench -- dedupe` runs only files whose name contains
 * "dedupe".
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filter.length === 0 || filter.some((f) => name.includes(f)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stderr.write(`# ${file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    process.stderr.write(`# ${file} failed (exit ${result.status})\n`);
  }
}
process.exitCode = failed ? 1 : 0;
