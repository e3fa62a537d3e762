/**
 * lowdb's own file format. What every store promises (reopen, order, schemas, prefixes, logs, concurrency) is
 * checked on lowdb and PostgreSQL alike in store-contract.test.ts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStorage } from '../../storage/lowdb-storage.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LowdbStorage files', () => {
  it('writes a versioned file so later code can migrate it', async () => {
    const s = await new LowdbStorage(dir).open<string>('rounds', { version: 3 });
    await s.write('k', 'v');
    expect(JSON.parse(await readFile(path.join(dir, 'rounds.json'), 'utf8'))).toEqual({
      version: 3,
      items: { k: 'v' },
    });
  });

  it('migrates a file an older nianbao wrote, and stores it at the new version', async () => {
    await writeFile(path.join(dir, 'people.json'), JSON.stringify({ version: 1, items: { a: 'Zhang' } }));
    const s = await new LowdbStorage(dir).open<{ name: string }>('people', {
      version: 2,
      migrate: (items) => Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { name: String(v) }])),
    });
    expect(await s.read('a')).toEqual({ name: 'Zhang' });
    expect(JSON.parse(await readFile(path.join(dir, 'people.json'), 'utf8')).version).toBe(2);
  });

  it('leaves temp files and hidden files out of every listing', async () => {
    const st = new LowdbStorage(dir);
    await (await st.open<number>('claims/2026112909')).write('e1', 1);
    await writeFile(path.join(dir, 'claims', '.2026112911.json.tmp'), '{');
    await writeFile(path.join(dir, '.nianbao-bot.json'), '{}');
    expect(await st.list('claims/')).toEqual(['claims/2026112909']);
    expect(await st.collectionNames()).toEqual(['claims/2026112909']);
  });
});
