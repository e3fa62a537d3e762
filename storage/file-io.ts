import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';

/**
 * The file writes storage makes, in one object so a test can make the disk fail at this layer: a test may run
 * as root, where a read-only directory (chmod) does not stop writes. Production never replaces these.
 */
export const fileIo = {
  writeFile: (file: string, data: string): Promise<void> => writeFile(file, data, 'utf8'),
  appendFile: (file: string, data: string): Promise<void> => appendFile(file, data, 'utf8'),
  rename: (from: string, to: string): Promise<void> => rename(from, to),
  readFile: (file: string): Promise<string> => readFile(file, 'utf8'),
};

/** Why a write failed, in the words the admin's log uses. */
const REASONS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'no write permission (read-only data directory)',
  EPERM: 'no write permission (read-only data directory)',
  EMFILE: 'too many open files',
  EIO: 'disk I/O error',
  // PostgreSQL's SQLSTATEs and the connection's errors, when storage is a database (postgres-storage.ts)
  '53100': 'database disk full',
  '25006': 'database is read-only',
  '57P01': 'database shut down',
  ECONNREFUSED: 'database unreachable',
  ECONNRESET: 'database connection lost',
};

/** A save that did not reach the disk; memory was left as it was before the save. */
export class StorageWriteError extends Error {
  /** the errno code (ENOSPC, EROFS, EACCES …) when known */
  readonly code: string | undefined;
  /** what an admin reads in the log: "disk full", "read-only file system" … */
  readonly reason: string;

  constructor(
    readonly collection: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const reason = (code && REASONS[code]) ?? 'write failed';
    super(`could not save ${collection}: ${reason}${code ? ` (${code})` : ''}`, { cause });
    this.name = 'StorageWriteError';
    this.code = code;
    this.reason = reason;
  }
}

/** The StorageWriteError behind an error (a domain layer may have wrapped it as its cause), if any. */
export function storageWriteErrorOf(err: unknown): StorageWriteError | undefined {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof StorageWriteError) return e;
  }
  return undefined;
}
