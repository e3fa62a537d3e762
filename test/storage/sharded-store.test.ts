import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { openSharded } from '../../storage/sharded-store.js';

describe('a collection spread over several files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-shard-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps every item across a restart, and a save rewrites only the file of its key', async () => {
    const a = new LowdbStorage(dir);
    const s = await openSharded<{ n: number }>(a, 'outbox', undefined, 4);
    for (let i = 0; i < 40; i++) await s.write(`job-${i}`, { n: i });
    await s.delete('job-7');
    await a.close();
    const files = (await readdir(path.join(dir, 'outbox'))).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(['0.json', '1.json', '2.json', '3.json']);

    const b = new LowdbStorage(dir);
    const again = await openSharded<{ n: number }>(b, 'outbox', undefined, 4);
    const items = Object.fromEntries(await again.entries());
    expect(Object.keys(items)).toHaveLength(39);
    expect(items['job-12']).toEqual({ n: 12 });
    expect(await again.read('job-7')).toBeUndefined();
    // Each file holds a share of the items, not all of them.
    const sizes = await Promise.all([0, 1, 2, 3].map(async (i) => (await b.open(`outbox/${i}`)).entries()));
    expect(Math.max(...sizes.map((e) => e.length))).toBeLessThan(39);
    await b.close();
  });

  it('moves the items of an older single-file collection in, once', async () => {
    const a = new LowdbStorage(dir);
    const legacy = await a.open<string>('outbox');
    await legacy.write('left-by-old-version', 'hello');
    await a.close();

    const b = new LowdbStorage(dir);
    const s = await openSharded<string>(b, 'outbox');
    expect(await s.read('left-by-old-version')).toBe('hello');
    await b.close();
    expect(await readdir(dir)).not.toContain('outbox.json');
  });
});
