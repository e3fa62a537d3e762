import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { storageWriteErrorOf } from '../../storage/file-io.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import type { Storage } from '../../storage/store.js';
import type { Logger } from '../logger.js';
import type { FeishuApi } from './client.js';
import { FeishuCallError } from './errors.js';
import {
  outboxIdFor,
  waitsForFile,
  type FileMaker,
  type MadeFile,
  type OutboxItem,
  type OutboxJob,
} from './outbox-item.js';
import { PgOutboxQueue } from './outbox-pg-queue.js';
import { LocalOutboxQueue, type OutboxQueue, type RecentCall } from './outbox-queue.js';
import { Pacer } from './pacer.js';

export {
  outboxIdFor,
  type FileMaker,
  type FileSpec,
  type MadeFile,
  type OutboxItem,
  type OutboxJob,
} from './outbox-item.js';
export { openOutboxStore } from './outbox-queue.js';

export interface OutboxOptions {
  log: Logger;
  now?: () => number;
  random?: () => number;
  pacer?: Pacer;
  /** first retry delay; doubles per attempt up to maxDelayMs */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * An item still failing this long after its first attempt is dead-lettered. Feishu's uuid dedup lasts 1 h,
   * so retrying later could duplicate a send whose answer was lost; 50 min keeps "never twice" true.
   */
  maxAgeMs?: number;
  /** sends in flight at once */
  concurrency?: number;
  /**
   * On PostgreSQL: how long a taken job is this process's; a taker that died leaves it to be taken again
   * (under the same uuid) once this passed
   */
  leaseMs?: number;
  /** On PostgreSQL: between two tries for the sender's place while another process sends */
  senderRetryMs?: number;
  /**
   * Makes the file of a job queued with a spec whose file was not attached within leaseMs (the process making
   * it died); without it such a job gets its apology
   */
  makeFile?: FileMaker;
}

/** A waiting job's file could not be made: the job is dead-lettered and its recipient gets the apology. */
class FileNotMadeError extends FeishuCallError {
  constructor(message: string) {
    super(message, { retryable: false });
  }
}

/**
 * The persistent outbox: anything slow or addressed to others is stored first and sent by a paced worker that
 * retries transient failures with exponential backoff. Each item carries a stable uuid so a crash between
 * send and mark-done never sends twice. Its queue is this process's (lowdb) or shared by every process on one
 * PostgreSQL database, where only the elected sender's worker runs and the others only queue.
 */
export class Outbox {
  private readonly inFlight = new Set<string>();
  private readonly now: () => number;
  // How long a job queued before its file waits for the file before the sender makes it itself.
  private readonly fileWaitMs: number;
  private readonly random: () => number;
  private readonly pacer: Pacer;
  private readonly o: Required<
    Pick<OutboxOptions, 'baseDelayMs' | 'maxDelayMs' | 'maxAgeMs' | 'concurrency'>
  >;
  private timer?: NodeJS.Timeout;
  private running = false;
  private ticking?: Promise<void>;
  private again = false;
  private idle: Array<() => void> = [];
  // The context the outbox was opened in: the worker runs in it, never in a locked section that queued a job
  // (its statements would join that section's transaction).
  private readonly outside = AsyncLocalStorage.snapshot();

  private constructor(
    private readonly queue: OutboxQueue,
    private readonly api: FeishuApi,
    private readonly opts: OutboxOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.pacer = opts.pacer ?? new Pacer({ now: this.now });
    this.fileWaitMs = opts.leaseMs ?? 30_000;
    this.o = {
      baseDelayMs: opts.baseDelayMs ?? 1_000,
      maxDelayMs: opts.maxDelayMs ?? 60_000,
      maxAgeMs: opts.maxAgeMs ?? 50 * 60_000,
      concurrency: opts.concurrency ?? 20,
    };
  }

  /**
   * Opens the outbox of `storage`: on PostgreSQL the queue every process shares, else this process's queue with
   * the items left by a previous run (they are sent again with the same uuid).
   */
  static async open(storage: Storage, api: FeishuApi, opts: OutboxOptions): Promise<Outbox> {
    const queue =
      storage instanceof PostgresStorage
        ? await PgOutboxQueue.open(storage, {
            owner: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
            leaseMs: opts.leaseMs ?? 30_000,
            senderRetryMs: opts.senderRetryMs ?? 1_000,
            log: opts.log,
            now: opts.now ?? Date.now,
          })
        : await LocalOutboxQueue.open(storage);
    return new Outbox(queue, api, opts);
  }

  /**
   * Persists a job and wakes the worker; with `key`, enqueueing the same key twice stores it once. A send-file
   * job with a spec and no filePath is due once its file is attached (attachFile), or after leaseMs, when the
   * sender makes the file itself (makeFile): queued before the callback's answer, it survives a crash.
   */
  async enqueue(job: OutboxJob, opts: { key?: string } = {}): Promise<string> {
    const id = opts.key ? outboxIdFor(opts.key) : randomUUID();
    const wait = waitsForFile(job) ? this.fileWaitMs : 0;
    const item: OutboxItem = { id, job, createdAt: this.now(), attempts: 0, nextAt: this.now() + wait };
    if (!(await this.queue.add(item))) return id;
    this.kick();
    return id;
  }

  /**
   * Gives the job queued under `key` with a spec its made file, so it goes now; false when it no longer waits
   * (the sender made it after the wait, or it was sent).
   */
  async attachFile(key: string, file: MadeFile): Promise<boolean> {
    const attached = await this.queue.attach(outboxIdFor(key), file, this.now(), this.inFlight);
    if (attached) this.kick();
    return attached;
  }

  /** The file of the job queued under `key` cannot be made: it is dead-lettered (the caller apologises). */
  async abandonFile(key: string, reason: string): Promise<boolean> {
    return this.queue.abandon(outboxIdFor(key), reason, this.now(), this.inFlight);
  }

  /**
   * Queues a text to a user; when it cannot be stored (a full or read-only disk), sends it once at once, so
   * the person still hears why nothing happened.
   */
  async sendTextAnyway(openId: string, text: string, key: string): Promise<void> {
    try {
      await this.sendText(openId, text, key);
    } catch (e) {
      if (!storageWriteErrorOf(e)) throw e;
      const content = JSON.stringify({ text });
      await this.api.sendMessage({
        receiveId: openId,
        receiveIdType: 'open_id',
        msgType: 'text',
        content,
        uuid: outboxIdFor(key),
      });
    }
  }

  /** Queues an interactive card to a user (by open_id). */
  sendCard(openId: string, card: object, key?: string): Promise<string> {
    const content = JSON.stringify(card);
    return this.enqueue(
      { kind: 'send', receiveId: openId, receiveIdType: 'open_id', msgType: 'interactive', content },
      { key },
    );
  }

  /** Queues a plain text message to a user (by open_id). */
  sendText(openId: string, text: string, key?: string): Promise<string> {
    const content = JSON.stringify({ text });
    return this.enqueue(
      { kind: 'send', receiveId: openId, receiveIdType: 'open_id', msgType: 'text', content },
      { key },
    );
  }

  /** Items not yet delivered or dead-lettered (on PostgreSQL: by any process, as last counted here). */
  pending(): number {
    return this.queue.size();
  }

  /** Resolves when the outbox is empty (or at once if it is); on PostgreSQL, when no process has any left. */
  drained(): Promise<void> {
    if (this.queue.shared) return this.drainedShared();
    if (this.queue.size() === 0) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  /** Whether this process's worker sends (always on lowdb; on PostgreSQL while it is the elected sender). */
  sending(): boolean {
    return this.running && this.queue.maySend();
  }

  /** Starts the background worker (on PostgreSQL: stands for the sender's place; it sends once elected). */
  start(): void {
    this.running = true;
    this.queue.start({ wake: () => this.kick(), seed: (calls) => this.seed(calls) });
    this.kick();
  }

  /**
   * Stops the worker and waits for sends in flight; unsent items stay stored for the next start (on
   * PostgreSQL the sender's place is given up, and another process sends them).
   */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.queue.stop();
  }

  private async drainedShared(): Promise<void> {
    // Another process may be the one sending: ask the database until nothing is left.
    while (!(await this.queue.isEmpty())) await new Promise((r) => setTimeout(r, 50));
  }

  private seed(calls: RecentCall[]) {
    for (const c of calls) this.pacer.seed(c.receiver, c.at);
  }

  private kick() {
    if (!this.running || !this.queue.maySend()) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.ticking = this.outside(() => this.tick()).finally(() => (this.ticking = undefined));
  }

  private async tick() {
    let wait: number | undefined;
    do {
      this.again = false;
      wait = await this.runOnce().catch((e) => {
        this.opts.log.error({ err: e }, 'outbox worker failed');
        return this.o.baseDelayMs;
      });
    } while (this.running && this.queue.maySend() && (this.again || wait === 0));
    if (this.running && this.queue.maySend() && wait !== undefined)
      this.timer = setTimeout(() => this.kick(), Math.max(1, wait));
  }

  /**
   * Sends every item that is due and allowed by the pacer, and waits for those sends.
   * Returns the ms until the next item may go, or undefined when nothing is left.
   */
  async runOnce(): Promise<number | undefined> {
    const now = this.now();
    const due = await this.queue.candidates(now, this.inFlight);
    let next = Infinity;
    const chosen: Array<{ id: string; answered: () => void }> = [];
    for (const c of due) {
      if (c.dueAt > now) {
        next = Math.min(next, c.dueAt - now);
        break;
      }
      if (chosen.length >= this.o.concurrency) {
        next = 0;
        break;
      }
      const slot = this.pacer.tryAcquire(c.receiver);
      if (slot.wait > 0) {
        next = Math.min(next, slot.wait);
        continue;
      }
      chosen.push({ id: c.id, answered: slot.done });
    }
    // A sender that lost its place since the list was read takes nothing more.
    const taken =
      chosen.length && this.queue.maySend()
        ? await this.queue.take(
            chosen.map((c) => c.id),
            now,
          )
        : [];
    const byId = new Map(taken.map((i) => [i.id, i]));
    const batch: Promise<void>[] = [];
    for (const { id, answered } of chosen) {
      const item = byId.get(id);
      // Taken by another process meanwhile: its slot stays counted, which only errs on the slow side.
      if (!item) continue;
      this.inFlight.add(id);
      batch.push(
        this.deliver(item, answered).finally(() => {
          this.inFlight.delete(id);
        }),
      );
    }
    await Promise.all(batch);
    if (await this.queue.isEmpty()) {
      for (const r of this.idle.splice(0)) r();
      return undefined;
    }
    return batch.length > 0 ? 0 : next === Infinity ? undefined : next;
  }

  private async deliver(item: OutboxItem, answered: () => void): Promise<void> {
    const log = this.opts.log.child({ outbox: item.id, kind: item.job.kind });
    try {
      await this.perform(item).finally(answered);
      await this.queue.sent(item, this.now());
      log.debug({ attempts: item.attempts }, 'outbox item delivered');
    } catch (e) {
      const err = e instanceof FeishuCallError ? e : new FeishuCallError(String(e), { retryable: false });
      item.lastError = err.message;
      const tooOld = this.now() - (item.firstTriedAt ?? this.now()) >= this.o.maxAgeMs;
      if (!err.retryable || tooOld) {
        log.error({ err: err.message, attempts: item.attempts }, 'outbox item dead-lettered');
        await this.queue.dead(item, this.now());
        const job = item.job;
        // As when the process answering could not make it: the recipient is told instead of left waiting.
        if (e instanceof FileNotMadeError && job.kind === 'send-file' && job.apology)
          await this.sendText(job.receiveId, job.apology.text, job.apology.key);
        return;
      }
      const backoff = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (item.attempts - 1));
      // Equal jitter: spread retries of a burst so they don't hit Feishu together again.
      let delay = backoff / 2 + (this.random() * backoff) / 2;
      if (err.retryAfterMs !== undefined) {
        delay = Math.max(delay, err.retryAfterMs);
        this.pacer.pauseUntil(this.now() + err.retryAfterMs);
      }
      item.nextAt = this.now() + delay;
      log.warn(
        { err: err.message, attempts: item.attempts, retryInMs: Math.round(delay) },
        'outbox item retried later',
      );
      await this.queue.retry(item, this.now());
    }
  }

  private async perform(item: OutboxItem): Promise<void> {
    const job = item.job;
    if (job.kind === 'patch') return this.api.patchMessage(job.messageId, job.content);
    if (job.kind === 'send') {
      const { receiveId, receiveIdType, msgType, content } = job;
      await this.api.sendMessage({ receiveId, receiveIdType, msgType, content, uuid: item.id });
      return;
    }
    if (!job.fileKey) {
      // A shared queue holds the bytes: the process sending may not be the one that wrote the file.
      const bytes = await this.queue.fileBytes(item);
      const { fileType } = job;
      if (!bytes && !job.filePath) {
        // Queued before its file, which never came: the process making it died. Made here, uploaded from here.
        const made = await this.makeFile(item);
        job.fileName = made.fileName;
        job.fileKey = (await this.api.uploadFile({ ...made, fileType })).fileKey;
      } else {
        const { fileName } = job;
        job.fileKey = (await this.api.uploadFile(bytes ? { fileName, fileType, bytes } : job)).fileKey;
      }
      await this.queue.save(item, this.now());
    }
    const content = JSON.stringify({ file_key: job.fileKey });
    await this.api.sendMessage({
      receiveId: job.receiveId,
      receiveIdType: job.receiveIdType,
      msgType: 'file',
      content,
      uuid: item.id,
    });
  }

  private async makeFile(item: OutboxItem): Promise<MadeFile> {
    const job = item.job;
    if (job.kind !== 'send-file' || !job.spec)
      throw new FileNotMadeError('no file and nothing to make it from');
    const spec = job.spec;
    let made: MadeFile | undefined;
    try {
      made = await this.opts.makeFile?.(spec);
    } catch (e) {
      this.opts.log.error({ err: e, outbox: item.id, spec }, 'outbox: the file could not be made');
      throw new FileNotMadeError(`file not made: ${(e as Error).message}`);
    }
    if (!made) throw new FileNotMadeError(`file not made: ${spec.what} of version ${spec.version} is gone`);
    return made;
  }
}
