import { appendFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { EventClaims, type EventClaimsOptions } from '../../storage/event-claims.js';
import { lowdbBackend, storeBackends, type Backend } from './backends.js';

const HOUR = 3_600_000;
let t: number;
const now = () => t;

describe.each(storeBackends())('EventClaims on %s', (_name, make) => {
  let b: Backend;
  /** claims on a new storage of the same data, as a restarted process opens them */
  const open = async (o: Omit<EventClaimsOptions, 'now'> = {}) =>
    EventClaims.open(await b.open(), { now, ...o });
  beforeEach(async () => {
    b = await make();
    t = Date.UTC(2027, 0, 29, 9, 30);
  });
  afterEach(() => b?.cleanup()); // undefined when the store could not start (the case failed saying why)

  it('lets an event id be processed once, even when two deliveries race', async () => {
    const c = await open();
    const results = await Promise.all([c.claim('ev1'), c.claim('ev1'), c.claim('ev1')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await c.done('ev1');
    expect(await c.claim('ev1')).toBe(false);
    expect(await c.claim('ev2')).toBe(true);
  });

  it('remembers processed events across a restart', async () => {
    const a = await b.open();
    const c = await EventClaims.open(a, { now });
    await c.claim('ev1');
    await c.done('ev1');
    await a.close();
    const again = await open();
    expect(again.stateOf('ev1')).toBe('done');
    expect(await again.claim('ev1')).toBe(false);
  });

  it('processes at once the redelivery of an event a crashed process never finished (issue 14 item 4)', async () => {
    const c = await open();
    await c.claim('ev1'); // the process dies before done(): nothing was acknowledged
    t += 15_000; // Feishu's first redelivery
    const restarted = await open();
    expect(await restarted.claim('ev1')).toBe(true);
    // The taken-over claim is this process's now: a concurrent second redelivery is still a duplicate.
    expect(await restarted.claim('ev1')).toBe(false);
    await restarted.done('ev1');
    const third = await open();
    expect(await third.claim('ev1')).toBe(false);
  });

  it('keeps a live handler of this process to itself, and takes over one stuck past the lease', async () => {
    const c = await open({ leaseMs: 30_000 });
    expect(await c.claim('ev1')).toBe(true);
    t += 20_000;
    expect(await c.claim('ev1')).toBe(false);
    t += 11_000;
    expect(await c.claim('ev1')).toBe(true);
  });

  it('processes again an event whose handler failed and was released (the person was told to retry)', async () => {
    const c = await open();
    expect(await c.claim('ev1')).toBe(true);
    c.release('ev1');
    expect(await c.claim('ev1')).toBe(true);
    await c.done('ev1');
    c.release('ev1'); // too late: done stays done
    expect(await c.claim('ev1')).toBe(false);
  });

  it('claims nothing when the claim cannot be written, so the retry after storage is back is processed', async () => {
    const c = await open();
    await b.breakWrites();
    try {
      await expect(c.claim('ev1')).rejects.toMatchObject({ name: 'StorageWriteError' });
      expect(c.stateOf('ev1')).toBeUndefined();
    } finally {
      await b.heal();
    }
    expect(await c.claim('ev1')).toBe(true);
    await c.done('ev1');
    expect(await (await open()).claim('ev1')).toBe(false);
  });

  it('keeps the claims an earlier version stored as one collection per hour', async () => {
    const st = await b.open();
    const old = await st.open<{ state: string; at: number }>('claims/2027012909', { version: 1 });
    await old.write('a', { state: 'done', at: t - 60_000 });
    await old.write('b', { state: 'in-flight', at: t });
    const c = await open();
    expect(await c.claim('a')).toBe(false);
    expect(await c.claim('b')).toBe(true);
    const after = await b.open();
    expect(await after.list('claims/')).toEqual([]);
    expect(await after.listLogs('claims/')).toEqual(['claims/2027012909']);
  });

  it('forgets claims older than the TTL and deletes their logs', async () => {
    const st = await b.open();
    const c = await EventClaims.open(st, { now, ttlMs: 7 * HOUR });
    await c.claim('old');
    await c.done('old');
    t += 3 * HOUR;
    await c.claim('newer');
    await c.done('newer');
    expect((await st.listLogs('claims/')).length).toBe(2);
    t += 5 * HOUR; // 'old' is 8 h old, 'newer' 5 h
    const reopened = await open({ ttlMs: 7 * HOUR });
    expect(reopened.stateOf('old')).toBeUndefined();
    expect(reopened.stateOf('newer')).toBe('done');
    expect(await (await b.open()).listLogs('claims/')).toEqual(['claims/2027012912']);
    expect(await reopened.claim('old')).toBe(true);
  });

  it('holds 200 events claimed at once by one process: each once, all done after a restart', async () => {
    const c = await open();
    const ids = Array.from({ length: 200 }, (_, i) => `ev${i}`);
    const first = await Promise.all([...ids, ...ids].map((id) => c.claim(id)));
    expect(first.filter(Boolean)).toHaveLength(200);
    await Promise.all(ids.map((id) => c.done(id)));
    const again = await open();
    expect(ids.every((id) => again.stateOf(id) === 'done')).toBe(true);
  });
});

describe('EventClaims on lowdb files', () => {
  let b: Backend;
  beforeEach(async () => {
    b = await lowdbBackend();
    t = Date.UTC(2027, 0, 29, 9, 30);
  });
  afterEach(() => b?.cleanup()); // undefined when the store could not start (the case failed saying why)

  it('reads a log whose last line a kill left half-written, and appends after it on a fresh line', async () => {
    const st = await b.open();
    const c = await EventClaims.open(st, { now });
    await c.claim('ev1');
    await c.done('ev1');
    await st.close();
    await appendFile(path.join(b.where, 'claims', '2027012909.jsonl'), '{"e":"ev2","s":"d"');
    const again = await EventClaims.open(await b.open(), { now });
    expect(again.stateOf('ev1')).toBe('done');
    expect(await again.claim('ev2')).toBe(true);
    await again.done('ev2');
    const third = await EventClaims.open(await b.open(), { now });
    expect([third.stateOf('ev1'), third.stateOf('ev2')]).toEqual(['done', 'done']);
    expect(await readdir(path.join(b.where, 'claims'))).toEqual(['2027012909.jsonl']);
  });
});
