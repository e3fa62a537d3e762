import type { Faults } from './types.js';

// Feishu's documented limits for im/v1/messages create: 50/s and 1000/min per app, 5 QPS per receiving user.
const APP_PER_SECOND = 50;
const APP_PER_MINUTE = 1000;
const USER_PER_SECOND = 5;
// Feishu: patching one message is limited to 5 QPS.
const PATCH_PER_SECOND = 5;

/** mulberry32: tiny seeded PRNG so fault rates replay identically in tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sliding window of accepted calls; answers how long until one more would fit. */
class Window {
  private stamps: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly spanMs: number,
  ) {}
  /** ms until a new call fits (0 = fits now). */
  waitMs(now: number): number {
    this.stamps = this.stamps.filter((t) => t > now - this.spanMs);
    if (this.stamps.length < this.limit) return 0;
    return this.stamps[this.stamps.length - this.limit] + this.spanMs - now;
  }
  add(now: number): void {
    this.stamps.push(now);
  }
  get empty(): boolean {
    return this.stamps.length === 0;
  }
}

export type FaultRoll = 'ok' | '5xx' | '429' | 'lost';

/** Current faults, the seeded dice for the random ones, and Feishu's real rate limits. */
export class FaultInjector {
  private faults: Faults = {};
  private rand = prng(1);
  private appSecond = new Window(APP_PER_SECOND, 1000);
  private appMinute = new Window(APP_PER_MINUTE, 60_000);
  private perUser = new Map<string, Window>();
  private perMessagePatch = new Map<string, Window>();

  constructor(private readonly now: () => number) {}

  /** Replaces all faults; resets the dice and the rate windows so a test starts from a known state. */
  set(f: Faults): void {
    this.faults = { ...f };
    this.rand = prng(f.seed ?? 1);
    this.appSecond = new Window(APP_PER_SECOND, 1000);
    this.appMinute = new Window(APP_PER_MINUTE, 60_000);
    this.perUser.clear();
    this.perMessagePatch.clear();
  }

  get(): Faults {
    return { ...this.faults };
  }

  /** Decides the fate of one Open API call. */
  roll(): FaultRoll {
    const { error5xxRate = 0, rateLimitRate = 0, lostResponseRate = 0 } = this.faults;
    if (error5xxRate > 0 && this.rand() < error5xxRate) return '5xx';
    if (rateLimitRate > 0 && this.rand() < rateLimitRate) return '429';
    if (lostResponseRate > 0 && this.rand() < lostResponseRate) return 'lost';
    return 'ok';
  }

  get delayMs(): number {
    return Math.max(0, this.faults.delayMs ?? 0);
  }

  get duplicates(): number {
    return Math.max(0, Math.floor(this.faults.duplicateDeliveries ?? 0));
  }

  /**
   * Admits one message send to a receiver under Feishu's limits (when enforced).
   * Returns 0 when admitted (and counts it), else the seconds until a retry can succeed.
   */
  admitMessage(receiverKey: string): number {
    if (!this.faults.enforceRateLimits) return 0;
    const now = this.now();
    const user = this.perUser.get(receiverKey) ?? new Window(USER_PER_SECOND, 1000);
    const wait = Math.max(this.appSecond.waitMs(now), this.appMinute.waitMs(now), user.waitMs(now));
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
    this.appSecond.add(now);
    this.appMinute.add(now);
    user.add(now);
    this.perUser.set(receiverKey, user);
    if (this.perUser.size > 10_000) this.prune(this.perUser, now);
    return 0;
  }

  /** Admits one patch of a message (5 QPS per message, when enforced); same answer as admitMessage. */
  admitPatch(messageId: string): number {
    if (!this.faults.enforceRateLimits) return 0;
    const now = this.now();
    const w = this.perMessagePatch.get(messageId) ?? new Window(PATCH_PER_SECOND, 1000);
    const wait = w.waitMs(now);
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
    w.add(now);
    this.perMessagePatch.set(messageId, w);
    if (this.perMessagePatch.size > 10_000) this.prune(this.perMessagePatch, now);
    return 0;
  }

  private prune(map: Map<string, Window>, now: number): void {
    for (const [k, w] of map) {
      w.waitMs(now);
      if (w.empty) map.delete(k);
    }
  }
}
