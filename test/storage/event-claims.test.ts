import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventClaims } from '../../storage/event-claims.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';

const HOUR = 3_600_000;
let dir: string;
let t: number;
const now = () => t;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-claims-'));
  t = Date.UTC(2027, 0, 29, 9, 30);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('EventClaims', () => {
  it('lets an event id be processed once, even when two deliveries race', async () => {
    const c = await EventClaims.open(new LowdbStorage(dir), { now });
    const results = await Promise.all([c.claim('ev1'), c.claim('ev1'), c.claim('ev1')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await c.done('ev1');
    expect(await c.claim('ev1')).toBe(false);
    expect(await c.claim('ev2')).toBe(true);
  });

  it('remembers processed events across a restart', async () => {
    const a = new LowdbStorage(dir);
    const c = await EventClaims.open(a, { now });
    await c.claim('ev1');
    await c.done('ev1');
    await a.close();
    const again = await EventClaims.open(new LowdbStorage(dir), { now });
    expect(again.stateOf('ev1')).toBe('done');
    expect(await again.claim('ev1')).toBe(false);
  });

  it('lets an event left in flight by a crashed process be claimed again after the lease', async () => {
    const c = await EventClaims.open(new LowdbStorage(dir), { now, leaseMs: 60_000 });
    await c.claim('ev1'); // the process dies before done()
    const restarted = await EventClaims.open(new LowdbStorage(dir), { now, leaseMs: 60_000 });
    expect(await restarted.claim('ev1')).toBe(false); // maybe still running elsewhere
    t += 61_000;
    expect(await restarted.claim('ev1')).toBe(true);
  });

  it('forgets claims older than the TTL and deletes their files', async () => {
    const st = new LowdbStorage(dir);
    const c = await EventClaims.open(st, { now, ttlMs: 7 * HOUR });
    await c.claim('old');
    await c.done('old');
    t += 3 * HOUR;
    await c.claim('newer');
    expect((await st.list('claims/')).length).toBe(2);
    t += 5 * HOUR; // 'old' is 8 h old, 'newer' 5 h
    const reopened = await EventClaims.open(new LowdbStorage(dir), { now, ttlMs: 7 * HOUR });
    expect(reopened.stateOf('old')).toBeUndefined();
    expect(reopened.stateOf('newer')).toBe('in-flight');
    expect(await new LowdbStorage(dir).list('claims/')).toEqual(['claims/2027012912']);
    expect(await reopened.claim('old')).toBe(true);
  });
});
