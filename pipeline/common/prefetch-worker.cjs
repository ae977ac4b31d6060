'use strict';
// The worker of prefetch.ts: reads, on a thread of its own, the entries a list entry of a cache
// store names, into one SharedArrayBuffer the calling thread takes views of. Plain CommonJS, so the
// same file runs whether Briefing runs from its TypeScript sources or compiled (dist/ holds no copy).
//
// workerData: { file, sqlite, nativeBinding, listKey, field }
//   file: the store's database; sqlite: better-sqlite3's path (and its addon's, when known);
//   listKey: the key of a JSON entry whose `field` is an array of keys of byte entries.
// Posts { shared, rows: [{ key, at, length, sum, used }] }: each entry whose body is bytes and
// passes its checksum, at `at` in `shared`. An entry that is absent, damaged or not bytes is left
// out, as is everything when the list itself is: the caller reads those itself, which reports them.
const { parentPort, workerData } = require('node:worker_threads');
const { crc32 } = require('node:zlib');

function read() {
  const { file, sqlite, nativeBinding, listKey, field } = workerData;
  const Database = require(sqlite);
  // Opened for reading and writing although it only reads: a database in WAL mode is opened
  // read-only only when its -shm file exists, and the build may not have opened this one yet.
  const db = new Database(file, { fileMustExist: true, timeout: 5000, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const select = db.prepare('SELECT sum, body, used FROM entries WHERE key = ?');
    const sizeOf = db.prepare('SELECT length(body) FROM entries WHERE key = ?').pluck();
    // One snapshot for the list and its entries.
    db.exec('BEGIN');
    const list = select.get(listKey);
    if (!list || typeof list.body !== 'string' || crc32(list.body) !== list.sum) return { rows: [] };
    const keys = JSON.parse(list.body)[field];
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) return { rows: [] };
    // Each entry starts on a multiple of 8, so the caller can view it as any typed array its layout aligns.
    const align = (n) => Math.ceil(n / 8) * 8;
    let total = 0;
    for (const key of keys) total += align(sizeOf.get(key) ?? 0);
    const shared = new SharedArrayBuffer(total);
    const bytes = new Uint8Array(shared);
    const rows = [];
    let at = 0;
    for (const key of keys) {
      const row = select.get(key);
      if (!row || !Buffer.isBuffer(row.body) || crc32(row.body) !== row.sum || at + row.body.length > total) continue;
      bytes.set(row.body, at);
      rows.push({ key, at, length: row.body.length, sum: row.sum, used: row.used });
      at += align(row.body.length);
    }
    db.exec('COMMIT');
    return { shared, rows };
  } finally {
    db.close();
  }
}

let result;
try {
  result = read();
} catch (error) {
  result = { rows: [], error: String(error && error.message ? error.message : error) };
}
parentPort.postMessage(result);
