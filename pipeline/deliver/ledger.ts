import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Where each (edition, recipient) stands:
 *  - `sending`  handed to the transport, acceptance not yet recorded. A row
 *               left in this state by a killed run is "in doubt".
 *  - `sent`     the server accepted it (250 after DATA). Never sent again.
 *  - `failed`   permanently refused (5xx). Reported; not retried by reruns.
 *  - `deferred` temporary failures outlasted the retries; the next run tries again.
 */
export type DeliveryStatus = 'sending' | 'sent' | 'failed' | 'deferred';

export interface DeliveryRow {
  edition: string;
  recipient: string;
  status: DeliveryStatus;
  messageId: string;
  attempts: number;
  response: string | null;
  updatedAt: string;
}

export const LEDGER_FILE = 'briefing.sqlite';

/**
 * The durable send ledger and the unsubscribe list, in one SQLite database
 * under `state/`. WAL + synchronous=FULL: a row is on disk (fsynced) when the
 * call returns, so a crash right after cannot lose it; WAL lets the
 * unsubscribe server write while a send reads.
 */
export class Ledger {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly unsubscribedStmt: Database.Statement;

  constructor(stateDir: string) {
    mkdirSync(stateDir, { recursive: true });
    this.file = path.join(stateDir, LEDGER_FILE);
    this.db = new Database(this.file, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS deliveries (
        edition    TEXT NOT NULL,
        recipient  TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'deferred')),
        message_id TEXT NOT NULL,
        attempts   INTEGER NOT NULL DEFAULT 0,
        response   TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (edition, recipient)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS unsubscribes (
        address TEXT PRIMARY KEY,
        at      TEXT NOT NULL,
        source  TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS runs (
        edition     TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        sent        INTEGER NOT NULL,
        failed      INTEGER NOT NULL,
        deferred    INTEGER NOT NULL,
        complete    INTEGER NOT NULL
      );
    `);
    this.upsert = this.db.prepare(`
      INSERT INTO deliveries (edition, recipient, status, message_id, attempts, response, updated_at)
      VALUES (@edition, @recipient, @status, @messageId, @attempts, @response, @updatedAt)
      ON CONFLICT (edition, recipient) DO UPDATE SET
        status = excluded.status, message_id = excluded.message_id, attempts = excluded.attempts,
        response = excluded.response, updated_at = excluded.updated_at
      WHERE deliveries.status <> 'sent'`);
    this.unsubscribedStmt = this.db.prepare('SELECT 1 FROM unsubscribes WHERE address = ?').pluck();
  }

  /** Every recorded recipient of an edition and its status (one query: reruns stay fast). */
  statuses(edition: string): Map<string, DeliveryRow> {
    const rows = this.db
      .prepare('SELECT edition, recipient, status, message_id AS messageId, attempts, response, updated_at AS updatedAt FROM deliveries WHERE edition = ?')
      .all(edition) as DeliveryRow[];
    return new Map(rows.map((row) => [row.recipient, row]));
  }

  /**
   * Records a state change. A `sent` row is final: later writes for it are
   * ignored by the upsert's WHERE, so no code path can "unsend" a recipient.
   *
   * Outcomes (`sent`, `failed`, `deferred`) are fsynced before this returns.
   * A `sending` mark is not: it survives the process being killed (it is in
   * the OS page cache) and is made durable by the next outcome's fsync, which
   * covers the whole WAL. Losing one to a power cut only means the recipient
   * looks never attempted instead of "in doubt" — resent either way, with the
   * same Message-ID. This halves the fsyncs per message.
   */
  record(edition: string, recipient: string, status: DeliveryStatus, messageId: string, attempts: number, response: string | null = null): void {
    const durable = status !== 'sending';
    if (!durable) this.db.pragma('synchronous = NORMAL');
    try {
      this.upsert.run({ edition, recipient, status, messageId, attempts, response, updatedAt: new Date().toISOString() });
    } finally {
      if (!durable) this.db.pragma('synchronous = FULL');
    }
  }

  isUnsubscribed(address: string): boolean {
    return this.unsubscribedStmt.get(address.toLowerCase()) !== undefined;
  }

  unsubscribedSet(): Set<string> {
    return new Set(this.db.prepare('SELECT address FROM unsubscribes').pluck().all() as string[]);
  }

  /** Records an unsubscribe; returns false when the address was already unsubscribed. */
  unsubscribe(address: string, source: string): boolean {
    const result = this.db.prepare('INSERT OR IGNORE INTO unsubscribes (address, at, source) VALUES (?, ?, ?)').run(address.toLowerCase(), new Date().toISOString(), source);
    return result.changes > 0;
  }

  recordRun(edition: string, counts: { sent: number; failed: number; deferred: number; complete: boolean }): void {
    this.db
      .prepare('INSERT INTO runs (edition, finished_at, sent, failed, deferred, complete) VALUES (?, ?, ?, ?, ?, ?)')
      .run(edition, new Date().toISOString(), counts.sent, counts.failed, counts.deferred, counts.complete ? 1 : 0);
  }

  /** True when a run of this edition finished with nobody left to try. */
  isComplete(edition: string): boolean {
    return this.db.prepare('SELECT 1 FROM runs WHERE edition = ? AND complete = 1 LIMIT 1').get(edition) !== undefined;
  }

  /** Runs `fn` in one transaction (one fsync for many rows). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    // Closing the last connection checkpoints the WAL into the main file, so
    // `state/` is one self-contained file between runs (what CI persists).
    if (this.db.open) this.db.close();
  }
}
