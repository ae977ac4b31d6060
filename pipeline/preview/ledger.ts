import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SENT = /^(sent|delivered|accepted|ok|done)$/i;

/**
 * Which editions the send ledger under `state/` records as sent, with how
 * many recipients. Read-only and defensive: the preview never writes the
 * ledger, and a ledger it does not understand (or none) means "not sent",
 * never a crash. Understands an SQLite database (the delivery stage's
 * `state/briefing.sqlite`: a table with an edition column and a per-recipient
 * status or sent-at column) and JSON-lines logs (records with
 * `edition` or `date`, optionally `status`/`event`).
 */
export function sentEditions(stateDir: string): Map<string, number> {
  const sent = new Map<string, number>();
  if (!existsSync(stateDir)) return sent;
  const add = (date: unknown, count = 1) => {
    if (typeof date === 'string' && DAY.test(date)) sent.set(date, (sent.get(date) ?? 0) + count);
  };
  for (const file of listFiles(stateDir)) {
    try {
      if (/\.(db|sqlite3?)$/i.test(file)) readSqlite(file, add);
      else if (/\.(jsonl|ndjson|log)$/i.test(file)) readJsonLines(file, add);
    } catch {
      // Not a ledger we understand (locked, another format): ignore it.
    }
  }
  return sent;
}

function listFiles(dir: string, depth = 0): string[] {
  if (depth > 2) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    try {
      return statSync(full).isDirectory() ? listFiles(full, depth + 1) : [full];
    } catch {
      return [];
    }
  });
}

function readSqlite(file: string, add: (date: unknown, count?: number) => void): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) {
      const columns = (db.prepare(`PRAGMA table_info("${name.replace(/"/g, '""')}")`).all() as { name: string }[]).map((c) => c.name);
      const dateColumn = columns.find((c) => /^edition(_?date)?$/i.test(c)) ?? columns.find((c) => /^date$/i.test(c));
      if (!dateColumn) continue;
      const statusColumn = columns.find((c) => /^(status|state|outcome)$/i.test(c));
      const sentAtColumn = columns.find((c) => /^sent_?at$/i.test(c));
      // A table without a per-recipient status (e.g. a log of runs) says nothing about who received what.
      if (!statusColumn && !sentAtColumn) continue;
      const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
      const rows = db.prepare(`SELECT ${q(dateColumn)} AS d${statusColumn ? `, ${q(statusColumn)} AS s` : ''}${sentAtColumn ? `, ${q(sentAtColumn)} AS t` : ''} FROM ${q(name)}`).all() as { d: unknown; s?: unknown; t?: unknown }[];
      for (const row of rows) {
        if (statusColumn && !SENT.test(String(row.s ?? ''))) continue;
        if (sentAtColumn && (row.t === null || row.t === undefined)) continue;
        add(row.d);
      }
    }
  } finally {
    db.close();
  }
}

function readJsonLines(file: string, add: (date: unknown, count?: number) => void): void {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const status = record.status ?? record.event ?? record.state;
    if (status !== undefined && !SENT.test(String(status))) continue;
    add(record.edition ?? record.date);
  }
}
