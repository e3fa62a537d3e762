/**
 * The two stores the storage tests run against: lowdb files in a temp dir and PostgreSQL (a fresh schema of the
 * run's throwaway cluster, test/support/postgres.ts). Call `storeBackends()` at the top of a test file: it
 * registers the cluster's hooks, and each case gets a fresh place and closes what it opened.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import type { CopyableStorage } from '../../storage/store.js';
import { postgresForTests } from '../support/postgres.js';
import { failWrites, healDisk } from './disk-faults.js';

/** One place to store data, as one test case sees it. */
export interface Backend {
  kind: 'lowdb' | 'postgres';
  /** the data directory (lowdb) or the database URL (PostgreSQL) */
  where: string;
  /** a new storage on the same data, as a restarted process opens it */
  open(): Promise<CopyableStorage>;
  /** makes every write fail for real (disk full; a constraint no row meets) until heal() */
  breakWrites(): Promise<void>;
  heal(): Promise<void>;
  /** closes every storage opened and removes the data */
  cleanup(): Promise<void>;
}

/** lowdb files in a fresh temp dir (the file-format tests use it alone). */
export async function lowdbBackend(): Promise<Backend> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-store-'));
  return {
    kind: 'lowdb',
    where: dir,
    open: async () => new LowdbStorage(dir),
    breakWrites: async () => void failWrites('ENOSPC'),
    heal: async () => healDisk(),
    async cleanup() {
      healDisk();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One schema per test file, migrated once; each case starts from emptied tables (cheaper than a schema each). */
function postgresPlace(cluster: ReturnType<typeof postgresForTests>) {
  let ready: Promise<Place> | undefined;
  afterAll(async () => {
    await (await ready?.catch(() => undefined))?.pool.end();
  });
  return async () => {
    ready ??= (async () => {
      const url = await cluster.fresh();
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      pool.on('error', () => undefined);
      await (await PostgresStorage.open({ url, pool })).close();
      return { url, pool };
    })();
    const place = await ready;
    // DELETE, not TRUNCATE: a case leaves a few rows, and TRUNCATE makes new files for every table and index.
    await place.pool.query(
      'DELETE FROM items; DELETE FROM collections; DELETE FROM logs; DELETE FROM log_records',
    );
    return place;
  };
}

interface Place {
  url: string;
  /** shared by every storage a case opens: a reopened PostgresStorage holds nothing in memory anyway */
  pool: pg.Pool;
}

function postgresBackend({ url, pool }: Place): Backend {
  const opened: PostgresStorage[] = [];
  const tables = ['items', 'log_records', 'collections', 'logs'];
  return {
    kind: 'postgres',
    where: url,
    async open() {
      const s = await PostgresStorage.open({ url, pool });
      opened.push(s);
      return s;
    },
    // NOT VALID: the rows stored stay, every new or changed row is refused by the database itself.
    breakWrites: async () =>
      void (await pool.query(
        tables.map((t) => `ALTER TABLE ${t} ADD CONSTRAINT broken CHECK (false) NOT VALID;`).join(''),
      )),
    heal: async () =>
      void (await pool.query(
        tables.map((t) => `ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS broken;`).join(''),
      )),
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
    },
  };
}

let cluster: ReturnType<typeof postgresForTests> | undefined;

/** The URL of an empty, unmigrated schema (after storeBackends() registered the cluster). */
export function freshPostgresUrl(): Promise<string> {
  if (!cluster) throw new Error('call storeBackends() first');
  return cluster.fresh();
}

/** Registers the cluster's hooks; returns [name, make a fresh backend] for describe.each. */
export function storeBackends(): Array<[string, () => Promise<Backend>]> {
  cluster = postgresForTests();
  const place = postgresPlace(cluster);
  return [
    ['lowdb', lowdbBackend],
    ['PostgreSQL', async () => postgresBackend(await place())],
  ];
}
