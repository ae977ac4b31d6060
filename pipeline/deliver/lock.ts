import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'briefing.lock';

interface LockRecord {
  pid: number;
  host: string;
  since: string;
  what: string;
}

export interface Lock {
  file: string;
  release(): void;
}

export type LockResult = { ok: true; lock: Lock } | { ok: false; holder: LockRecord | null; file: string };

/** Per-process holds, so the scheduler can hold the lock and call `send`, which takes it too. */
const held = new Map<string, { count: number }>();

/**
 * One sender at a time per state folder, across processes: a lock file
 * created with O_EXCL holding the owner's pid and host. A lock left by a dead
 * process on this host is taken over; a lock from another host (a shared
 * disk) is respected and reported, since its owner cannot be checked.
 */
export function acquireLock(stateDir: string, what: string): LockResult {
  mkdirSync(stateDir, { recursive: true });
  const file = path.join(stateDir, LOCK_FILE);
  const mine = held.get(file);
  if (mine) {
    mine.count++;
    return { ok: true, lock: handle(file) };
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      const record: LockRecord = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), what };
      writeSync(fd, JSON.stringify(record) + '\n');
      closeSync(fd);
      held.set(file, { count: 1 });
      return { ok: true, lock: handle(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder && (holder.host !== os.hostname() || isAlive(holder.pid))) return { ok: false, holder, file };
    // Stale (owner gone) or unreadable (owner died mid-write): remove and retry.
    try {
      unlinkSync(file);
    } catch {
      // Someone else removed it first; retry the create.
    }
  }
  return { ok: false, holder: readHolder(file), file };
}

function handle(file: string): Lock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      const mine = held.get(file);
      if (!mine) return;
      if (--mine.count > 0) return;
      held.delete(file);
      try {
        if (readHolder(file)?.pid === process.pid) unlinkSync(file);
      } catch {
        // Already gone.
      }
    },
  };
}

function readHolder(file: string): LockRecord | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockRecord;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function describeHolder(result: Extract<LockResult, { ok: false }>): string {
  const h = result.holder;
  return h ? `${h.what} (pid ${h.pid} on ${h.host}, since ${h.since})` : `another process (lock file ${result.file})`;
}
