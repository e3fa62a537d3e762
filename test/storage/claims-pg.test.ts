/**
 * Event claims in PostgreSQL as bot processes see them: a PostgresStorage and a PostgresClaims each on one
 * database. What makes them separate processes is each one's presence connection (its owner name); they share
 * one pool here only because a connection costs tens of milliseconds to open.
 */
import pg from 'pg';
import { PostgresClaims, type PostgresClaimsOptions } from '../../storage/postgres-claims.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import { postgresForTests } from '../support/postgres.js';

const HOUR = 3_600_000;
const cluster = postgresForTests();
let url: string;
let admin: pg.Pool;
let t: number;
const now = () => t;
const opened: Array<{ claims: PostgresClaims; storage: PostgresStorage }> = [];
/** three live processes, opened once for the file (default lease 30 s, TTL 7 h) */
let a: PostgresClaims;
let b: PostgresClaims;
let c: PostgresClaims;

/** A "process": its own storage and claims on the shared database. */
async function processOn(o: PostgresClaimsOptions = {}): Promise<PostgresClaims> {
  const storage = await PostgresStorage.open({ url, pool: admin });
  const claims = await PostgresClaims.open(storage, { now, ...o });
  opened.push({ claims, storage });
  return claims;
}

/** What kill -9 does to a process's connections: the server ends them, its presence disappears. */
const kill = async (p: PostgresClaims) =>
  admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
    p.owner,
  ]);

beforeAll(async () => {
  url = await cluster.fresh();
  admin = new pg.Pool({ connectionString: url, max: 8 });
  admin.on('error', () => undefined);
  t = Date.UTC(2027, 0, 29, 9, 30);
  a = await processOn(); // runs the migrations first
  [b, c] = await Promise.all([processOn(), processOn()]);
});
afterAll(async () => {
  for (const o of opened) {
    await o.claims.close();
    await o.storage.close();
  }
  await admin?.end();
});
beforeEach(async () => {
  t = Date.UTC(2027, 0, 29, 9, 30);
  await admin.query('DELETE FROM event_claims');
});

describe('PostgresClaims: two processes on one database', () => {
  it('lets one of two processes handle an event when both get it at once, and gives the other its answer', async () => {
    const won = await Promise.all([a.claim('ev1'), b.claim('ev1'), a.claim('ev1'), b.claim('ev1')]);
    expect(won.filter(Boolean)).toHaveLength(1);
    const [winner, other] = won[0] || won[2] ? [a, b] : [b, a];
    const answer = { toast: { type: 'success', content: '已保存' } };
    await winner.done('ev1', answer);
    expect(await other.claim('ev1')).toBe(false);
    expect(await other.recall('ev1')).toEqual({ state: 'done', answer });
    expect(await winner.claim('ev1')).toBe(false);
  });

  it('makes a redelivery to the other process wait for the live first handler and then answers it as done', async () => {
    expect(await a.claim('ev1')).toBe(true);
    // Without a wait the duplicate is told at once (a chat message needs no answer).
    expect(await b.claim('ev1')).toBe(false);
    expect(await b.recall('ev1')).toEqual({ state: 'in-flight' });
    const started = Date.now();
    const waiting = b.claim('ev1', { waitMs: 3000 });
    setTimeout(() => void a.done('ev1', { toast: { type: 'success', content: '已提交' } }), 60);
    expect(await waiting).toBe(false);
    // Decided when the first process finished, not at the end of the wait.
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await b.recall('ev1'))?.answer).toEqual({ toast: { type: 'success', content: '已提交' } });
  });

  it('gives a waiting redelivery the event when the first handler fails and releases it', async () => {
    expect(await a.claim('ev1')).toBe(true);
    const waiting = b.claim('ev1', { waitMs: 3000 });
    setTimeout(() => void a.release('ev1'), 60);
    expect(await waiting).toBe(true);
    // b's now: a's own later duplicate does not take it.
    expect(await a.claim('ev1')).toBe(false);
  });

  it('takes over without waiting the claim of a process that died with the event in flight, by one process only', async () => {
    const dead = await processOn();
    expect(await dead.claim('ev1')).toBe(true);
    await kill(dead);
    // No wait allowed: a live owner's claim would be a duplicate to both; the dead one's is taken by one.
    const tries = await Promise.all([b, c].map(async (p) => ({ p, won: await p.claim('ev1') })));
    const winners = tries.filter((x) => x.won);
    expect(winners).toHaveLength(1);
    await winners[0].p.done('ev1', { toast: { type: 'success', content: '已提交' } });
    // The dead process's late done (had it been only slow) does not overwrite the taker's answer.
    await dead.done('ev1', { toast: { type: 'error', content: '旧的' } });
    expect((await a.recall('ev1'))?.answer).toEqual({ toast: { type: 'success', content: '已提交' } });
  });

  it('is alive again once its dropped presence connection is back: its claims are its own again', async () => {
    const blip = await processOn({ reconnectMs: 20 });
    expect(await blip.claim('ev1')).toBe(true);
    const pidOf = () =>
      admin
        .query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [blip.owner])
        .then((r) => r.rows[0]?.pid);
    const before = await pidOf();
    await kill(blip); // the connection only: the process goes on
    // Back once a new connection (another server pid) carries its name.
    for (let i = 0; i < 100 && [before, undefined].includes(await pidOf()); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect([before, undefined]).not.toContain(await pidOf());
    expect(await b.claim('ev1')).toBe(false);
    await blip.done('ev1', { toast: { type: 'success', content: '已提交' } });
    expect((await b.recall('ev1'))?.state).toBe('done');
  });

  it('takes over a live handler stuck past the lease, but not before', async () => {
    expect(await a.claim('ev1')).toBe(true);
    t += 20_000;
    expect(await b.claim('ev1')).toBe(false);
    t += 11_000;
    expect(await b.claim('ev1')).toBe(true);
  });

  it('forgets claims older than the TTL: the event is processed again and expiry deletes the rows', async () => {
    await a.claim('old');
    await a.done('old', { toast: { type: 'success', content: '好' } });
    t += 3 * HOUR;
    await a.claim('newer');
    await a.done('newer');
    t += 5 * HOUR; // 'old' is 8 h old, 'newer' 5 h
    await a.expire();
    const { rows } = await admin.query<{ event_id: string }>('SELECT event_id FROM event_claims');
    expect(rows.map((r) => r.event_id)).toEqual(['newer']);
    expect(await a.recall('newer')).toEqual({ state: 'done' });
    expect(await a.claim('old')).toBe(true);
  });

  it('claims nothing when the claim cannot be stored, and processes the retry once the database takes it', async () => {
    await admin.query('ALTER TABLE event_claims ADD CONSTRAINT broken CHECK (false) NOT VALID');
    try {
      await expect(a.claim('ev1')).rejects.toMatchObject({ name: 'StorageWriteError' });
    } finally {
      await admin.query('ALTER TABLE event_claims DROP CONSTRAINT IF EXISTS broken');
    }
    expect(await a.recall('ev1')).toBeUndefined();
    expect(await a.claim('ev1')).toBe(true);
  });

  it('keeps as done the events of lowdb claim logs a migration copied into the database', async () => {
    const storage = await PostgresStorage.open({ url, pool: admin });
    const { log } = await storage.openLog<{ e: string; s: string; t: number }>('claims/2027012909');
    await log.append({ e: 'handled', s: 'f', t: t - 60_000 });
    await log.append({ e: 'handled', s: 'd', t: t - 59_000 });
    await log.append({ e: 'unfinished', s: 'f', t: t - 30_000 });
    const started = await processOn();
    expect(await started.claim('handled')).toBe(false);
    expect(await started.claim('unfinished')).toBe(true);
    expect(await storage.listLogs('claims/')).toEqual([]);
  });
});
