/**
 * The outbox shared by every process on one PostgreSQL database (tables of migration 2): any process queues,
 * the one elected sender (outbox-sender.ts) sends.
 *
 * - A job is a row under its uuid, inserted with ON CONFLICT DO NOTHING through PostgresStorage.query, so inside
 *   a locked section it commits with the section's writes; a send-file job's bytes go in the same statement.
 * - A delivered row stays as a tombstone for 2 h: the same key queued again (a reminder re-queued by another
 *   process, an event handled twice) is a no-op.
 * - The sender takes rows with a lease (UPDATE … FOR UPDATE SKIP LOCKED): a row whose taker died is taken again
 *   once the lease passed and sent under the same uuid (Feishu drops the repeat within 1 h).
 * - lease_until is the latest moment a row's last call can have reached Feishu; a new sender counts the calls of
 *   the last 61 s from it, so a failover never exceeds Feishu's limits in sum.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { StorageWriteError } from '../../storage/file-io.js';
import type { PostgresStorage } from '../../storage/postgres-storage.js';
import type { Logger } from '../logger.js';
import { receiverOf, type MadeFile, type OutboxItem, type OutboxJob } from './outbox-item.js';
import {
  openOutboxStore,
  type OutboxCandidate,
  type OutboxQueue,
  type QueueHooks,
  type RecentCall,
} from './outbox-queue.js';
import { SenderElection } from './outbox-sender.js';
import { FEISHU_APP_LIMITS } from './pacer.js';

/** How the shared queue behaves. */
export interface PgQueueOptions {
  /** names this process in leases and on its sender connection */
  owner: string;
  /** how long a taken job is this process's before another may take it again (its taker died) */
  leaseMs: number;
  /** between two tries for the sender's place */
  senderRetryMs: number;
  log: Logger;
  /** the outbox's clock (leases, due times and sent stamps are in it) */
  now: () => number;
}

// Delivered rows kept this long: longer than any redelivery or re-queue of the same key that matters.
const TOMBSTONE_MS = 2 * 60 * 60_000;
const PURGE_EVERY_MS = 60_000;
// A shared queue lists at most this many candidates per round: enough to find sendable ones past a receiver
// at its limit, without reading a whole fan-out every time.
const CANDIDATES = 500;
// The longest of Feishu's windows the pacer keeps: the calls a new sender must count.
const WINDOW_MS = Math.max(...FEISHU_APP_LIMITS.map((l) => l.windowMs));

interface JobRow {
  id: string;
  job: OutboxJob;
  created_at: string;
  attempts: number;
  next_at: string;
  first_tried_at: string | null;
  last_error: string | null;
}

const itemOf = (r: JobRow): OutboxItem => ({
  id: r.id,
  job: r.job,
  createdAt: Number(r.created_at),
  attempts: r.attempts,
  nextAt: Number(r.next_at),
  ...(r.first_tried_at !== null ? { firstTriedAt: Number(r.first_tried_at) } : {}),
  ...(r.last_error !== null ? { lastError: r.last_error } : {}),
});

const hash64 = (s: string) => createHash('sha256').update(s).digest().readBigInt64BE(0).toString();

/** The outbox queue as rows of outbox_jobs and outbox_files. */
export class PgOutboxQueue implements OutboxQueue {
  readonly shared = true;
  private known = 0;
  private purgedAt = -Infinity;
  private readonly election: SenderElection;
  private hooks: QueueHooks | undefined;

  private constructor(
    private readonly storage: PostgresStorage,
    private readonly o: PgQueueOptions,
    private readonly channel: string,
    key: string,
  ) {
    this.election = new SenderElection({
      pool: storage.pool,
      key,
      channel,
      name: `nianbao-outbox-${o.owner}`.slice(0, 63),
      retryMs: o.senderRetryMs,
      log: o.log,
      elected: () => this.elected(),
      wake: () => this.hooks?.wake(),
    });
  }

  /** The queue of the database `storage` works in (its schema: tests share one database). */
  static async open(storage: PostgresStorage, o: PgQueueOptions): Promise<PgOutboxQueue> {
    const { rows } = await storage.query<{ schema: string }>('SELECT current_schema() AS schema');
    const where = rows[0]?.schema ?? 'public';
    const q = new PgOutboxQueue(
      storage,
      o,
      `nianbao_outbox_${hash64(where).replace('-', 'm')}`,
      hash64(`nianbao/outbox-sender/${where}`),
    );
    await q.adopt();
    await q.isEmpty();
    return q;
  }

  async add(item: OutboxItem): Promise<boolean> {
    const job = item.job;
    // Read here, in the process that made the file: the sender may be another one, on another machine.
    // A job queued before its file was made (filePath '') gets its bytes when attached.
    const bytes =
      job.kind === 'send-file' && !job.fileKey && job.filePath ? await readFile(job.filePath) : null;
    let added: boolean;
    try {
      added = await this.insert(item, 'pending', bytes);
    } catch (e) {
      throw new StorageWriteError('outbox', e);
    }
    if (added) this.known += 1;
    return added;
  }

  private async insert(item: OutboxItem, state: 'pending' | 'dead', bytes: Buffer | null): Promise<boolean> {
    const r = await this.storage.query(
      `WITH j AS (
         INSERT INTO outbox_jobs (id, job, receiver, created_at, next_at, attempts, first_tried_at, last_error, state)
         VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id),
       f AS (INSERT INTO outbox_files (id, bytes) SELECT id, $10::bytea FROM j WHERE $10::bytea IS NOT NULL)
       SELECT pg_notify($11, '') FROM j`,
      [
        item.id,
        JSON.stringify(item.job),
        receiverOf(item.job),
        item.createdAt,
        item.nextAt,
        item.attempts,
        item.firstTriedAt ?? null,
        item.lastError ?? null,
        state,
        bytes,
        this.channel,
      ],
    );
    return (r.rowCount ?? 0) > 0;
  }

  /**
   * Takes over jobs stored the lowdb way in this database (`nianbao migrate` copies a data directory's outbox
   * collections as they are): queued and dead-lettered ones become rows, and the collections go.
   */
  private async adopt(): Promise<void> {
    const here = [...(await this.storage.list('outbox/')), ...(await this.storage.list('outbox'))];
    if (!here.some((n) => n === 'outbox' || n === 'outbox-dead' || n.startsWith('outbox/'))) return;
    const queued = await openOutboxStore(this.storage);
    const dead = await this.storage.open<OutboxItem>('outbox-dead', { version: 1 });
    const bytesOf = async (job: OutboxJob) =>
      job.kind === 'send-file' && !job.fileKey && job.filePath
        ? await readFile(job.filePath).catch(() => null)
        : null;
    const items = await queued.entries();
    for (const [, item] of items) await this.insert(item, 'pending', await bytesOf(item.job));
    for (const [, item] of await dead.entries()) await this.insert(item, 'dead', null);
    for (const name of await this.storage.list('outbox/')) await this.storage.drop(name);
    await this.storage.drop('outbox-dead');
    this.o.log.info({ jobs: items.length }, 'outbox: took over the jobs stored as collections');
  }

  async candidates(now: number, busy: ReadonlySet<string>): Promise<OutboxCandidate[]> {
    if (now - this.purgedAt >= PURGE_EVERY_MS) {
      this.purgedAt = now;
      await this.storage.query(`DELETE FROM outbox_jobs WHERE state = 'sent' AND sent_at < $1`, [
        now - TOMBSTONE_MS,
      ]);
    }
    const { rows } = await this.storage.query<{ id: string; receiver: string; due_at: string }>(
      `SELECT id, receiver, greatest(next_at, coalesce(lease_until, 0)) AS due_at FROM outbox_jobs
       WHERE state = 'pending' AND NOT (id = ANY($1::uuid[]))
         AND (job->>'after' IS NULL OR NOT EXISTS (
           SELECT 1 FROM outbox_jobs p WHERE p.id = (outbox_jobs.job->>'after')::uuid AND p.state = 'pending'))
       ORDER BY due_at, created_at LIMIT ${CANDIDATES}`,
      [[...busy]],
    );
    return rows.map((r) => ({ id: r.id, receiver: r.receiver, dueAt: Number(r.due_at) }));
  }

  async take(ids: string[], now: number): Promise<OutboxItem[]> {
    const { rows } = await this.storage.query<JobRow>(
      `UPDATE outbox_jobs SET lease_owner = $2, lease_until = $3::bigint + $4::bigint,
         attempts = attempts + 1, first_tried_at = coalesce(first_tried_at, $3)
       WHERE id IN (
         SELECT id FROM outbox_jobs
         WHERE id = ANY($1::uuid[]) AND state = 'pending' AND next_at <= $3 AND coalesce(lease_until, 0) <= $3
         FOR UPDATE SKIP LOCKED)
       RETURNING id, job, created_at, attempts, next_at, first_tried_at, last_error`,
      [ids, this.o.owner, now, this.o.leaseMs],
    );
    const byId = new Map(rows.map((r) => [r.id, itemOf(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async sent(item: OutboxItem, now: number): Promise<void> {
    await this.storage.query(
      `WITH f AS (DELETE FROM outbox_files WHERE id = $1)
       UPDATE outbox_jobs SET state = 'sent', sent_at = $2, lease_until = $2 WHERE id = $1`,
      [item.id, now],
    );
    this.known = Math.max(0, this.known - 1);
  }

  async retry(item: OutboxItem, now: number): Promise<void> {
    // The lease ends at the answer: the next attempt is due at next_at, and a new sender counts this call.
    await this.storage.query(
      `UPDATE outbox_jobs SET next_at = $2, last_error = $3, job = $4::jsonb, lease_until = $5
       WHERE id = $1 AND state = 'pending'`,
      [item.id, item.nextAt, item.lastError ?? null, JSON.stringify(item.job), now],
    );
  }

  async dead(item: OutboxItem, now: number): Promise<void> {
    await this.storage.query(
      `WITH f AS (DELETE FROM outbox_files WHERE id = $1)
       UPDATE outbox_jobs SET state = 'dead', last_error = $2, lease_until = $3 WHERE id = $1`,
      [item.id, item.lastError ?? null, now],
    );
    this.known = Math.max(0, this.known - 1);
  }

  async save(item: OutboxItem, now: number): Promise<void> {
    // The file is uploaded; its message is one more call: the lease covers it too.
    await this.storage.query(
      `UPDATE outbox_jobs SET job = $2::jsonb, lease_until = greatest(lease_until, $3) WHERE id = $1`,
      [item.id, JSON.stringify(item.job), now + this.o.leaseMs],
    );
  }

  async fileBytes(item: OutboxItem): Promise<Buffer | undefined> {
    const { rows } = await this.storage.query<{ bytes: Buffer }>(
      'SELECT bytes FROM outbox_files WHERE id = $1',
      [item.id],
    );
    return rows[0]?.bytes;
  }

  async attach(id: string, file: MadeFile, now: number, busy: ReadonlySet<string>): Promise<boolean> {
    if (busy.has(id)) return false;
    // Read here, in the process that made the file: the sender may be another one.
    const bytes = await readFile(file.filePath);
    // Only while it still waits: a job the sender took after the wait is being made there.
    const r = await this.storage.query(
      `WITH j AS (
         UPDATE outbox_jobs SET job = job || jsonb_build_object('fileName', $2::text), next_at = $3
         WHERE id = $1 AND state = 'pending' AND coalesce(lease_until, 0) <= $3 AND job->>'filePath' = ''
           AND NOT job ? 'fileKey' AND NOT EXISTS (SELECT 1 FROM outbox_files f WHERE f.id = $1)
         RETURNING id),
       f AS (INSERT INTO outbox_files (id, bytes) SELECT id, $4::bytea FROM j)
       SELECT pg_notify($5, '') FROM j`,
      [id, file.fileName, now, bytes, this.channel],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async abandon(id: string, reason: string, now: number, busy: ReadonlySet<string>): Promise<boolean> {
    if (busy.has(id)) return false;
    const r = await this.storage.query(
      `UPDATE outbox_jobs SET state = 'dead', last_error = $2
       WHERE id = $1 AND state = 'pending' AND coalesce(lease_until, 0) <= $3 AND job->>'filePath' = ''
         AND NOT job ? 'fileKey' AND NOT EXISTS (SELECT 1 FROM outbox_files f WHERE f.id = $1)`,
      [id, reason, now],
    );
    const done = (r.rowCount ?? 0) > 0;
    if (done) this.known = Math.max(0, this.known - 1);
    return done;
  }

  size(): number {
    return this.known;
  }

  async isEmpty(): Promise<boolean> {
    const { rows } = await this.storage.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_jobs WHERE state = 'pending'`,
    );
    this.known = rows[0]?.n ?? 0;
    return this.known === 0;
  }

  maySend(): boolean {
    return this.election.isSender();
  }

  start(hooks: QueueHooks): void {
    this.hooks = hooks;
    this.election.start();
  }

  async stop(): Promise<void> {
    await this.election.stop();
  }

  /** Won the sender's place: the calls made in Feishu's windows (by whoever sent) seed the pacer. */
  private async elected(): Promise<void> {
    const now = this.o.now();
    const { rows } = await this.storage.query<{ receiver: string; at: string }>(
      `SELECT receiver, least(lease_until, $1) AS at FROM outbox_jobs
       WHERE lease_until > $2 ORDER BY at`,
      [now, now - WINDOW_MS],
    );
    const calls: RecentCall[] = rows.map((r) => ({ receiver: r.receiver, at: Number(r.at) }));
    this.hooks?.seed(calls);
  }
}

/** What `nianbao migrate` counts of the shared outbox: jobs waiting to be sent, and dead-lettered ones. */
export async function countOutboxRows(storage: PostgresStorage): Promise<{ pending: number; dead: number }> {
  const { rows } = await storage.query<{ pending: number; dead: number }>(
    `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending,
            count(*) FILTER (WHERE state = 'dead')::int AS dead FROM outbox_jobs`,
  );
  return rows[0] ?? { pending: 0, dead: 0 };
}

/**
 * The waiting and dead jobs, oldest first, for `nianbao migrate` to a data directory; a file job's bytes come
 * with it (one job's at a time: a queue of Word files need not fit in memory).
 */
export async function* exportOutboxRows(
  storage: PostgresStorage,
): AsyncGenerator<{ item: OutboxItem; state: 'pending' | 'dead'; bytes?: Buffer }> {
  const { rows } = await storage.query<JobRow & { state: 'pending' | 'dead'; has_file: boolean }>(
    `SELECT id, job, created_at, attempts, next_at, first_tried_at, last_error, state,
            EXISTS (SELECT 1 FROM outbox_files f WHERE f.id = j.id) AS has_file
     FROM outbox_jobs j WHERE state IN ('pending', 'dead') ORDER BY created_at, id`,
  );
  for (const r of rows) {
    const item = itemOf(r);
    if (!r.has_file) yield { item, state: r.state };
    else {
      const f = await storage.query<{ bytes: Buffer }>('SELECT bytes FROM outbox_files WHERE id = $1', [
        r.id,
      ]);
      yield { item, state: r.state, ...(f.rows[0] ? { bytes: f.rows[0].bytes } : {}) };
    }
  }
}

/** Empties the shared outbox, delivered rows too (`nianbao migrate --force` replacing a database's data). */
export async function clearOutboxRows(storage: PostgresStorage): Promise<void> {
  await storage.query('DELETE FROM outbox_files');
  await storage.query('DELETE FROM outbox_jobs');
}
