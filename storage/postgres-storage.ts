/**
 * Storage in PostgreSQL (or a database speaking its protocol: KingbaseES, openGauss), chosen by DATABASE_URL.
 * Collections are rows of one table (collection, key, value jsonb, version, position) and logs rows of another
 * (log, seq, record jsonb). Nothing is cached in memory: every read asks the database, so what another process
 * committed is seen. A write resolves once its transaction is committed; inside a section of lock() (one
 * transaction, postgres-lock.ts) it joins that transaction and is kept only if the section commits.
 */
import pg from 'pg';
import { StorageWriteError } from './file-io.js';
import { StorageVersionError } from './lowdb-storage.js';
import { VersionedCache } from './postgres-cache.js';
import { PgSections } from './postgres-lock.js';
import { runMigrations } from './postgres-migrations.js';
import { MemoryLock } from './memory-lock.js';
import {
  COLLECTION_NAME,
  type AppendLog,
  type CollectionSchema,
  type CopyableStorage,
  type RawCollection,
  type Store,
} from './store.js';

const CONNECT_TIMEOUT_MS = 10_000;

/** The database could not be reached or used at start; the message names it without its password. */
export class DatabaseUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    let where = 'DATABASE_URL';
    try {
      const u = new URL(url);
      where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      // not a URL: the variable's name says enough
    }
    super(
      `无法使用数据库 ${where}：${(cause as Error)?.message ?? String(cause)}（请检查 DATABASE_URL 和数据库是否在运行）`,
      {
        cause,
      },
    );
    this.name = 'DatabaseUnreachableError';
  }
}

/** How to reach the database. */
export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** connections kept open at most (DATABASE_POOL_MAX, default 10) */
  poolMax?: number;
  /** a pool to share instead (several storages on one database, as tests reopen); close() leaves it open */
  pool?: pg.Pool;
}

const checkName = (name: string) => {
  if (!COLLECTION_NAME.test(name)) throw new Error(`invalid collection name: ${name}`);
  return name;
};

/**
 * Names directly under a prefix's folder, as lowdb lists files of one directory: "claims/" lists
 * "claims/2026112909" but not "claims/a/b", and "outbox" lists "outbox-dead" but not "outbox/0".
 */
function directlyUnder(names: string[], prefix: string): string[] {
  const slash = prefix.lastIndexOf('/');
  const depth = slash < 0 ? 0 : prefix.slice(0, slash).split('/').length;
  return names.filter((n) => n.startsWith(prefix) && n.split('/').length === depth + 1).sort();
}

// Escapes LIKE's wildcards: collection names may hold "_".
const likePrefix = (prefix: string) => prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';

/** Runs work and tells the pending set while it runs, so close() can wait for it. */
class Pending {
  private readonly set = new Set<Promise<unknown>>();
  track<T>(p: Promise<T>): Promise<T> {
    this.set.add(p);
    const forget = () => void this.set.delete(p);
    p.then(forget, forget);
    return p;
  }
  async settle(): Promise<void> {
    for (let i = 0; i < 3 && this.set.size; i++) await Promise.allSettled([...this.set]);
  }
}

class PgStore<T> implements Store<T> {
  constructor(
    private readonly pg: PostgresStorage,
    private readonly name: string,
    private readonly version: number,
  ) {}

  async read(key: string): Promise<T | undefined> {
    const cache = this.pg.cache;
    // The value comes back only when the row changed since the version held here.
    const { rows } = await this.pg.query<{ version: string; value: T | null }>(
      `SELECT version, CASE WHEN version = $3 THEN NULL ELSE value END AS value
       FROM items WHERE collection = $1 AND key = $2`,
      [this.name, key, cache.version(this.name, key)],
    );
    const row = rows[0];
    if (!row) {
      cache.forget(this.name, key);
      return undefined;
    }
    const held = cache.value(this.name, key, row.version);
    if (held) return held.value as T;
    cache.set(this.name, key, row.version, row.value);
    return row.value as T;
  }

  write(key: string, value: T): Promise<void> {
    // The collection row comes back if the collection was dropped meanwhile, as lowdb rewrites a dropped file.
    return this.pg.change(
      this.name,
      `WITH c AS (INSERT INTO collections (name, version) VALUES ($1, $4) ON CONFLICT DO NOTHING)
       INSERT INTO items (collection, key, value) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (collection, key) DO UPDATE SET value = EXCLUDED.value, version = nextval('item_versions')`,
      [this.name, key, JSON.stringify(value), this.version],
    );
  }

  delete(key: string): Promise<void> {
    return this.pg.change(this.name, 'DELETE FROM items WHERE collection = $1 AND key = $2', [
      this.name,
      key,
    ]);
  }

  async entries(): Promise<Array<[string, T]>> {
    const cache = this.pg.cache;
    const { rows } = await this.pg.query<{ key: string; version: string }>(
      'SELECT key, version FROM items WHERE collection = $1 ORDER BY position',
      [this.name],
    );
    const stale = rows.filter((r) => !cache.value(this.name, r.key, r.version)).map((r) => r.key);
    const fresh = new Map<string, { version: string; value: T }>();
    if (stale.length) {
      const got = await this.pg.query<{ key: string; version: string; value: T }>(
        'SELECT key, version, value FROM items WHERE collection = $1 AND key = ANY($2::text[])',
        [this.name, stale],
      );
      for (const r of got.rows) {
        fresh.set(r.key, r);
        cache.set(this.name, r.key, r.version, r.value);
      }
    }
    const out: Array<[string, T]> = [];
    for (const r of rows) {
      // Changed again between the two queries: the newer value; deleted meanwhile: left out.
      const f = fresh.get(r.key);
      const held = f ?? cache.value(this.name, r.key, r.version);
      if (held) out.push([r.key, held.value as T]);
    }
    return out;
  }
}

/**
 * An append-only log in rows. Appends made while one insert runs join the next one (one multi-row insert), as
 * the lowdb journal joins lines into one file write.
 */
class PgLog<T> implements AppendLog<T> {
  private writing: Promise<void> | null = null;
  private next: { records: string[]; done: Promise<void> } | null = null;

  constructor(
    private readonly pg: PostgresStorage,
    private readonly name: string,
  ) {}

  append(record: T): Promise<void> {
    const line = JSON.stringify(record);
    // A record appended inside a locked section belongs to its transaction: never joined with others'.
    if (this.pg.inSection()) return this.insert([line]);
    if (!this.writing && !this.next) return this.write([line]);
    if (!this.next) {
      const records: string[] = [];
      const done = (this.writing ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => {
          this.next = null;
          return this.write(records);
        });
      this.next = { records, done };
    }
    this.next.records.push(line);
    return this.next.done;
  }

  async settle(): Promise<void> {
    for (let i = 0; i < 3 && (this.writing || this.next); i++) {
      await (this.next?.done ?? this.writing)?.catch(() => undefined);
    }
  }

  private insert(records: string[]): Promise<void> {
    return this.pg.change(
      this.name,
      `WITH l AS (INSERT INTO logs (name) VALUES ($1) ON CONFLICT DO NOTHING)
       INSERT INTO log_records (log, record)
       SELECT $1, r FROM unnest($2::jsonb[]) WITH ORDINALITY AS t (r, i) ORDER BY i`,
      [this.name, records],
    );
  }

  private write(records: string[]): Promise<void> {
    const p = this.insert(records).finally(() => {
      if (this.writing === p) this.writing = null;
    });
    this.writing = p;
    return p;
  }
}

/** Storage as tables of one PostgreSQL database; open it with PostgresStorage.open (migrations run first). */
export class PostgresStorage implements CopyableStorage {
  private readonly pending = new Pending();
  private readonly logs = new Map<string, PgLog<unknown>>();
  /** values read, by row version (postgres-cache.ts) */
  readonly cache = new VersionedCache();
  private closed: Promise<void> | null = null;
  // Sections of one name in this process queue here first, so only one of them holds a connection waiting
  // for the database's lock; the advisory lock then excludes the other processes.
  private readonly local = new MemoryLock();
  private readonly sections: PgSections;

  private constructor(
    readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
    o: PostgresOptions,
  ) {
    this.sections = new PgSections(() => {
      // No connection timeout: pg-pool would also apply it to waiting for a free connection, which sections
      // do for as long as the sections before them run (a database refusing connections still fails at once).
      const p = new pg.Pool({ connectionString: o.url, max: o.poolMax ?? 10 });
      p.on('error', () => undefined);
      return p;
    });
  }

  /** Connects, brings the schema up to date (refusing a newer one) and returns the storage. */
  static async open(o: PostgresOptions): Promise<PostgresStorage> {
    const pool =
      o.pool ??
      // A database that does not answer stops the start with a message instead of hanging it.
      new pg.Pool({
        connectionString: o.url,
        max: o.poolMax ?? 10,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      });
    // An idle connection the server drops must not crash the process: the next query reconnects.
    if (!o.pool) pool.on('error', () => undefined);
    try {
      await runMigrations(pool);
    } catch (e) {
      if (!o.pool) await pool.end().catch(() => undefined);
      if (e instanceof StorageVersionError) throw e;
      throw new DatabaseUnreachableError(o.url, e);
    }
    return new PostgresStorage(pool, !o.pool, o);
  }

  /**
   * Runs `work` holding the lock `name` across every process on this database, as one transaction (see
   * Storage.lock and postgres-lock.ts).
   */
  lock<T>(name: string, work: () => Promise<T>): Promise<T> {
    // Inside a section the lock joins its transaction, and only the database's queue is used: a section
    // waiting in memory behind one that waits for this transaction would be a deadlock nobody sees, where
    // PostgreSQL finds one between advisory locks and fails one of the two sections.
    if (this.sections.inside()) return this.sections.run(name, work);
    return this.pending.track(this.local.run(name, () => this.sections.run(name, work)));
  }

  /** Whether the caller runs inside a section of lock() that is still running. */
  inSection(): boolean {
    return this.sections.inside();
  }

  /**
   * Runs one statement that changes `name`; rejects with StorageWriteError when it fails. Outside a section it
   * is committed when this resolves; inside one, when the section commits.
   */
  change(name: string, sql: string, params: unknown[]): Promise<void> {
    return this.pending.track(
      this.query(sql, params).then(
        () => undefined,
        (e: unknown) => {
          throw new StorageWriteError(name, e);
        },
      ),
    );
  }

  /**
   * Runs one statement for a caller beside the collections (the outbox, event claims): inside a section of
   * lock() it runs on that section's connection, so its rows commit or roll back with the section's writes.
   */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    return this.sections.query<R>(this.pool, sql, params);
  }

  /** Runs `work` in one transaction on one connection: the running section's, or a new one. */
  private async transaction<R>(work: (c: Queryable) => Promise<R>): Promise<R> {
    if (this.sections.inside()) return work({ query: (sql, params) => this.query(sql, params) });
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const r = await work(client);
      await client.query('COMMIT');
      return r;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async open<T>(name: string, schema: CollectionSchema<T> = { version: 1 }): Promise<Store<T>> {
    checkName(name);
    // The usual case in one query: the collection is at this version, or not stored yet (its first write
    // records the version, so an opened but never written collection is not listed, as with lowdb).
    const { rows } = await this.query<{ version: number }>(
      'SELECT version FROM collections WHERE name = $1',
      [name],
    );
    const stored = rows[0]?.version;
    if (stored !== undefined && stored !== schema.version) await this.migrateCollection(name, schema);
    return new PgStore<T>(this, name, schema.version);
  }

  /** Upgrades (or refuses) a collection stored at another version, under a row lock so it is done once. */
  private async migrateCollection<T>(name: string, schema: CollectionSchema<T>): Promise<void> {
    await this.transaction(async (c) => {
      const { rows } = await c.query<{ version: number }>(
        'SELECT version FROM collections WHERE name = $1 FOR UPDATE',
        [name],
      );
      const stored = rows[0]?.version ?? schema.version;
      if (stored > schema.version) {
        throw new StorageVersionError(
          `collection ${name} was written by a newer nianbao (data version ${stored}, this one knows ${schema.version})`,
        );
      }
      if (stored === schema.version) return;
      if (!schema.migrate)
        throw new StorageVersionError(`collection ${name}: no migration from version ${stored}`);
      const old = await c.query<{ key: string; value: unknown }>(
        'SELECT key, value FROM items WHERE collection = $1 ORDER BY position',
        [name],
      );
      const items = schema.migrate(Object.fromEntries(old.rows.map((r) => [r.key, r.value])), stored);
      await replaceItems(c, name, schema.version, Object.entries(items));
    });
  }

  async list(prefix: string): Promise<string[]> {
    const { rows } = await this.query<{ name: string }>('SELECT name FROM collections WHERE name LIKE $1', [
      likePrefix(prefix),
    ]);
    return directlyUnder(
      rows.map((r) => r.name),
      prefix,
    );
  }

  async drop(name: string): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('DELETE FROM items WHERE collection = $1', [name]);
      await c.query('DELETE FROM collections WHERE name = $1', [name]);
    });
  }

  async openLog<T>(
    name: string,
    keep?: (line: string) => boolean,
  ): Promise<{ log: AppendLog<T>; records: T[] }> {
    checkName(name);
    // Like a collection, a log is stored from its first append on (as lowdb creates the file then).
    const { rows } = await this.query<{ record: T }>(
      'SELECT record FROM log_records WHERE log = $1 ORDER BY seq',
      [name],
    );
    // jsonb spells a record its own way: `keep` sees the line as the lowdb journal stores it.
    const records = rows.map((r) => r.record).filter((r) => !keep || keep(JSON.stringify(r)));
    let log = this.logs.get(name) as PgLog<T> | undefined;
    if (!log) {
      log = new PgLog<T>(this, name);
      this.logs.set(name, log as PgLog<unknown>);
    }
    return { log, records };
  }

  async listLogs(prefix: string): Promise<string[]> {
    const { rows } = await this.query<{ name: string }>('SELECT name FROM logs WHERE name LIKE $1', [
      likePrefix(prefix),
    ]);
    return directlyUnder(
      rows.map((r) => r.name),
      prefix,
    );
  }

  async dropLog(name: string): Promise<void> {
    const log = this.logs.get(name);
    this.logs.delete(name);
    await log?.settle();
    await this.transaction(async (c) => {
      await c.query('DELETE FROM log_records WHERE log = $1', [name]);
      await c.query('DELETE FROM logs WHERE name = $1', [name]);
    });
  }

  async collectionNames(): Promise<string[]> {
    const { rows } = await this.query<{ name: string }>('SELECT name FROM collections ORDER BY name');
    return rows.map((r) => r.name);
  }

  async logNames(): Promise<string[]> {
    const { rows } = await this.query<{ name: string }>('SELECT name FROM logs ORDER BY name');
    return rows.map((r) => r.name);
  }

  async readRaw(name: string): Promise<RawCollection> {
    const v = await this.query<{ version: number }>('SELECT version FROM collections WHERE name = $1', [
      name,
    ]);
    const { rows } = await this.query<{ key: string; value: unknown }>(
      'SELECT key, value FROM items WHERE collection = $1 ORDER BY position',
      [name],
    );
    return { version: v.rows[0]?.version ?? 1, entries: rows.map((r) => [r.key, r.value]) };
  }

  async writeRaw(name: string, collection: RawCollection): Promise<void> {
    checkName(name);
    await this.transaction((c) => replaceItems(c, name, collection.version, collection.entries));
  }

  /** Waits for writes in flight, then closes the connections. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      await Promise.all([...this.logs.values()].map((l) => l.settle()));
      await this.pending.settle();
      await this.sections.close();
      if (this.ownsPool) await this.pool.end();
    })();
    return this.closed;
  }
}

/** What a transaction's work runs its statements on. */
interface Queryable {
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Sets a collection to exactly these items, in this order, at this version (inside a transaction). */
async function replaceItems(
  c: Queryable,
  name: string,
  version: number,
  entries: Array<[string, unknown]>,
): Promise<void> {
  await c.query(
    `INSERT INTO collections (name, version) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version`,
    [name, version],
  );
  await c.query('DELETE FROM items WHERE collection = $1', [name]);
  // Bounded batches: one statement's parameters stay small whatever the collection holds.
  for (let i = 0; i < entries.length; i += 1000) {
    const batch = entries.slice(i, i + 1000);
    await c.query(
      `INSERT INTO items (collection, key, value)
       SELECT $1, k, v FROM unnest($2::text[], $3::jsonb[]) WITH ORDINALITY AS t (k, v, i) ORDER BY i`,
      [name, batch.map(([k]) => k), batch.map(([, v]) => JSON.stringify(v))],
    );
  }
}
