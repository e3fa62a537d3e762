/**
 * Where the outbox keeps its jobs, behind one small interface the worker (outbox.ts) drives: this process's
 * memory backed by lowdb files (here), or PostgreSQL tables every process shares (outbox-pg-queue.ts).
 */
import { openSharded, type ShardedStore } from '../../storage/sharded-store.js';
import type { Storage, Store } from '../../storage/store.js';
import { receiverOf, type MadeFile, type OutboxItem } from './outbox-item.js';

/** A job as the worker chooses among them: light, so a shared queue can list many cheaply. */
export interface OutboxCandidate {
  id: string;
  /** whom Feishu's per-receiver limit counts the call against */
  receiver: string;
  /** when it may be sent (its retry time, or the end of another process's lease on it) */
  dueAt: number;
}

/** A call some sender made lately, which this process's pacer must count before it sends. */
export interface RecentCall {
  receiver: string;
  at: number;
}

/** What the queue tells the worker. */
export interface QueueHooks {
  /** work may be waiting (a job was queued, or this process became the sender) */
  wake(): void;
  /** this process became the sender: the calls the sender before it made in Feishu's windows */
  seed(calls: RecentCall[]): void;
}

/** The outbox's storage of jobs. */
export interface OutboxQueue {
  /** true when other processes share the queue (then only its elected sender sends) */
  readonly shared: boolean;
  /** stores a new item; false (nothing stored) when its id is known already */
  add(item: OutboxItem): Promise<boolean>;
  /** the items not in `busy`, soonest due first (a shared queue lists a bounded number) */
  candidates(now: number, busy: ReadonlySet<string>): Promise<OutboxCandidate[]>;
  /** claims these items for one attempt (attempts counted, first try stamped); returns those this process got */
  take(ids: string[], now: number): Promise<OutboxItem[]>;
  /** the item was delivered */
  sent(item: OutboxItem, now: number): Promise<void>;
  /** the attempt failed: keep the item for its next attempt (nextAt, lastError as set on it) */
  retry(item: OutboxItem, now: number): Promise<void>;
  /** the item will never be delivered: keep it with the dead letters */
  dead(item: OutboxItem, now: number): Promise<void>;
  /** progress within an attempt (an uploaded file's key), so a retry does not repeat it */
  save(item: OutboxItem, now: number): Promise<void>;
  /** a send-file job's bytes when the queue holds them; undefined: read its filePath */
  fileBytes(item: OutboxItem): Promise<Buffer | undefined>;
  /**
   * gives a job that waits for its file the file, due at once; false when it no longer waits (sent, dead,
   * being sent or made by the sender after the wait, or not a waiting job)
   */
  attach(id: string, file: MadeFile, now: number, busy: ReadonlySet<string>): Promise<boolean>;
  /** dead-letters a job that waits for its file (it could not be made); false when it no longer waits */
  abandon(id: string, reason: string, now: number, busy: ReadonlySet<string>): Promise<boolean>;
  /** items neither delivered nor dead-lettered, as last counted here */
  size(): number;
  /** whether nothing is left to deliver (by any process sharing the queue) */
  isEmpty(): Promise<boolean>;
  /** whether this process may send now */
  maySend(): boolean;
  /** begins taking part in sending (a shared queue: standing for election) */
  start(hooks: QueueHooks): void;
  /** stops taking part (a shared queue: gives the sender's place up to another process) */
  stop(): Promise<void>;
}

const SCHEMA = { version: 1 };

/** The outbox's pending jobs as stored (spread over files: thousands wait at once in a reminder fan-out). */
export const openOutboxStore = (storage: Storage) => openSharded<OutboxItem>(storage, 'outbox', SCHEMA);

/**
 * The queue of one process: every item in memory, each written to the sharded lowdb store (and the dead ones
 * to `outbox-dead`) so a restart finds them. lowdb's data directory belongs to one bot, which always sends.
 */
export class LocalOutboxQueue implements OutboxQueue {
  readonly shared = false;
  private readonly items = new Map<string, OutboxItem>();

  private constructor(
    private readonly store: ShardedStore<OutboxItem>,
    private readonly deadStore: Store<OutboxItem>,
  ) {}

  /** Loads the items left by a previous run (they are sent again with the same uuid). */
  static async open(storage: Storage): Promise<LocalOutboxQueue> {
    const store = await openOutboxStore(storage);
    const dead = await storage.open<OutboxItem>('outbox-dead', SCHEMA);
    const q = new LocalOutboxQueue(store, dead);
    for (const [id, item] of await store.entries()) q.items.set(id, item);
    return q;
  }

  async add(item: OutboxItem): Promise<boolean> {
    // Checked and set before the write: the same key queued twice at once is stored once.
    if (this.items.has(item.id)) return false;
    this.items.set(item.id, item);
    try {
      await this.store.write(item.id, item);
    } catch (e) {
      // Not stored, so not queued: the caller is told, and nothing is sent behind its back.
      if (this.items.get(item.id) === item) this.items.delete(item.id);
      throw e;
    }
    return true;
  }

  async candidates(_now: number, busy: ReadonlySet<string>): Promise<OutboxCandidate[]> {
    return [...this.items.values()]
      .filter((i) => !busy.has(i.id) && !this.behind(i))
      .sort((a, b) => a.nextAt - b.nextAt || a.createdAt - b.createdAt)
      .map((i) => ({ id: i.id, receiver: receiverOf(i.job), dueAt: i.nextAt }));
  }

  async take(ids: string[], now: number): Promise<OutboxItem[]> {
    const got: OutboxItem[] = [];
    for (const id of ids) {
      const item = this.items.get(id);
      if (!item) continue;
      item.attempts += 1;
      item.firstTriedAt ??= now;
      got.push(item);
    }
    return got;
  }

  async sent(item: OutboxItem): Promise<void> {
    this.items.delete(item.id);
    await this.store.delete(item.id);
  }

  async retry(item: OutboxItem): Promise<void> {
    await this.store.write(item.id, item);
  }

  async dead(item: OutboxItem): Promise<void> {
    this.items.delete(item.id);
    await this.deadStore.write(item.id, item);
    await this.store.delete(item.id);
  }

  async save(item: OutboxItem): Promise<void> {
    await this.store.write(item.id, item);
  }

  async fileBytes(): Promise<Buffer | undefined> {
    return undefined;
  }

  async attach(id: string, file: MadeFile, now: number, busy: ReadonlySet<string>): Promise<boolean> {
    const item = this.waiting(id, busy);
    if (!item || item.job.kind !== 'send-file') return false;
    item.job.filePath = file.filePath;
    item.job.fileName = file.fileName;
    item.nextAt = now;
    await this.store.write(id, item);
    return true;
  }

  async abandon(id: string, reason: string, _now: number, busy: ReadonlySet<string>): Promise<boolean> {
    const item = this.waiting(id, busy);
    if (!item) return false;
    item.lastError = reason;
    await this.dead(item);
    return true;
  }

  /** The item `id` while it waits for its file and the worker is not at it. */
  private waiting(id: string, busy: ReadonlySet<string>): OutboxItem | undefined {
    const item = this.items.get(id);
    const job = item?.job;
    if (!item || busy.has(id) || job?.kind !== 'send-file' || job.filePath || job.fileKey) return undefined;
    return item;
  }

  /** Whether the job it must follow is still queued (a publish zip waits for its Word file). */
  private behind(item: OutboxItem): boolean {
    return item.job.kind === 'send-file' && !!item.job.after && this.items.has(item.job.after);
  }

  size(): number {
    return this.items.size;
  }

  async isEmpty(): Promise<boolean> {
    return this.items.size === 0;
  }

  maySend(): boolean {
    return true;
  }

  start(): void {}

  async stop(): Promise<void> {}
}
