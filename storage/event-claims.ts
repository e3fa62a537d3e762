import type { AppendLog, LogStorage, Storage } from './store.js';

/** A claimed event id: in flight while its handler runs, done once its effects are stored and answered. */
export interface Claim {
  state: 'in-flight' | 'done';
  /** ms since epoch of the last state change */
  at: number;
}

/** What a claim store remembers of an event: its state, and the answer stored with it when done. */
export interface RecalledClaim {
  state: Claim['state'];
  /** the card callback's answer given by the delivery that handled it (absent where none is stored) */
  answer?: unknown;
}

/**
 * Event claims as the server core uses them, whichever process holds them: EventClaims below (lowdb's logs,
 * one process) and PostgresClaims (storage/postgres-claims.ts, a table the processes share).
 */
export interface ClaimStore {
  /**
   * Resolves true when the caller must process the event, false for a duplicate. `waitMs`: how long a
   * duplicate of an event another live process is handling may wait for that process to finish it (stores
   * that only know their own process never wait).
   */
  claim(eventId: string, o?: { waitMs?: number }): Promise<boolean>;
  /** Marks a claimed event as processed; `answer` is kept for its redeliveries where the store can. */
  done(eventId: string, answer?: unknown): Promise<void>;
  /** Gives a claim up (its handler failed): a redelivery of the event is processed. */
  release(eventId: string): void | Promise<void>;
  /** The state and stored answer of an event, for a duplicate's answer; absent in stores that keep none. */
  recall?(eventId: string): Promise<RecalledClaim | undefined>;
}

export interface EventClaimsOptions {
  /** how long a claim is remembered; Feishu redelivers after 15 s, 5 min, 1 h and 6 h, so at least 6 h */
  ttlMs?: number;
  /**
   * a handler of this process still running after this long is taken to be stuck, and a redelivery of its
   * event is processed. Claims left in flight by an earlier process are taken over at once: it is dead.
   */
  leaseMs?: number;
  now?: () => number;
}

/** One line of an hour's claim log. */
interface ClaimRecord {
  /** event id */
  e: string;
  /** f = in flight (the handler started), d = done */
  s: 'f' | 'd';
  t: number;
}

const HOUR = 3_600_000;
const PREFIX = 'claims/';
const BUCKET = /^claims\/\d{10}$/;
/** how a done line is told from an in-flight one without parsing it (JSON.stringify's spelling of s: 'd') */
const DONE_MARK = '"s":"d"';

/** UTC hour bucket name: claims are written to the log of the hour they were made in. */
const bucketOf = (t: number) => PREFIX + new Date(t).toISOString().slice(0, 13).replace(/[-T]/g, '');
const bucketStart = (name: string) => {
  const s = name.slice(PREFIX.length);
  return Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(8, 10));
};

/**
 * Event ids claimed in storage so a redelivered event is processed once, also across a restart
 * (larksuite/lark-samples message-receipt-store). What counts is whether the event was acknowledged: a claim is
 * done only once its handler finished, and an event whose handler never finished (the process died) is
 * processed again when Feishu redelivers it. Claims are lines appended to one log per hour, so a claim costs the
 * same however many events the hour already had, and expiry drops whole old logs.
 */
export class EventClaims implements ClaimStore {
  private readonly mem = new Map<string, { claim: Claim; bucket: string; mine: boolean }>();
  private readonly logs = new Map<string, Promise<AppendLog<ClaimRecord>>>();
  private readonly ttlMs: number;
  private readonly leaseMs: number;
  private readonly now: () => number;

  private constructor(
    private readonly storage: Storage & LogStorage,
    opts: EventClaimsOptions,
  ) {
    this.ttlMs = opts.ttlMs ?? 7 * HOUR;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  /** Loads the claims still alive and drops the expired logs (and the older lowdb buckets, moved to logs). */
  static async open(storage: Storage & LogStorage, opts: EventClaimsOptions = {}): Promise<EventClaims> {
    const c = new EventClaims(storage, opts);
    await c.migrateBuckets();
    for (const name of await storage.listLogs(PREFIX)) {
      if (!BUCKET.test(name)) continue;
      if (c.expired(name)) {
        await storage.dropLog(name);
        continue;
      }
      // Only the done lines matter after a restart: an event left in flight by the dead process is taken over
      // by its redelivery as if it had never been claimed, so those lines are not even parsed.
      const { log, records } = await storage.openLog<ClaimRecord>(name, (line) => line.includes(DONE_MARK));
      c.logs.set(name, Promise.resolve(log));
      for (const r of records) {
        if (typeof r?.e !== 'string' || r.s !== 'd') continue;
        c.mem.set(r.e, { claim: { state: 'done', at: r.t }, bucket: name, mine: false });
      }
    }
    return c;
  }

  /**
   * Claims an event id. Resolves true when the caller must process the event (the claim is stored first),
   * false when it is a duplicate: already done, or being handled by this process right now. Rejects with a
   * StorageWriteError when the claim cannot be stored (nothing is claimed then).
   */
  async claim(eventId: string): Promise<boolean> {
    const now = this.now();
    const known = this.mem.get(eventId);
    if (known && now - known.claim.at < this.ttlMs) {
      if (known.claim.state === 'done') return false;
      // In flight here and now: the live duplicate waits for the first delivery's answer. In flight in a dead
      // process, or stuck past the lease: never acknowledged, so processed again.
      if (known.mine && now - known.claim.at < this.leaseMs) return false;
    }
    // The check above and this set run in one tick, so two concurrent deliveries cannot both claim.
    const bucket = bucketOf(now);
    const entry = { claim: { state: 'in-flight' as const, at: now }, bucket, mine: true };
    this.mem.set(eventId, entry);
    try {
      await (await this.log(bucket)).append({ e: eventId, s: 'f', t: now });
    } catch (e) {
      if (this.mem.get(eventId) === entry) this.mem.delete(eventId);
      throw e;
    }
    return true;
  }

  /** Marks a claimed event as processed: its effects are stored and its answer given. */
  async done(eventId: string): Promise<void> {
    const known = this.mem.get(eventId);
    if (!known) return;
    const at = this.now();
    known.claim = { state: 'done', at };
    await (await this.log(known.bucket)).append({ e: eventId, s: 'd', t: at });
  }

  /**
   * Gives a claim up: its handler failed and the person was told to try again, so a redelivery of the event
   * is processed. The log keeps the in-flight line, which a later process takes over like a crash's.
   */
  release(eventId: string): void {
    if (this.mem.get(eventId)?.claim.state === 'in-flight') this.mem.delete(eventId);
  }

  /** Current state of an event id (for logs and tests). */
  stateOf(eventId: string): Claim['state'] | undefined {
    return this.mem.get(eventId)?.claim.state;
  }

  /** Forgets logs older than the TTL; called on each new hour. */
  async expire(): Promise<void> {
    for (const name of [...this.logs.keys()]) {
      if (!this.expired(name)) continue;
      this.logs.delete(name);
      for (const [id, v] of this.mem) if (v.bucket === name) this.mem.delete(id);
      await this.storage.dropLog(name);
    }
  }

  private expired(name: string): boolean {
    return bucketStart(name) + HOUR <= this.now() - this.ttlMs;
  }

  private log(bucket: string): Promise<AppendLog<ClaimRecord>> {
    let l = this.logs.get(bucket);
    if (!l) {
      l = this.storage.openLog<ClaimRecord>(bucket).then((o) => o.log);
      this.logs.set(bucket, l);
      l.catch(() => this.logs.delete(bucket));
      this.expire().catch(() => undefined); // housekeeping; retried on the next new hour
    }
    return l;
  }

  /** Claims written by an earlier nianbao (one lowdb file per hour) become lines of that hour's log. */
  private async migrateBuckets(): Promise<void> {
    for (const name of await this.storage.list(PREFIX)) {
      if (!BUCKET.test(name)) continue;
      if (!this.expired(name)) {
        const old = await this.storage.open<Claim>(name, { version: 1 });
        const { log } = await this.storage.openLog<ClaimRecord>(name);
        // Appended together: the log joins them into a few writes.
        await Promise.all(
          (await old.entries()).map(([e, c]) =>
            log.append({ e, s: c.state === 'done' ? 'd' : 'f', t: c.at }),
          ),
        );
      }
      await this.storage.drop(name);
    }
  }
}
