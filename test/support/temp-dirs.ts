/**
 * Temp folders a test file makes, removed after its tests (also when one fails), so runs leave /tmp as they
 * found it. Call at the top of a test file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A maker of temp folders named `<prefix>XXXXXX`, each removed in the file's afterAll. */
export function tempDirs(): (prefix: string) => Promise<string> {
  const made: string[] = [];
  afterAll(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));
  return async (prefix) => {
    const dir = await mkdtemp(path.join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
