/**
 * Event claims in PostgreSQL, shared by every bot process on the database: the table event_claims (migration 3)
 * decides which process handles an event, and keeps a card callback's answer so a redelivery that reaches
 * another process gets the same answer.
 *
 * Liveness: each process holds one connection for its whole life with application_name = its owner name. An
 * in-flight claim whose owner has no row in pg_stat_activity belongs to a dead process (kill -9 drops the
 * connection) and is taken over. This needs direct connections: a pooler in transaction mode (pgbouncer) would
 * show its own sessions instead.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ClaimStore, EventClaimsOptions, RecalledClaim } from './event-claims.js';
import { StorageWriteError } from './file-io.js';
import type { PostgresStorage } from './postgres-storage.js';
import type { LogStorage } from './store.js';

const HOUR = 3_600_000;

/** PostgreSQL claims' settings: lowdb's, and how soon a dropped presence connection is opened again. */
export interface PostgresClaimsOptions extends EventClaimsOptions {
  /** default 1 s */
  reconnectMs?: number;
}
/** how often a waiting duplicate looks again at the claim of the process handling its event */
const POLL_MS = 50;
/** the name write errors carry (StorageWriteError), as lowdb's claims name their logs */
const TABLE = 'event_claims';

interface Row {
  state: 'in-flight' | 'done';
  owner: string;
  /** `at` as the database spells it, compared back exactly when a claim is taken over */
  at_text: string;
  /** ms since epoch */
  at_ms: number;
  answer: unknown;
  alive: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A claim store on PostgreSQL; open it with PostgresClaims.open and close it before its storage. */
export class PostgresClaims implements ClaimStore {
  private readonly ttlMs: number;
  private readonly leaseMs: number;
  private readonly now: () => number;
  private readonly reconnectMs: number;
  private lastExpiry = 0;
  private closed = false;
  /** the connection that keeps this process alive in other processes' eyes */
  private presence: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;

  private constructor(
    private readonly storage: PostgresStorage,
    /** this process's application_name, the owner of its claims */
    readonly owner: string,
    opts: PostgresClaimsOptions,
  ) {
    this.ttlMs = opts.ttlMs ?? 7 * HOUR;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.now = opts.now ?? Date.now;
    this.reconnectMs = opts.reconnectMs ?? 1000;
  }

  /**
   * Connects this process's presence (application_name nianbao-<pid>-<random>), takes in the done claims of
   * lowdb logs a migration copied into the database, and drops expired claims.
   */
  static async open(storage: PostgresStorage, opts: PostgresClaimsOptions = {}): Promise<PostgresClaims> {
    const c = new PostgresClaims(storage, `nianbao-${process.pid}-${randomBytes(6).toString('hex')}`, opts);
    try {
      await c.connectPresence();
      await c.importLogs();
      await c.expire();
      return c;
    } catch (e) {
      await c.close();
      throw e;
    }
  }

  /**
   * Claims an event id: true when this process must handle it (its row is stored first), false for a
   * duplicate. A claim of a dead process, one stuck past the lease, or one older than the TTL is taken over.
   * One of a live process is waited for up to `waitMs` (its answer is then recalled); rejects with
   * StorageWriteError when the claim cannot be stored (nothing is claimed then).
   */
  async claim(eventId: string, o: { waitMs?: number } = {}): Promise<boolean> {
    // A real wait, on the real clock whatever `now` says (claims' times may be a test's fake clock).
    const until = Date.now() + (o.waitMs ?? 0);
    this.expireNowAndThen();
    // Bounded: each round either decides or sleeps POLL_MS toward `until`; a row that vanishes between the
    // insert and the read (released, expired) is tried again, at most this many times.
    for (let round = 0; round < 1000; round++) {
      const t = this.now();
      const inserted = await this.write(
        `INSERT INTO event_claims (event_id, state, owner, at) VALUES ($1, 'in-flight', $2, to_timestamp($3::float8 / 1000))
         ON CONFLICT (event_id) DO NOTHING RETURNING 1`,
        [eventId, this.owner, t],
      );
      if (inserted.rowCount) return true;
      const row = await this.read(eventId);
      if (!row) continue;
      if (this.takeable(row, t)) {
        // Compare-and-set on the owner and time read: of two processes taking over the same claim, one wins.
        const taken = await this.write(
          `UPDATE event_claims SET state = 'in-flight', owner = $2, at = to_timestamp($3::float8 / 1000), answer = NULL
           WHERE event_id = $1 AND owner = $4 AND at = $5::timestamptz`,
          [eventId, this.owner, t, row.owner, row.at_text],
        );
        if (taken.rowCount) return true;
        continue;
      }
      const left = until - Date.now();
      if (row.state === 'done' || row.owner === this.owner || left <= 0) return false;
      await sleep(Math.min(POLL_MS, left));
    }
    return false;
  }

  /** Marks this process's claim done, with the answer its redeliveries get. */
  async done(eventId: string, answer?: unknown): Promise<void> {
    await this.write(
      `UPDATE event_claims SET state = 'done', at = to_timestamp($3::float8 / 1000), answer = $4::jsonb
       WHERE event_id = $1 AND owner = $2`,
      [eventId, this.owner, this.now(), answer === undefined ? null : JSON.stringify(answer)],
    );
  }

  /** Gives this process's in-flight claim up, so a redelivery (here or in another process) is processed. */
  async release(eventId: string): Promise<void> {
    await this.write(`DELETE FROM event_claims WHERE event_id = $1 AND owner = $2 AND state = 'in-flight'`, [
      eventId,
      this.owner,
    ]);
  }

  /** The event's claim as stored now (whoever made it), or undefined when none or expired. */
  async recall(eventId: string): Promise<RecalledClaim | undefined> {
    const row = await this.read(eventId);
    if (!row || this.now() - row.at_ms >= this.ttlMs) return undefined;
    return { state: row.state, ...(row.answer === null ? {} : { answer: row.answer }) };
  }

  /** Deletes claims older than the TTL (whichever process made them). */
  async expire(): Promise<void> {
    this.lastExpiry = this.now();
    await this.write('DELETE FROM event_claims WHERE at < to_timestamp($1::float8 / 1000)', [
      this.lastExpiry - this.ttlMs,
    ]);
  }

  /** Ends the presence connection: from then on, this process's claims left in flight are others' to take. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retry);
    await this.presence?.end().catch(() => undefined);
  }

  /**
   * Opens the presence connection under this process's owner name. Dropped (a network blip, a restarted
   * database), it is opened again after reconnectMs while this store is open: meanwhile this process looks
   * dead and its claims in flight may be taken over, which costs a second handling, never a lost event.
   */
  private async connectPresence(): Promise<void> {
    // pg-pool keeps the password out of its options' enumerable keys.
    const o = this.storage.pool.options;
    const client = new pg.Client({ ...o, password: o.password });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (this.presence !== client || this.closed) return;
      this.presence = undefined;
      this.reconnectLater();
    });
    await client.connect();
    try {
      // set_config, not the connection's option: a DATABASE_URL naming an application_name would win over it.
      await client.query("SELECT set_config('application_name', $1, false)", [this.owner]);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.presence = client;
  }

  private reconnectLater(): void {
    if (this.closed) return;
    this.retry = setTimeout(() => {
      this.connectPresence().catch(() => this.reconnectLater());
    }, this.reconnectMs);
    this.retry.unref();
  }

  /** Whether a claim found on conflict is forgotten, or left by a process that cannot finish it. */
  private takeable(row: Row, t: number): boolean {
    if (t - row.at_ms >= this.ttlMs) return true;
    if (row.state === 'done') return false;
    return !row.alive || t - row.at_ms >= this.leaseMs;
  }

  private async read(eventId: string): Promise<Row | undefined> {
    const { rows } = await this.storage.query<Row>(
      `SELECT state, owner, at::text AS at_text, (extract(epoch FROM at) * 1000)::float8 AS at_ms, answer,
              EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.application_name = c.owner) AS alive
       FROM event_claims c WHERE event_id = $1`,
      [eventId],
    );
    return rows[0];
  }

  private write(sql: string, params: unknown[]): Promise<pg.QueryResult> {
    return this.storage.query(sql, params).catch((e: unknown) => {
      throw new StorageWriteError(TABLE, e);
    });
  }

  /** Housekeeping on the first claim of each new hour; a failure is retried the hour after. */
  private expireNowAndThen(): void {
    if (this.now() - this.lastExpiry < HOUR) return;
    this.expire().catch(() => undefined);
  }

  /**
   * `nianbao migrate` copies lowdb's claim logs (claims/<hour>) into the database as logs: their done claims
   * become rows, so an event handled before the move is still a duplicate after it; the logs are then dropped.
   */
  private async importLogs(): Promise<void> {
    for (const name of await this.storage.listLogs('claims/')) {
      const { records } = await this.storage.openLog<{ e?: unknown; s?: unknown; t?: unknown }>(name, (l) =>
        l.includes('"s":"d"'),
      );
      const done = records.filter(
        (r): r is { e: string; s: 'd'; t: number } => typeof r?.e === 'string' && typeof r.t === 'number',
      );
      for (let i = 0; i < done.length; i += 1000) {
        const batch = done.slice(i, i + 1000);
        await this.write(
          `INSERT INTO event_claims (event_id, state, owner, at)
           SELECT e, 'done', $3, to_timestamp(t / 1000) FROM unnest($1::text[], $2::float8[]) AS u (e, t)
           ON CONFLICT (event_id) DO NOTHING`,
          [batch.map((r) => r.e), batch.map((r) => r.t), this.owner],
        );
      }
      await this.storage.dropLog(name);
    }
  }
}

/** What `nianbao migrate` counts of claims: events handled (done), whichever process handled them. */
export async function countDoneClaims(storage: PostgresStorage): Promise<number> {
  const { rows } = await storage.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM event_claims WHERE state = 'done'`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * The reverse of importLogs, for `nianbao migrate` to a data directory: each done claim becomes a done line of
 * lowdb's log of its hour (claims/<yyyymmddhh>, UTC), so its redelivery is still a duplicate there. In-flight
 * claims stay behind (a redelivery handles their event, as after a crash); stored answers too (lowdb keeps
 * none). Returns how many were written.
 */
export async function exportDoneClaims(storage: PostgresStorage, to: LogStorage): Promise<number> {
  const { rows } = await storage.query<{ log: string; e: string; t: number }>(
    `SELECT 'claims/' || to_char(at AT TIME ZONE 'UTC', 'YYYYMMDDHH24') AS log, event_id AS e,
            round(extract(epoch FROM at) * 1000)::float8 AS t
     FROM event_claims WHERE state = 'done' ORDER BY at, event_id`,
  );
  const byLog = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byLog.get(r.log);
    if (list) list.push(r);
    else byLog.set(r.log, [r]);
  }
  for (const [name, done] of byLog) {
    const { log } = await to.openLog<{ e: string; s: 'd'; t: number }>(name);
    // Appended together: the log joins them into a few writes.
    await Promise.all(done.map(({ e, t }) => log.append({ e, s: 'd', t })));
    await log.settle();
  }
  return rows.length;
}

/** Empties the claims table (`nianbao migrate --force` replacing a database's data). */
export async function clearClaims(storage: PostgresStorage): Promise<void> {
  await storage.query('DELETE FROM event_claims');
}
