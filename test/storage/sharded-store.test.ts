import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { openSharded } from '../../storage/sharded-store.js';
import { storeBackends, type Backend } from './backends.js';

describe.each(storeBackends())('a collection spread over several collections, on %s', (_name, make) => {
  let b: Backend;
  beforeEach(async () => {
    b = await make();
  });
  afterEach(() => b?.cleanup()); // undefined when the store could not start (the case failed saying why)

  it('keeps every item across a restart, each shard holding a share of them', async () => {
    const a = await b.open();
    const s = await openSharded<{ n: number }>(a, 'outbox', undefined, 4);
    for (let i = 0; i < 40; i++) await s.write(`job-${i}`, { n: i });
    await s.delete('job-7');
    await a.close();
    if (b.kind === 'lowdb') {
      const files = (await readdir(path.join(b.where, 'outbox'))).filter((f) => f.endsWith('.json'));
      expect(files.sort()).toEqual(['0.json', '1.json', '2.json', '3.json']);
    }

    const again = await b.open();
    const sharded = await openSharded<{ n: number }>(again, 'outbox', undefined, 4);
    const items = Object.fromEntries(await sharded.entries());
    expect(Object.keys(items)).toHaveLength(39);
    expect(items['job-12']).toEqual({ n: 12 });
    expect(await sharded.read('job-7')).toBeUndefined();
    // Each shard holds a share of the items (a lowdb save rewrites a quarter), not all of them.
    const sizes = await Promise.all(
      [0, 1, 2, 3].map(async (i) => (await again.open(`outbox/${i}`)).entries()),
    );
    expect(Math.max(...sizes.map((e) => e.length))).toBeLessThan(39);
  });

  it('moves the items of an older single collection in, once', async () => {
    const a = await b.open();
    await (await a.open<string>('outbox')).write('left-by-old-version', 'hello');
    await a.close();

    const again = await b.open();
    const s = await openSharded<string>(again, 'outbox');
    expect(await s.read('left-by-old-version')).toBe('hello');
    await s.settle();
    expect(await (await b.open()).list('outbox')).toEqual([]);
    const third = await openSharded<string>(await b.open(), 'outbox');
    expect((await third.entries()).map(([k]) => k)).toEqual(['left-by-old-version']);
  });
});
