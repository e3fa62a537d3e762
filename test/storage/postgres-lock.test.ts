/**
 * Storage.lock on PostgreSQL as two bot processes see it: two PostgresStorages on one database (each section
 * on a connection of its own storage's pool), the section as one transaction that query() joins, and work
 * that outlives its section never touching the transaction of the section after it.
 */
import type { PostgresStorage } from '../../storage/postgres-storage.js';
import { storeBackends, type Backend } from './backends.js';

const [, [, postgres]] = storeBackends();

const settledWithin = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p.then(() => 'settled'), new Promise((r) => setTimeout(() => r('pending'), ms))]);

describe('Storage.lock on PostgreSQL, two processes on one database', () => {
  let b: Backend;
  let one: PostgresStorage;
  let two: PostgresStorage;
  beforeEach(async () => {
    b = await postgres();
    one = (await b.open()) as PostgresStorage;
    two = (await b.open()) as PostgresStorage;
  });
  afterEach(() => b?.cleanup());

  it("runs a name's sections one at a time across both, and frees a lock taken inside only when the outer commits", async () => {
    let inside = 0;
    let most = 0;
    const bump = (st: PostgresStorage) =>
      st.lock('report/r/u1', async () => {
        most = Math.max(most, ++inside);
        const s = await st.open<number>('counter');
        const n = (await s.read('n')) ?? 0;
        await new Promise((r) => setTimeout(r, 2));
        await s.write('n', n + 1);
        inside -= 1;
      });
    await Promise.all([one, two, one, two, one, two].map(bump));
    expect(await (await one.open<number>('counter')).read('n')).toBe(6);
    expect(most).toBe(1);

    // A round's change in `one` locks a report inside it; `two` changing that report waits for the commit and
    // then reads the round's write, not what was there before.
    let release!: () => void;
    let innerDone!: () => void;
    const innerWritten = new Promise<void>((r) => (innerDone = r));
    const round = one.lock('round/r', async () => {
      await one.lock('report/r/u1', async () =>
        (await one.open<string>('reports')).write('u1', 'by the round'),
      );
      innerDone();
      await new Promise<void>((r) => (release = r));
    });
    await innerWritten;
    const seen = two.lock('report/r/u1', async () => (await two.open<string>('reports')).read('u1'));
    expect(await settledWithin(seen, 150)).toBe('pending');
    release();
    await round;
    expect(await seen).toBe('by the round');
  });

  it('lets a section take again a lock it took earlier while a change of this process waits for that lock', async () => {
    const reports = await one.open<string>('reports');
    let firstDone!: () => void;
    const first = new Promise<void>((r) => (firstDone = r));
    let go!: () => void;
    const proceed = new Promise<void>((r) => (go = r));
    const round = one.lock('round/r', async () => {
      await one.lock('report/r/u1', () => reports.write('u1', 'first pass'));
      firstDone();
      await proceed;
      await one.lock('report/r/u1', () => reports.write('u1', 'second pass'));
    });
    await first;
    // A filler's save in this process, meanwhile: it waits for the round's transaction, which holds the report.
    const filler = one.lock('report/r/u1', () => reports.write('u1', 'filler'));
    await new Promise((r) => setTimeout(r, 30));
    go();
    expect(await settledWithin(round, 2_000)).toBe('settled');
    await filler;
    expect(await reports.read('u1')).toBe('filler');
  });

  it('keeps rows written by query() only when the section commits, and fails a section whose statement failed', async () => {
    const add = (st: PostgresStorage, name: string) =>
      st.query('INSERT INTO collections (name, version) VALUES ($1, 1)', [name]);
    await expect(
      one.lock('outbox/x', async () => {
        await add(one, 'rolled-back');
        throw new Error('stopped');
      }),
    ).rejects.toThrow('stopped');
    await one.lock('outbox/x', () => add(one, 'committed'));
    // The work swallowed the failure, but PostgreSQL kept nothing after it: the section must not report success.
    await expect(
      one.lock('outbox/x', async () => {
        await (await one.open<string>('reports')).write('a', 'lost');
        await one.query('SELECT 1 / 0').catch(() => undefined);
        return 'looked fine';
      }),
    ).rejects.toThrow(/rolled back.*division by zero/);
    expect(await two.collectionNames()).toEqual(['committed']);
    expect(await (await two.open<string>('reports')).read('a')).toBeUndefined();
  });

  it("sends a write that outlives its section to the pool, never into the next section's transaction", async () => {
    const late = await one.open<string>('late');
    let go!: () => void;
    const gate = new Promise<void>((r) => (go = r));
    let written: Promise<void> | undefined;
    await one.lock('report/r/u1', async () => {
      // Fire-and-forget: it still carries the section's context when it runs, after the section ended.
      written = gate.then(() => late.write('k', 'late write'));
    });
    // The next section takes the same idle connection of the sections' pool, and rolls back.
    await expect(
      one.lock('report/r/u2', async () => {
        go();
        await written;
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await (await two.open<string>('late')).read('k')).toBe('late write');
  });
});
