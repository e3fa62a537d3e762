/**
 * What every store promises (storage/store.ts), checked on lowdb and on PostgreSQL alike: what was written is
 * there after a restart, in insertion order; collection schemas migrate older data and refuse newer; prefixes
 * list and drop; logs append and read back; a write that fails is not shown as saved; and concurrent writes,
 * to one collection and to many, are all there after reopening.
 */
import { StorageVersionError } from '../../storage/lowdb-storage.js';
import { DatabaseVersionError, MIGRATIONS } from '../../storage/postgres-migrations.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import { freshPostgresUrl, storeBackends, type Backend } from './backends.js';

describe.each(storeBackends())('the %s store', (_name, make) => {
  let b: Backend;
  beforeEach(async () => {
    b = await make();
  });
  afterEach(() => b?.cleanup()); // undefined when the store could not start (the case failed saying why)

  it('keeps what was written after the process reopens it, in insertion order', async () => {
    const a = await b.open();
    const s = await a.open<{ n: number }>('outbox');
    await s.write('x', { n: 1 });
    await s.write('y', { n: 2 });
    await s.write('w', { n: 3 });
    await s.write('y', { n: 4 }); // an overwrite keeps its place
    await s.delete('x');
    await s.delete('never-there');
    await a.close();

    const again = await (await b.open()).open<{ n: number }>('outbox');
    expect(await again.read('x')).toBeUndefined();
    expect(await again.read('y')).toEqual({ n: 4 });
    expect(await again.entries()).toEqual([
      ['y', { n: 4 }],
      ['w', { n: 3 }],
    ]);
  });

  it('keeps values of every JSON shape: strings, numbers, nested objects, Chinese text', async () => {
    const s = await (await b.open()).open<unknown>('reports/2026-r/u1');
    const draft = { answers: { 't2.reg.issued': 12, 't6.text': '本年度无。"引号"\\n' }, done: ['s1', 's2'] };
    await s.write('draft', draft);
    await s.write('note', '王芳');
    await s.write('count', 0);
    await s.write('flag', false);
    const again = await (await b.open()).open<unknown>('reports/2026-r/u1');
    expect(Object.fromEntries(await again.entries())).toEqual({ draft, note: '王芳', count: 0, flag: false });
  });

  it('migrates a collection written at an older version when it is opened', async () => {
    const old = await (await b.open()).open<string>('people', { version: 1 });
    await old.write('a', 'Zhang');
    await old.write('b', 'Li');
    const s = await (
      await b.open()
    ).open<{ name: string }>('people', {
      version: 2,
      migrate: (items) => Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { name: String(v) }])),
    });
    expect(await s.entries()).toEqual([
      ['a', { name: 'Zhang' }],
      ['b', { name: 'Li' }],
    ]);
    // Migrated once: opened again at version 2, there is nothing left to migrate.
    const raw = await (await b.open()).readRaw('people');
    expect(raw.version).toBe(2);
  });

  it('refuses a collection written by a newer version instead of misreading it', async () => {
    await (await (await b.open()).open<string>('people', { version: 9 })).write('a', 'x');
    await expect((await b.open()).open('people', { version: 2 })).rejects.toBeInstanceOf(StorageVersionError);
  });

  it('lists and drops collections under a prefix, one folder deep', async () => {
    const st = await b.open();
    await (await st.open<number>('claims/2026112909')).write('e1', 1);
    await (await st.open<number>('claims/2026112910')).write('e2', 1);
    await (await st.open<number>('outbox')).write('o', 1);
    await (await st.open<number>('outbox/3')).write('o', 1);
    await (await st.open<number>('outbox-dead')).write('o', 1);
    expect(await st.list('claims/')).toEqual(['claims/2026112909', 'claims/2026112910']);
    expect(await st.list('outbox')).toEqual(['outbox', 'outbox-dead']);
    await st.drop('claims/2026112909');
    expect(await st.list('claims/')).toEqual(['claims/2026112910']);
    expect(await st.list('reports/')).toEqual([]);
    expect(await (await (await b.open()).open<number>('claims/2026112909')).entries()).toEqual([]);
  });

  it('never takes a collection name that could escape its place', async () => {
    const st = await b.open();
    await expect(st.open('../evil')).rejects.toThrow(/invalid collection name/);
    await expect(st.openLog('/etc/passwd')).rejects.toThrow(/invalid collection name/);
  });

  it('appends to logs and reads them back oldest first, filtered by their stored line', async () => {
    const st = await b.open();
    const { log, records } = await st.openLog<{ e: string; s: string }>('claims/2027012909');
    expect(records).toEqual([]);
    await log.append({ e: 'a', s: 'f' });
    // Appends made together are all stored, in order.
    await Promise.all(['b', 'c', 'd'].map((e) => log.append({ e, s: e === 'c' ? 'd' : 'f' })));
    await (await st.openLog<{ e: string }>('claims/2027012910')).log.append({ e: 'z' });
    await st.close();

    const again = await b.open();
    const all = await again.openLog<{ e: string }>('claims/2027012909');
    expect(all.records.map((r) => r.e)).toEqual(['a', 'b', 'c', 'd']);
    const done = await again.openLog<{ e: string }>('claims/2027012909', (l) => l.includes('"s":"d"'));
    expect(done.records).toEqual([{ e: 'c', s: 'd' }]);
    expect(await again.listLogs('claims/')).toEqual(['claims/2027012909', 'claims/2027012910']);
    await again.dropLog('claims/2027012909');
    expect(await again.listLogs('claims/')).toEqual(['claims/2027012910']);
    expect((await again.openLog('claims/2027012909')).records).toEqual([]);
  });

  it('does not show a failed write as saved, and names the collection', async () => {
    const st = await b.open();
    const s = await st.open<string>('reports');
    await s.write('a', 'kept');
    const { log } = await st.openLog<number>('claims/2027012909');
    await b.breakWrites();
    try {
      await expect(s.write('a', 'lost')).rejects.toMatchObject({
        name: 'StorageWriteError',
        collection: 'reports',
      });
      await expect(s.write('b', 'lost')).rejects.toMatchObject({ name: 'StorageWriteError' });
      await expect(log.append(1)).rejects.toMatchObject({ name: 'StorageWriteError' });
      expect(await s.entries()).toEqual([['a', 'kept']]);
    } finally {
      await b.heal();
    }
    await s.write('b', 'stored');
    const again = await (await b.open()).open<string>('reports');
    expect(await again.entries()).toEqual([
      ['a', 'kept'],
      ['b', 'stored'],
    ]);
  });

  it('keeps all of 200 concurrent writes to one collection and to 200 collections after reopening', async () => {
    const st = await b.open();
    const one = await st.open<{ i: number }>('outbox');
    const keys = Array.from({ length: 200 }, (_, i) => `job-${i}`);
    const many = await Promise.all(keys.map((_, i) => st.open<{ i: number }>(`reports/r/u${i}`)));
    await Promise.all([
      ...keys.map((k, i) => one.write(k, { i })),
      ...many.map((s, i) => s.write('draft', { i })),
    ]);
    await st.close();

    const again = await b.open();
    const entries = await (await again.open<{ i: number }>('outbox')).entries();
    expect(entries.map(([k]) => k).sort()).toEqual([...keys].sort());
    expect(entries.every(([k, v]) => k === `job-${v.i}`)).toBe(true);
    expect(await again.list('reports/r/')).toHaveLength(200);
    const drafts = await Promise.all(
      keys.map(async (_, i) => (await again.open<{ i: number }>(`reports/r/u${i}`)).read('draft')),
    );
    expect(drafts).toEqual(keys.map((_, i) => ({ i })));
  });

  it('copies raw collections with their version, names everything it holds', async () => {
    const st = await b.open();
    await st.writeRaw('approvals/r/u1', {
      version: 3,
      entries: [
        ['state', { at: 1 }],
        ['chain', ['a', 'b']],
      ],
    });
    await st.writeRaw('empty', { version: 1, entries: [] });
    await (await st.openLog('claims/2027012909')).log.append({ e: 'a' });
    const again = await b.open();
    expect(await again.collectionNames()).toEqual(['approvals/r/u1', 'empty']);
    expect(await again.logNames()).toEqual(['claims/2027012909']);
    expect(await again.readRaw('approvals/r/u1')).toEqual({
      version: 3,
      entries: [
        ['state', { at: 1 }],
        ['chain', ['a', 'b']],
      ],
    });
  });

  it('runs the sections of one lock one at a time, others alongside, and lets a section ask again for its own', async () => {
    const st = await b.open();
    const s = await st.open<number>('counter');
    let inside = 0;
    let most = 0;
    // Read, wait, write: two sections overlapping would both read the same count and lose an increment.
    const bump = () =>
      st.lock('report/r/u1', async () => {
        most = Math.max(most, ++inside);
        const n = (await s.read('n')) ?? 0;
        await new Promise((r) => setTimeout(r, 2));
        await s.write('n', n + 1);
        inside -= 1;
      });
    await Promise.all(Array.from({ length: 6 }, bump));
    expect(await s.read('n')).toBe(6);
    expect(most).toBe(1);

    let release!: () => void;
    const held = st.lock('round/a', () => new Promise<void>((r) => (release = r)));
    const other = st.lock('round/b', async () => 'ran');
    const waited = new Promise((r) => setTimeout(() => r('waited for round/a'), 2_000));
    expect(await Promise.race([other, waited])).toBe('ran');
    release();
    await held;
    expect(await st.lock('round/a', () => st.lock('round/a', async () => 'again'))).toBe('again');
  });

  it('rolls back a failed section on PostgreSQL; lowdb keeps the writes made before the failure', async () => {
    const st = await b.open();
    const s = await st.open<string>('reports');
    await s.write('a', 'before');
    await expect(
      st.lock('report/r/u1', async () => {
        await s.write('a', 'half');
        await s.write('b', 'half');
        throw new Error('stopped half-way');
      }),
    ).rejects.toThrow('stopped half-way');
    const again = await (await b.open()).open<string>('reports');
    // lowdb has no transactions: a section's writes are stored one by one, as they are made.
    const expected: Array<[string, string]> =
      b.kind === 'postgres'
        ? [['a', 'before']]
        : [
            ['a', 'half'],
            ['b', 'half'],
          ];
    expect(await again.entries()).toEqual(expected);
    // A failure frees the lock for the next section.
    expect(await st.lock('report/r/u1', async () => 'next')).toBe('next');
  });
});

describe('the PostgreSQL schema', () => {
  it('is created once when two processes start at once, and a newer one is refused with a clear message', async () => {
    const url = await freshPostgresUrl();
    const [a, b] = await Promise.all([PostgresStorage.open({ url }), PostgresStorage.open({ url })]);
    await (await a.open<number>('outbox')).write('x', 1);
    expect(await (await b.open<number>('outbox')).read('x')).toBe(1);
    const applied = await a.pool.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(applied.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    // A later nianbao migrated this database further: this one must not touch it.
    await a.pool.query(`INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')`);
    await Promise.all([a.close(), b.close()]);
    const refused = PostgresStorage.open({ url });
    await expect(refused).rejects.toBeInstanceOf(DatabaseVersionError);
    await expect(refused).rejects.toThrow(/更新版本的 nianbao.*99.*请升级/);
  });
});

describe('PostgreSQL seen by two processes', () => {
  it('reads what the other one wrote, changed, deleted and wrote again, never a value held from before', async () => {
    const url = await freshPostgresUrl();
    const [a, b] = await Promise.all([PostgresStorage.open({ url }), PostgresStorage.open({ url })]);
    try {
      const sa = await a.open<{ units: number }>('rounds');
      const sb = await b.open<{ units: number }>('rounds');
      await sa.write('r1', { units: 1 });
      expect(await sb.read('r1')).toEqual({ units: 1 });
      expect(await sb.entries()).toEqual([['r1', { units: 1 }]]);
      // Deleted and written again while the other one held it: a new row, not the one it read.
      await sa.delete('r1');
      await sa.write('r1', { units: 9 });
      expect(await sb.read('r1')).toEqual({ units: 9 });
      await sa.write('r1', { units: 2 });
      await sa.write('r2', { units: 5 });
      expect(await sb.read('r1')).toEqual({ units: 2 });
      expect(await sb.entries()).toEqual([
        ['r1', { units: 2 }],
        ['r2', { units: 5 }],
      ]);
      await sa.delete('r1');
      expect(await sb.read('r1')).toBeUndefined();
      await sa.write('r1', { units: 3 });
      expect(await sb.read('r1')).toEqual({ units: 3 });
      expect(await sb.entries()).toEqual([
        ['r2', { units: 5 }],
        ['r1', { units: 3 }],
      ]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('a database that cannot be used', () => {
  it('stops the start with a message naming it, without its password', async () => {
    const refused = PostgresStorage.open({ url: 'postgres://nianbao:s3cret@127.0.0.1:1/nianbao' });
    await expect(refused).rejects.toThrow(/无法使用数据库 127\.0\.0\.1:1\/nianbao.*DATABASE_URL/);
    await expect(refused).rejects.not.toThrow(/s3cret/);
  });
});
