/**
 * Named critical sections across every process on one PostgreSQL database: a section is one transaction on
 * a connection of its own that first takes pg_advisory_xact_lock(<64-bit hash of the name>), so another
 * process asking for the name waits until this one commits or rolls back (or its connection drops: kill -9
 * frees the lock). While the section's work runs, the storage's statements made from inside it (tracked by
 * AsyncLocalStorage) go to that connection: what the section writes commits together or not at all.
 *
 * A section's connection comes from a pool of its own: sections waiting for a lock hold connections, and
 * must not take the ones every other query (and the holder's fire-and-forget work) needs.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** The advisory lock key of a name: 64 bits of its SHA-256, as PostgreSQL's signed bigint (decimal). */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

/** A section while it runs. */
interface Section {
  client: pg.PoolClient;
  /** false once work settled: a late continuation that still carries the context must not use the client */
  active: boolean;
  /** names whose advisory lock this transaction holds */
  names: Set<string>;
  /** the first statement that failed: PostgreSQL refuses the rest of the transaction after it */
  failed?: unknown;
  /** the last statement queued: one connection runs one statement at a time, in the order asked */
  tail: Promise<unknown>;
}

/** A section whose transaction failed (a statement refused, even if its work went on): nothing was stored. */
export class SectionRolledBackError extends Error {
  constructor(cause: unknown) {
    super(`the locked section's transaction was rolled back: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
    this.name = 'SectionRolledBackError';
  }
}

/** The sections of one storage. */
export class PgSections {
  private readonly context = new AsyncLocalStorage<Section>();
  private pool: pg.Pool | undefined;

  /** `connect` makes the sections' pool when the first section starts (a storage never locking opens none). */
  constructor(private readonly connect: () => pg.Pool) {}

  /** Runs one statement on the current section's connection, or on `pool` outside any running section. */
  query<R extends pg.QueryResultRow>(
    pool: pg.Pool,
    sql: string,
    params: unknown[],
  ): Promise<pg.QueryResult<R>> {
    const s = this.current();
    if (!s) return pool.query<R>(sql, params);
    const run = s.tail.then(() => {
      // After a failed statement PostgreSQL answers every other one with "current transaction is aborted":
      // the failure that matters is the first.
      if (s.failed) throw new SectionRolledBackError(s.failed);
      return s.client.query<R>(sql, params).catch((e: unknown) => {
        s.failed ??= e;
        throw e;
      });
    });
    s.tail = run.catch(() => undefined);
    return run;
  }

  /** Whether the caller runs inside a section that is still running. */
  inside(): boolean {
    return this.current() !== undefined;
  }

  /**
   * Runs `work` holding the advisory lock of `name`: inside a running section, on its connection and in its
   * transaction (held until that section ends; concurrent branches of one section asking for the same name
   * are one holder and do not wait for each other); else as a transaction of its own.
   */
  async run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const outer = this.current();
    if (outer) {
      if (!outer.names.has(name)) {
        await this.query(this.pool!, 'SELECT pg_advisory_xact_lock($1::bigint)', [advisoryKey(name)]);
        outer.names.add(name);
      }
      return work();
    }
    this.pool ??= this.connect();
    const client = await this.pool.connect();
    const s: Section = { client, active: true, names: new Set([name]), tail: Promise.resolve() };
    let broken: Error | undefined;
    try {
      // One round trip: the key is a number this code computed, never text from outside.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${advisoryKey(name)}::bigint)`);
      let result: T;
      try {
        result = await this.context.run(s, work);
      } finally {
        s.active = false;
        // Statements a fire-and-forget queued while the section ran belong to it: they run before the end.
        await s.tail;
      }
      if (s.failed) throw new SectionRolledBackError(s.failed);
      const end = await client.query('COMMIT');
      if (end.command === 'ROLLBACK')
        throw new SectionRolledBackError(s.failed ?? 'COMMIT answered ROLLBACK');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch((err: Error) => void (broken = err));
      throw e;
    } finally {
      // A connection whose ROLLBACK failed is in an unknown state: destroyed, not reused.
      client.release(broken);
    }
  }

  /** Closes the sections' connections (after every section ended). */
  async close(): Promise<void> {
    await this.pool?.end();
  }

  private current(): Section | undefined {
    const s = this.context.getStore();
    return s?.active ? s : undefined;
  }
}
