/**
 * The PostgreSQL schema, as numbered migrations run when storage opens. Each runs in its own transaction under
 * an advisory lock, so two processes starting at once apply it once; a database migrated by a newer nianbao is
 * refused instead of misread (as lowdb refuses a newer file).
 */
import type pg from 'pg';
import { StorageVersionError } from './lowdb-storage.js';

/** One step of the schema; never edited once released: a change is a new migration. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'collections, items and logs',
    sql: `
      CREATE TABLE collections (
        name text PRIMARY KEY,
        -- the CollectionSchema version the items were written at
        version integer NOT NULL
      );
      -- one sequence for every row: a version is never given twice, also after a delete and a new insert
      CREATE SEQUENCE item_versions;
      CREATE TABLE items (
        collection text NOT NULL,
        key text NOT NULL,
        value jsonb NOT NULL,
        -- new on every write: readers' caches check it (postgres-cache.ts), later compare-and-set
        version bigint NOT NULL DEFAULT nextval('item_versions'),
        -- insertion order, which entries() keeps; an overwrite keeps its place
        position bigserial NOT NULL,
        PRIMARY KEY (collection, key)
      );
      CREATE INDEX items_by_position ON items (collection, position);
      CREATE TABLE logs (name text PRIMARY KEY);
      CREATE TABLE log_records (
        log text NOT NULL,
        seq bigserial NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (log, seq)
      );
    `,
  },
  {
    version: 2,
    name: 'outbox jobs and files',
    sql: `
      -- the outbox shared by every process (src/feishu/outbox-pg-queue.ts); times are ms since the epoch by the
      -- outbox's clock (injected in tests), so one clock decides when a job is due, leased and sent
      CREATE TABLE outbox_jobs (
        -- the uuid Feishu deduplicates a send by (1 h); a key's job always gets the same one
        id uuid PRIMARY KEY,
        job jsonb NOT NULL,
        -- whom Feishu's per-receiver limit counts the call against (a user, a chat, a patched message)
        receiver text NOT NULL,
        -- sent rows stay 2 h as tombstones so the same key queued again is a no-op; dead ones are kept
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
        created_at bigint NOT NULL,
        next_at bigint NOT NULL,
        first_tried_at bigint,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        -- the process sending it; a lease that passed belongs to a process that died, and the job is taken again
        lease_owner text,
        -- the latest moment the last call for this job can have reached Feishu (a new sender counts it)
        lease_until bigint,
        sent_at bigint
      );
      CREATE INDEX outbox_jobs_pending ON outbox_jobs (next_at, created_at) WHERE state = 'pending';
      CREATE INDEX outbox_jobs_sent ON outbox_jobs (sent_at) WHERE state = 'sent';
      -- a file to upload, stored at enqueue so whichever process sends it needs no local folder
      CREATE TABLE outbox_files (
        id uuid PRIMARY KEY REFERENCES outbox_jobs (id) ON DELETE CASCADE,
        bytes bytea NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'event claims',
    sql: `
      -- one row per event id a process claimed (storage/postgres-claims.ts): the primary key decides who handles
      -- it; owner is the claiming process's application_name, alive while pg_stat_activity shows it
      CREATE TABLE event_claims (
        event_id text PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('in-flight', 'done')),
        owner text NOT NULL,
        at timestamptz NOT NULL,
        -- a card callback's answer, given again to a redelivery that reaches another process
        answer jsonb
      );
      -- expiry deletes by age
      CREATE INDEX event_claims_by_at ON event_claims (at);
    `,
  },
];

/** The database was migrated by a newer nianbao than the one running. */
export class DatabaseVersionError extends StorageVersionError {}

const newer = (at: number, known: number) =>
  new DatabaseVersionError(
    `数据库由更新版本的 nianbao 建立（数据库结构版本 ${at}，本程序只认识到 ${known}）：` +
      '请升级 nianbao 后再启动，以免读错数据',
  );

// Any fixed number: the lock only serializes nianbao's own migrations.
const LOCK = 7_301_130;

/** Applies the migrations the database lacks; returns the schema version it is at afterwards. */
export async function runMigrations(pool: pg.Pool, migrations: Migration[] = MIGRATIONS): Promise<number> {
  const known = Math.max(0, ...migrations.map((m) => m.version));
  // Every start after the first: one query, no lock.
  const current = await pool
    .query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')
    .then((r) => r.rows[0]?.v ?? 0)
    .catch(() => 0);
  if (current > known) throw newer(current, known);
  if (current === known) return current;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM schema_migrations',
      );
      const at = rows[0].v ?? 0;
      if (at > known) throw newer(at, known);
      if (at < m.version) {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
  const { rows } = await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  const at = rows[0]?.v ?? 0;
  if (at > known) throw newer(at, known);
  return at;
}
