/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: Debian's initdb and pg_ctl on a temp dir, a free
 * port on 127.0.0.1, the unix socket inside the temp dir, fsync off; stopped and removed at the end. Run as
 * the postgres user when the test runs as root (PostgreSQL refuses to run as root).
 *
 * In a jest run that includes the files needing it, the globalSetup (browser-server.ts) starts one cluster for
 * the whole run in the background and names its folder in NIANBAO_TEST_PG_DIR; each test file then takes a
 * fresh schema of it (postgresForTests). A file run without it starts its own cluster. jest loads this file
 * from its globalSetup outside the module mapper: no relative imports here.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Where the shared cluster's folder is named for the jest workers. */
export const PG_DIR_ENV = 'NIANBAO_TEST_PG_DIR';
const URL_FILE = 'url';
const ERROR_FILE = 'error';
const HOW_TO_INSTALL =
  "install Debian's PostgreSQL server: `apt-get install -y postgresql` (.ci/run does it when it is missing)";

/** A running throwaway cluster. */
export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/nianbao */
  url: string;
  /** the temp dir holding the data, the socket and the log */
  dir: string;
  stop(): Promise<void>;
}

/** Where initdb and pg_ctl are when not in Debian's place (another distribution, a build of one's own). */
export const PG_BIN_ENV = 'NIANBAO_TEST_PG_BIN';

/** The newest installed PostgreSQL's bin directory (or NIANBAO_TEST_PG_BIN), or undefined. */
function binDir(): string | undefined {
  const own = process.env[PG_BIN_ENV];
  if (own) return existsSync(path.join(own, 'initdb')) ? own : undefined;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

/** A clear message when PostgreSQL is not installed, undefined when it is. */
export function postgresMissing(): string | undefined {
  if (binDir()) return undefined;
  const own = process.env[PG_BIN_ENV];
  const looked = own ? `${own}/initdb (${PG_BIN_ENV})` : '/usr/lib/postgresql/*/bin/initdb';
  return `PostgreSQL is not installed (no ${looked}): ${HOW_TO_INSTALL}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when this process is root. */
async function pgRun(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  await run(cmd, argv, { timeout: 60_000 });
}

/** Starts a cluster and creates the database `nianbao`; throws a message saying what to install when it cannot. */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = binDir();
  if (!bin) throw new Error(postgresMissing());
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-pg-'));
  const data = path.join(dir, 'data');
  const stop = async () => {
    await pgRun(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(
      () => undefined,
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (asRoot()) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout), Number(gid));
    }
    await pgRun(path.join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-h 127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c autovacuum=off',
    ].join(' ');
    await pgRun(path.join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-w',
      '-t',
      '30',
      '-o',
      options,
      'start',
    ]);
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE nianbao');
    } finally {
      await admin.end();
    }
    return { url: `postgres://postgres@127.0.0.1:${port}/nianbao`, dir, stop };
  } catch (e) {
    const log = await readFile(path.join(dir, 'log'), 'utf8').catch(() => '');
    await stop();
    const why = (e as { stderr?: string }).stderr || (e as Error).message;
    throw new Error(
      `could not start a throwaway PostgreSQL: ${why.trim()}${log ? `\n${log.trim()}` : ''}\n(${HOW_TO_INSTALL})`,
      { cause: e },
    );
  }
}

/**
 * globalSetup's part: starts the run's cluster in the background (the first test files need not wait for it)
 * and names its folder for the workers; the URL, or why it failed, is written there when known.
 */
export async function startSharedPostgres(): Promise<{ stop(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-pg-run-'));
  process.env[PG_DIR_ENV] = dir;
  const started = startPostgres().then(
    async (c) => {
      await writeFile(path.join(dir, URL_FILE), c.url);
      return c;
    },
    async (e: unknown) => {
      await writeFile(path.join(dir, ERROR_FILE), (e as Error).message);
      return undefined;
    },
  );
  return {
    async stop() {
      await (await started)?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The shared cluster's URL once it is up (bounded wait), or undefined when the run started none. */
async function sharedUrl(): Promise<string | undefined> {
  const dir = process.env[PG_DIR_ENV];
  if (!dir) return undefined;
  for (let i = 0; i < 600; i++) {
    const url = await readFile(path.join(dir, URL_FILE), 'utf8').catch(() => undefined);
    if (url) return url;
    const error = await readFile(path.join(dir, ERROR_FILE), 'utf8').catch(() => undefined);
    if (error) throw new Error(error);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the run's PostgreSQL did not start within 60 s (${dir})`);
}

/** A URL whose connections work in `schema` (search_path), so tests on one database do not see each other. */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** Creates the schema `name` in the database at `url` and returns a URL whose connections work in it. */
export async function freshSchema(url: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`CREATE SCHEMA ${name}`);
  } finally {
    await c.end();
  }
  return withSchema(url, name);
}

/**
 * For a test file: the run's cluster (or one of its own, stopped after the file), and `fresh()` giving the URL
 * of an empty schema of it. Fails the file's tests with what to install when PostgreSQL cannot start.
 */
export function postgresForTests(): { fresh(): Promise<string> } {
  let base: Promise<string> | undefined;
  let own: PostgresCluster | undefined;
  let n = 0;
  const url = () =>
    (base ??= sharedUrl().then(async (shared) => {
      if (shared) return shared;
      own = await startPostgres();
      return own.url;
    }));
  afterAll(async () => {
    await own?.stop();
  });
  return {
    async fresh() {
      return freshSchema(await url(), `t${process.pid}_${Date.now().toString(36)}_${n++}`);
    },
  };
}
