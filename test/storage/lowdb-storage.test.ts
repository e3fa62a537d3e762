import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStorage, StorageVersionError } from '../../storage/lowdb-storage.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LowdbStorage', () => {
  it('keeps what was written after the process reopens the directory', async () => {
    const a = new LowdbStorage(dir);
    const s = await a.open<{ n: number }>('outbox');
    await s.write('x', { n: 1 });
    await s.write('y', { n: 2 });
    await s.delete('x');
    await a.close();

    const b = await new LowdbStorage(dir).open<{ n: number }>('outbox');
    expect(await b.read('x')).toBeUndefined();
    expect(await b.read('y')).toEqual({ n: 2 });
    expect(await b.entries()).toEqual([['y', { n: 2 }]]);
  });

  it('writes a versioned file so later code can migrate it', async () => {
    const s = await new LowdbStorage(dir).open<string>('rounds', { version: 3 });
    await s.write('k', 'v');
    expect(JSON.parse(await readFile(path.join(dir, 'rounds.json'), 'utf8'))).toEqual({
      version: 3,
      items: { k: 'v' },
    });
  });

  it('migrates a file written at an older version when it is opened', async () => {
    await writeFile(path.join(dir, 'people.json'), JSON.stringify({ version: 1, items: { a: 'Zhang' } }));
    const s = await new LowdbStorage(dir).open<{ name: string }>('people', {
      version: 2,
      migrate: (items) => Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { name: String(v) }])),
    });
    expect(await s.read('a')).toEqual({ name: 'Zhang' });
    expect(JSON.parse(await readFile(path.join(dir, 'people.json'), 'utf8')).version).toBe(2);
  });

  it('refuses a file written by a newer version instead of misreading it', async () => {
    await writeFile(path.join(dir, 'people.json'), JSON.stringify({ version: 9, items: {} }));
    await expect(new LowdbStorage(dir).open('people', { version: 2 })).rejects.toBeInstanceOf(
      StorageVersionError,
    );
  });

  it('lists and drops collections under a prefix, ignoring temp files', async () => {
    const st = new LowdbStorage(dir);
    await (await st.open<number>('claims/2026112909')).write('e1', 1);
    await (await st.open<number>('claims/2026112910')).write('e2', 1);
    await (await st.open<number>('outbox')).write('o', 1);
    await writeFile(path.join(dir, 'claims', '.2026112911.json.tmp'), '{');
    expect(await st.list('claims/')).toEqual(['claims/2026112909', 'claims/2026112910']);
    await st.drop('claims/2026112909');
    expect(await st.list('claims/')).toEqual(['claims/2026112910']);
    expect(await st.list('reports/')).toEqual([]);
  });

  it('never lets a collection name escape the data directory', async () => {
    await mkdir(path.join(dir, 'x'));
    await expect(new LowdbStorage(path.join(dir, 'x')).open('../evil')).rejects.toThrow(
      /invalid collection name/,
    );
  });
});
