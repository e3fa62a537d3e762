import type { Storage, Store } from './store.js';

/** A claimed event id: in flight while its handler runs, done afterwards. */
export interface Claim {
  state: 'in-flight' | 'done';
  /** ms since epoch of the last state change */
  at: number;
}

export interface EventClaimsOptions {
  /** how long a claim is remembered; Feishu redelivers after 15 s, 5 min, 1 h and 6 h, so at least 6 h */
  ttlMs?: number;
  /** an in-flight claim older than this was left by a crashed process and may be claimed again */
  leaseMs?: number;
  now?: () => number;
}

const HOUR = 3_600_000;
const PREFIX = 'claims/';
const SCHEMA = { version: 1 };

/** UTC hour bucket name: claims are written to the file of the hour they were made in. */
const bucketOf = (t: number) => PREFIX + new Date(t).toISOString().slice(0, 13).replace(/[-T]/g, '');
const bucketStart = (name: string) => {
  const s = name.slice(PREFIX.length);
  return Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(8, 10));
};

/**
 * Event ids claimed in storage so a redelivered event is processed once, also across a restart
 * (larksuite/lark-samples message-receipt-store). Claims live in one small file per hour, so a write never
 * rewrites more than an hour of ids and expiry is dropping whole old files.
 */
export class EventClaims {
  private readonly mem = new Map<string, { claim: Claim; bucket: string }>();
  private readonly buckets = new Map<string, Store<Claim>>();
  private readonly ttlMs: number;
  private readonly leaseMs: number;
  private readonly now: () => number;

  private constructor(
    private readonly storage: Storage,
    opts: EventClaimsOptions,
  ) {
    this.ttlMs = opts.ttlMs ?? 7 * HOUR;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** Loads the claims still alive and drops the expired buckets. */
  static async open(storage: Storage, opts: EventClaimsOptions = {}): Promise<EventClaims> {
    const c = new EventClaims(storage, opts);
    for (const name of await storage.list(PREFIX)) {
      if (!/^claims\/\d{10}$/.test(name)) continue;
      if (bucketStart(name) + HOUR <= c.now() - c.ttlMs) {
        await storage.drop(name);
        continue;
      }
      const store = await storage.open<Claim>(name, SCHEMA);
      c.buckets.set(name, store);
      for (const [id, claim] of await store.entries()) c.mem.set(id, { claim, bucket: name });
    }
    return c;
  }

  /**
   * Claims an event id. Resolves true when the caller must process the event (the claim is persisted first),
   * false when it is a duplicate: already done, or in flight elsewhere within the lease.
   */
  async claim(eventId: string): Promise<boolean> {
    const now = this.now();
    const known = this.mem.get(eventId);
    if (known && now - known.claim.at < this.ttlMs) {
      if (known.claim.state === 'done' || now - known.claim.at < this.leaseMs) return false;
    }
    // The check above and this set run in one tick, so two concurrent deliveries cannot both claim.
    const bucket = bucketOf(now);
    const claim: Claim = { state: 'in-flight', at: now };
    this.mem.set(eventId, { claim, bucket });
    await (await this.store(bucket)).write(eventId, claim);
    return true;
  }

  /** Marks a claimed event as processed. */
  async done(eventId: string): Promise<void> {
    const known = this.mem.get(eventId);
    if (!known) return;
    known.claim = { state: 'done', at: this.now() };
    await (await this.store(known.bucket)).write(eventId, known.claim);
  }

  /** Current state of an event id (for logs and tests). */
  stateOf(eventId: string): Claim['state'] | undefined {
    return this.mem.get(eventId)?.claim.state;
  }

  /** Forgets buckets older than the TTL; called on each new hour. */
  async expire(): Promise<void> {
    const cutoff = this.now() - this.ttlMs;
    for (const name of [...this.buckets.keys()]) {
      if (bucketStart(name) + HOUR > cutoff) continue;
      this.buckets.delete(name);
      for (const [id, v] of this.mem) if (v.bucket === name) this.mem.delete(id);
      await this.storage.drop(name);
    }
  }

  private async store(bucket: string): Promise<Store<Claim>> {
    let s = this.buckets.get(bucket);
    if (!s) {
      s = await this.storage.open<Claim>(bucket, SCHEMA);
      if (!this.buckets.has(bucket)) {
        this.buckets.set(bucket, s);
        this.expire().catch(() => undefined); // housekeeping; retried on the next new hour
      }
    }
    return s;
  }
}
