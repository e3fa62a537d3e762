import { createHash, randomUUID } from 'node:crypto';
import { storageWriteErrorOf } from '../../storage/file-io.js';
import { openSharded } from '../../storage/sharded-store.js';
import type { Storage, Store } from '../../storage/store.js';
import type { Logger } from '../logger.js';
import type { FeishuApi, FileType, ReceiveIdType } from './client.js';
import { FeishuCallError } from './errors.js';
import { Pacer } from './pacer.js';

/** Something to deliver to Feishu later, by the worker. */
export type OutboxJob =
  | {
      kind: 'send';
      receiveId: string;
      receiveIdType: ReceiveIdType;
      msgType: 'interactive' | 'text';
      content: string;
    }
  | { kind: 'patch'; messageId: string; content: string }
  | {
      kind: 'send-file';
      receiveId: string;
      receiveIdType: ReceiveIdType;
      filePath: string;
      fileName: string;
      fileType: FileType;
      /** set once uploaded, so a retry sends the message without uploading again */
      fileKey?: string;
    };

/** A persisted outbox entry; `id` is also the uuid Feishu deduplicates message creation by (1 h). */
export interface OutboxItem {
  id: string;
  job: OutboxJob;
  createdAt: number;
  attempts: number;
  nextAt: number;
  firstTriedAt?: number;
  lastError?: string;
}

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
}

const SCHEMA = { version: 1 };

/** The outbox's pending jobs as stored (spread over files: thousands wait at once in a reminder fan-out). */
export const openOutboxStore = (storage: Storage) => openSharded<OutboxItem>(storage, 'outbox', SCHEMA);

/** Stable outbox id for an idempotency key (e.g. `${eventId}:reply`): enqueueing it again is a no-op. */
export function outboxIdFor(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const receiverOf = (job: OutboxJob) => (job.kind === 'patch' ? `msg:${job.messageId}` : job.receiveId);

/**
 * The persistent outbox: anything slow or addressed to others is stored first and sent by a paced worker that
 * retries transient failures with exponential backoff. Each item carries a stable uuid so a crash between
 * send and mark-done never sends twice.
 */
export class Outbox {
  private readonly items = new Map<string, OutboxItem>();
  private readonly inFlight = new Set<string>();
  private readonly now: () => number;
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

  private constructor(
    private readonly store: Store<OutboxItem>,
    private readonly dead: Store<OutboxItem>,
    private readonly api: FeishuApi,
    private readonly opts: OutboxOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.pacer = opts.pacer ?? new Pacer({ now: this.now });
    this.o = {
      baseDelayMs: opts.baseDelayMs ?? 1_000,
      maxDelayMs: opts.maxDelayMs ?? 60_000,
      maxAgeMs: opts.maxAgeMs ?? 50 * 60_000,
      concurrency: opts.concurrency ?? 20,
    };
  }

  /** Loads the items left by a previous run (they are sent again with the same uuid). */
  static async open(storage: Storage, api: FeishuApi, opts: OutboxOptions): Promise<Outbox> {
    const store = await openOutboxStore(storage);
    const dead = await storage.open<OutboxItem>('outbox-dead', SCHEMA);
    const box = new Outbox(store, dead, api, opts);
    for (const [id, item] of await store.entries()) box.items.set(id, item);
    return box;
  }

  /** Persists a job and wakes the worker; with `key`, enqueueing the same key twice stores it once. */
  async enqueue(job: OutboxJob, opts: { key?: string } = {}): Promise<string> {
    const id = opts.key ? outboxIdFor(opts.key) : randomUUID();
    if (this.items.has(id)) return id;
    const item: OutboxItem = { id, job, createdAt: this.now(), attempts: 0, nextAt: this.now() };
    this.items.set(id, item);
    try {
      await this.store.write(id, item);
    } catch (e) {
      // Not stored, so not queued: the caller is told, and nothing is sent behind its back.
      if (this.items.get(id) === item) this.items.delete(id);
      throw e;
    }
    this.kick();
    return id;
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

  /** Items not yet delivered or dead-lettered. */
  pending(): number {
    return this.items.size;
  }

  /** Resolves when the outbox is empty (or at once if it is). */
  drained(): Promise<void> {
    if (this.items.size === 0) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  /** Starts the background worker. */
  start(): void {
    this.running = true;
    this.kick();
  }

  /** Stops the worker and waits for sends in flight; unsent items stay stored for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  private kick() {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.ticking = this.tick().finally(() => (this.ticking = undefined));
  }

  private async tick() {
    let wait: number | undefined;
    do {
      this.again = false;
      wait = await this.runOnce().catch((e) => {
        this.opts.log.error({ err: e }, 'outbox worker failed');
        return this.o.baseDelayMs;
      });
    } while (this.running && (this.again || wait === 0));
    if (this.running && wait !== undefined) this.timer = setTimeout(() => this.kick(), Math.max(1, wait));
  }

  /**
   * Sends every item that is due and allowed by the pacer, and waits for those sends.
   * Returns the ms until the next item may go, or undefined when nothing is left.
   */
  async runOnce(): Promise<number | undefined> {
    const now = this.now();
    const due = [...this.items.values()]
      .filter((i) => !this.inFlight.has(i.id))
      .sort((a, b) => a.nextAt - b.nextAt || a.createdAt - b.createdAt);
    let next = Infinity;
    const batch: Promise<void>[] = [];
    for (const item of due) {
      if (item.nextAt > now) {
        next = Math.min(next, item.nextAt - now);
        break;
      }
      if (batch.length >= this.o.concurrency) {
        next = 0;
        break;
      }
      const slot = this.pacer.tryAcquire(receiverOf(item.job));
      if (slot.wait > 0) {
        next = Math.min(next, slot.wait);
        continue;
      }
      this.inFlight.add(item.id);
      batch.push(
        this.deliver(item, slot.done).finally(() => {
          this.inFlight.delete(item.id);
        }),
      );
    }
    await Promise.all(batch);
    if (this.items.size === 0) {
      for (const r of this.idle.splice(0)) r();
      return undefined;
    }
    return batch.length > 0 ? 0 : next === Infinity ? undefined : next;
  }

  private async deliver(item: OutboxItem, answered: () => void): Promise<void> {
    const log = this.opts.log.child({ outbox: item.id, kind: item.job.kind });
    item.attempts += 1;
    item.firstTriedAt ??= this.now();
    try {
      await this.perform(item).finally(answered);
      this.items.delete(item.id);
      await this.store.delete(item.id);
      log.debug({ attempts: item.attempts }, 'outbox item delivered');
    } catch (e) {
      const err = e instanceof FeishuCallError ? e : new FeishuCallError(String(e), { retryable: false });
      item.lastError = err.message;
      const tooOld = this.now() - item.firstTriedAt >= this.o.maxAgeMs;
      if (!err.retryable || tooOld) {
        log.error({ err: err.message, attempts: item.attempts }, 'outbox item dead-lettered');
        this.items.delete(item.id);
        await this.dead.write(item.id, item);
        await this.store.delete(item.id);
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
      await this.store.write(item.id, item);
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
      job.fileKey = (await this.api.uploadFile(job)).fileKey;
      await this.store.write(item.id, item);
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
}
