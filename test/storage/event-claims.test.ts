import { appendFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventClaims } from '../../storage/event-claims.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { failWrites, healDisk } from './disk-faults.js';

const HOUR = 3_600_000;
let dir: string;
let t: number;
const now = () => t;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'nianbao-claims-'));
  t = Date.UTC(2027, 0, 29, 9, 30);
});
afterEach(async () => {
  healDisk();
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

  it('processes at once the redelivery of an event a crashed process never finished (issue 14 item 4)', async () => {
    const c = await EventClaims.open(new LowdbStorage(dir), { now });
    await c.claim('ev1'); // the process dies before done(): nothing was acknowledged
    t += 15_000; // Feishu's first redelivery
    const restarted = await EventClaims.open(new LowdbStorage(dir), { now });
    expect(await restarted.claim('ev1')).toBe(true);
    // The taken-over claim is this process's now: a concurrent second redelivery is still a duplicate.
    expect(await restarted.claim('ev1')).toBe(false);
    await restarted.done('ev1');
    const third = await EventClaims.open(new LowdbStorage(dir), { now });
    expect(await third.claim('ev1')).toBe(false);
  });

  it('keeps a live handler of this process to itself, and takes over one stuck past the lease', async () => {
    const c = await EventClaims.open(new LowdbStorage(dir), { now, leaseMs: 30_000 });
    expect(await c.claim('ev1')).toBe(true);
    t += 20_000;
    expect(await c.claim('ev1')).toBe(false);
    t += 11_000;
    expect(await c.claim('ev1')).toBe(true);
  });

  it('processes again an event whose handler failed and was released (the person was told to retry)', async () => {
    const c = await EventClaims.open(new LowdbStorage(dir), { now });
    expect(await c.claim('ev1')).toBe(true);
    c.release('ev1');
    expect(await c.claim('ev1')).toBe(true);
    await c.done('ev1');
    c.release('ev1'); // too late: done stays done
    expect(await c.claim('ev1')).toBe(false);
  });

  it('claims nothing when the claim cannot be written, so the retry after the disk is back is processed', async () => {
    const c = await EventClaims.open(new LowdbStorage(dir), { now });
    failWrites('ENOSPC');
    await expect(c.claim('ev1')).rejects.toMatchObject({ name: 'StorageWriteError', reason: 'disk full' });
    expect(c.stateOf('ev1')).toBeUndefined();
    healDisk();
    expect(await c.claim('ev1')).toBe(true);
    await c.done('ev1');
    expect(await (await EventClaims.open(new LowdbStorage(dir), { now })).claim('ev1')).toBe(false);
  });

  it('reads a log whose last line a kill left half-written, and appends after it on a fresh line', async () => {
    const st = new LowdbStorage(dir);
    const c = await EventClaims.open(st, { now });
    await c.claim('ev1');
    await c.done('ev1');
    await st.close();
    await appendFile(path.join(dir, 'claims', '2027012909.jsonl'), '{"e":"ev2","s":"d"');
    const again = await EventClaims.open(new LowdbStorage(dir), { now });
    expect(again.stateOf('ev1')).toBe('done');
    expect(await again.claim('ev2')).toBe(true);
    await again.done('ev2');
    const third = await EventClaims.open(new LowdbStorage(dir), { now });
    expect([third.stateOf('ev1'), third.stateOf('ev2')]).toEqual(['done', 'done']);
  });

  it('keeps the claims an earlier version stored as one lowdb file per hour', async () => {
    await mkdir(path.join(dir, 'claims'));
    const old = {
      version: 1,
      items: { a: { state: 'done', at: t - 60_000 }, b: { state: 'in-flight', at: t } },
    };
    await writeFile(path.join(dir, 'claims', '2027012909.json'), JSON.stringify(old));
    const c = await EventClaims.open(new LowdbStorage(dir), { now });
    expect(await c.claim('a')).toBe(false);
    expect(await c.claim('b')).toBe(true);
    expect(await readdir(path.join(dir, 'claims'))).toEqual(['2027012909.jsonl']);
  });

  it('forgets claims older than the TTL and deletes their files', async () => {
    const st = new LowdbStorage(dir);
    const c = await EventClaims.open(st, { now, ttlMs: 7 * HOUR });
    await c.claim('old');
    await c.done('old');
    t += 3 * HOUR;
    await c.claim('newer');
    await c.done('newer');
    expect((await st.listLogs('claims/')).length).toBe(2);
    t += 5 * HOUR; // 'old' is 8 h old, 'newer' 5 h
    const reopened = await EventClaims.open(new LowdbStorage(dir), { now, ttlMs: 7 * HOUR });
    expect(reopened.stateOf('old')).toBeUndefined();
    expect(reopened.stateOf('newer')).toBe('done');
    expect(await new LowdbStorage(dir).listLogs('claims/')).toEqual(['claims/2027012912']);
    expect(await reopened.claim('old')).toBe(true);
  });
});
