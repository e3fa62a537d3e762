/**
 * One elected sender among the processes sharing a database, so Feishu's per-app limits are kept by one pacer:
 * the process holding pg_try_advisory_lock(<key>) on a connection of its own sends, the others only queue.
 * The lock lives as long as that connection: when the sender dies (kill -9 drops it) or stops, the next try of
 * another process (every ~1 s) wins it. The winner LISTENs on the queue's channel, so a job queued anywhere
 * wakes it when its transaction commits.
 */
import pg from 'pg';
import type { Logger } from '../logger.js';

/** How to stand for election. */
export interface ElectionOptions {
  /** the storage's pool: the connection copies its settings, and a pool ended (storage closed) ends standing */
  pool: pg.Pool;
  /** the advisory lock key (a signed 64-bit integer, decimal) */
  key: string;
  /** the NOTIFY channel jobs are announced on */
  channel: string;
  /** application_name of the connection, so an operator sees who sends */
  name: string;
  /** between two tries while another process sends */
  retryMs: number;
  log: Logger;
  /** this process won: prepare to send (a failure gives the place up again) */
  elected(): Promise<void>;
  /** a job was announced, or it is time to look anyway */
  wake(): void;
}

// While sending, the worker is woken this often even without a notification: a cheap guard against one lost.
const SAFETY_WAKE_MS = 10_000;

/** Stands for the sender's place until stopped. */
export class SenderElection {
  private client: pg.Client | undefined;
  private holding = false;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private trying: Promise<void> | undefined;
  private lastWake = 0;

  constructor(private readonly o: ElectionOptions) {}

  /** Whether this process is the sender now. */
  isSender(): boolean {
    return this.holding;
  }

  /** Begins trying for the lock (at once, then every retryMs). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Gives the place up: the connection is closed, which releases the lock for the others. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.trying;
    await this.drop();
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.trying = this.attempt().finally(() => (this.trying = undefined));
    }, ms);
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    // The storage was closed: this process is going away and must not keep the place.
    if (this.o.pool.ending) {
      await this.drop();
      return;
    }
    try {
      if (this.holding) {
        if (Date.now() - this.lastWake >= SAFETY_WAKE_MS) {
          this.lastWake = Date.now();
          this.o.wake();
        }
      } else {
        const c = this.client ?? (await this.connect());
        const { rows } = await c.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS got', [
          this.o.key,
        ]);
        if (rows[0]?.got && !this.stopped && c === this.client) {
          await c.query(`LISTEN "${this.o.channel}"`);
          this.holding = true;
          await this.o.elected();
          this.o.log.info({ sender: this.o.name }, 'outbox: this process sends');
          this.lastWake = Date.now();
          this.o.wake();
        }
      }
    } catch (e) {
      this.o.log.warn({ err: (e as Error).message }, 'outbox: standing for sender failed, retrying');
      await this.drop();
    }
    if (!this.stopped) this.schedule(this.o.retryMs);
  }

  private async connect(): Promise<pg.Client> {
    const c = new pg.Client({ ...this.o.pool.options, application_name: this.o.name, keepAlive: true });
    // A connection that breaks takes the lock with it: this process stops sending and stands again.
    c.on('error', (e) => this.lost(c, e));
    c.on('end', () => this.lost(c));
    c.on('notification', () => this.o.wake());
    this.client = c;
    await c.connect();
    return c;
  }

  private lost(c: pg.Client, e?: Error) {
    if (c !== this.client) return;
    this.client = undefined;
    if (this.holding) this.o.log.warn({ err: e?.message }, 'outbox: lost the sender connection');
    this.holding = false;
    void c.end().catch(() => undefined);
  }

  private async drop() {
    const c = this.client;
    this.client = undefined;
    this.holding = false;
    await c?.end().catch(() => undefined);
  }
}
