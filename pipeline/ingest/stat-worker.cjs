'use strict';
// The worker of stat-ahead.ts: stats the content files from the last one back, while the build's
// thread stats them from the first one on, until the two meet. Plain CommonJS, so the same file runs
// whether Briefing runs from its TypeScript sources or compiled (dist/ holds no copy).
//
// workerData: { paths, values, states, frontier }
//   paths: the files' absolute paths joined by NUL (one string crosses threads in one copy);
//   values: SharedArrayBuffer of 5 BigInt64 per file (size, mtimeNs, ctimeNs, ino, dev);
//   states: SharedArrayBuffer of one Int32 per file, set after its values: 1 a file, 2 absent or not
//     a file, 3 the stat failed (the build's thread stats it again, to say why);
//   frontier: SharedArrayBuffer of one Int32, the last file the build's thread has reached.
const { workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');

const { paths, values: valuesBuffer, states: statesBuffer, frontier: frontierBuffer } = workerData;
const files = paths.split('\0');
const values = new BigInt64Array(valuesBuffer);
const states = new Int32Array(statesBuffer);
const frontier = new Int32Array(frontierBuffer);

for (let k = files.length - 1; k > Atomics.load(frontier, 0); k--) {
  let stats;
  try {
    stats = statSync(files[k], { bigint: true, throwIfNoEntry: false });
  } catch {
    Atomics.store(states, k, 3);
    continue;
  }
  if (!stats || !stats.isFile()) {
    Atomics.store(states, k, 2);
    continue;
  }
  values[5 * k] = stats.size;
  values[5 * k + 1] = stats.mtimeNs;
  values[5 * k + 2] = stats.ctimeNs;
  values[5 * k + 3] = stats.ino;
  values[5 * k + 4] = stats.dev;
  // Stored last, with a barrier: a thread that reads this state sees the values above.
  Atomics.store(states, k, 1);
}
