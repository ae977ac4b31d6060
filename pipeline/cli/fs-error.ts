import path from 'node:path';

/** A failed system call (ENOSPC, EROFS…) as Node reports it, or SQLite's (SQLITE_FULL…) from better-sqlite3. */
export interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
}

export function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as Partial<SystemError>).code === 'string' && /^(E[A-Z]+|SQLITE_[A-Z_]+)$/.test((error as SystemError).code);
}

/** What the operator can do something about, in words: a full disk is not a bug to debug from a stack trace. */
const MEANINGS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder is in the way of a file',
  ENOENT: 'no such file or folder',
  EIO: 'the disk reported an I/O error',
  EMFILE: 'too many open files',
  EBUSY: 'the file or folder is busy',
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'the file system or database is read-only',
  SQLITE_IOERR: 'the disk reported an I/O error',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_BUSY: 'the database is busy (another process holds it)',
  SQLITE_CORRUPT: 'the database file is corrupt',
};

/** SQLite's extended codes (SQLITE_IOERR_WRITE…) share their primary code's meaning. */
function meaningOf(error: SystemError): string {
  return MEANINGS[error.code] ?? MEANINGS[error.code.split('_').slice(0, 2).join('_')] ?? error.message;
}

/** `cannot write /srv/out/x: the disk is full (ENOSPC)` — relative to `cwd` when inside it. */
export function describeSystemError(error: SystemError, cwd: string): string {
  const meaning = meaningOf(error);
  if (error.code.startsWith('SQLITE_')) return `the state database: ${meaning} (${error.code})`;
  const where = error.path ? ` ${path.isAbsolute(error.path) && !path.relative(cwd, error.path).startsWith('..') ? path.relative(cwd, error.path) || '.' : error.path}` : '';
  const verb = error.syscall && /^(open|write|mkdir|rename|copyfile|symlink|unlink|rmdir|rm)$/.test(error.syscall) ? 'cannot write' : error.syscall ? `${error.syscall} failed on` : 'failed on';
  return `${verb}${where}: ${meaning} (${error.code})`;
}
