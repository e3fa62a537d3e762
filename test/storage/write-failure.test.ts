/**
 * Issue 14 item 3: a save that does not reach the disk must not be shown as saved. The store's memory stays
 * what the file holds, so the next read (the next tap) and a restart agree; the error names why (disk full,
 * read-only) for the admin's log; a shutdown is not stopped by the broken disk.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { failWrites, healDisk, readOnlyDir } from './disk-faults.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-writefail-'));
});
afterEach(async () => {
  healDisk();
  await rm(dir, { recursive: true, force: true });
});

const onDisk = async (name: string) =>
  JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8')) as { items: Record<string, unknown> };

describe('a save that fails', () => {
  it('leaves memory as the file is: the next read and a restart show the old value (a real failing file)', async () => {
    const st = new LowdbStorage(dir);
    const s = await st.open<{ n: number }>('draft');
    await s.write('t2', { n: 1 });
    // The temp file every atomic save goes through is a directory: the write fails for real, also as root.
    await mkdir(path.join(dir, '.draft.json.tmp'));
    await expect(s.write('t2', { n: 2 })).rejects.toThrow();
    await expect(s.write('t3', { n: 3 })).rejects.toThrow();
    expect(await s.read('t2')).toEqual({ n: 1 });
    expect(await s.read('t3')).toBeUndefined();
    expect(await s.entries()).toEqual([['t2', { n: 1 }]]);
    await st.close();
    expect((await onDisk('draft')).items).toEqual({ t2: { n: 1 } });
    // The disk works again: the next save is stored, and a restart shows it.
    await rm(path.join(dir, '.draft.json.tmp'), { recursive: true });
    await s.write('t2', { n: 4 });
    const again = await new LowdbStorage(dir).open<{ n: number }>('draft');
    expect(await again.read('t2')).toEqual({ n: 4 });
  });

  it('says why: disk full or read-only, with the collection', async () => {
    const st = new LowdbStorage(dir);
    const s = await st.open<string>('reports');
    await s.write('a', 'kept');
    failWrites('ENOSPC');
    await expect(s.write('a', 'lost')).rejects.toMatchObject({
      name: 'StorageWriteError',
      code: 'ENOSPC',
      reason: 'disk full',
      message: expect.stringMatching(/reports.*disk full.*ENOSPC/),
    });
    expect(await s.read('a')).toBe('kept');
    failWrites('EROFS');
    await expect(s.delete('a')).rejects.toMatchObject({ code: 'EROFS', reason: 'read-only file system' });
    expect(await s.read('a')).toBe('kept');
    healDisk();
    expect((await onDisk('reports')).items).toEqual({ a: 'kept' });
  });

  it('with the data folder made read-only: nothing changes in memory, and close still returns', async () => {
    const st = new LowdbStorage(dir);
    const s = await st.open<number>('outbox');
    await s.write('x', 1);
    const undo = await readOnlyDir(dir);
    try {
      await expect(s.write('x', 2)).rejects.toMatchObject({ name: 'StorageWriteError' });
      await expect(s.write('y', 3)).rejects.toMatchObject({ name: 'StorageWriteError' });
      expect(await s.entries()).toEqual([['x', 1]]);
      // Shutting down on a broken disk: every failed save was already told to its caller.
      await expect(st.close()).resolves.toBeUndefined();
    } finally {
      await undo();
    }
    expect((await onDisk('outbox')).items).toEqual({ x: 1 });
  });

  it('rolls back only the saves of the failed write: one made while it ran is written on its own', async () => {
    const st = new LowdbStorage(dir);
    const s = await st.open<number>('c');
    await s.write('a', 0);
    failWrites('ENOSPC');
    const first = s.write('a', 1); // this write starts now and fails
    const joined = s.write('b', 1); // queued behind it
    // The disk is back before the queued write begins (the first one is still in flight).
    healDisk();
    await expect(first).rejects.toMatchObject({ code: 'ENOSPC' });
    await expect(joined).resolves.toBeUndefined();
    expect(Object.fromEntries(await s.entries())).toEqual({ a: 0, b: 1 });
    expect((await onDisk('c')).items).toEqual({ a: 0, b: 1 });
  });
});
