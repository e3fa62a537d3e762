/**
 * Makes storage's file writes fail the way a broken disk does, with the errno a full disk (ENOSPC) or a
 * read-only one (EROFS, EACCES) gives. Tests may run as root, where chmod does not stop writes: the failure is
 * injected at the file-write layer (storage/file-io.ts), below lowdb and the store, which stay real.
 */
import { chmod, readdir, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileIo } from '../../storage/file-io.js';

type Io = typeof fileIo;
const real: Io = { ...fileIo };

/** An error as Node's fs gives it for `code`. */
export function fsError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
    EACCES: 'permission denied',
  };
  return Object.assign(new Error(`${code}: ${messages[code] ?? 'failed'}, ${syscall} '${file}'`), {
    code,
    syscall,
    path: file,
    errno: -1,
  });
}

/**
 * From now on every write, append and rename of a file whose path passes `only` (default: all) fails with
 * `code`; returns the function that makes the disk work again.
 */
export function failWrites(code: string, only: (file: string) => boolean = () => true): () => void {
  fileIo.writeFile = (f, d) => (only(f) ? Promise.reject(fsError(code, 'open', f)) : real.writeFile(f, d));
  fileIo.appendFile = (f, d) => (only(f) ? Promise.reject(fsError(code, 'open', f)) : real.appendFile(f, d));
  fileIo.rename = (a, b) => (only(b) ? Promise.reject(fsError(code, 'rename', b)) : real.rename(a, b));
  return healDisk;
}

/** Every file write goes to the disk again. */
export function healDisk(): void {
  Object.assign(fileIo, real);
}

/** `dir` and every directory under it. */
async function dirsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return [dir, ...entries.filter((e) => e.isDirectory()).map((e) => path.join(e.parentPath, e.name))];
}

/**
 * Makes `dir` and its subdirectories read-only the real way (chmod 555), and when that does not stop writes (root), also through
 * the file-write layer with EACCES. Returns the function that undoes both.
 */
export async function readOnlyDir(dir: string): Promise<() => Promise<void>> {
  const dirs = await dirsUnder(dir);
  for (const d of dirs) await chmod(d, 0o555);
  const probe = path.join(dir, '.probe');
  let chmodHolds = false;
  try {
    await writeFile(probe, 'x');
    await rm(probe, { force: true });
  } catch {
    chmodHolds = true;
  }
  if (!chmodHolds) failWrites('EACCES', (f) => f.startsWith(dir + path.sep));
  return async () => {
    healDisk();
    for (const d of dirs) await chmod(d, 0o755);
  };
}
