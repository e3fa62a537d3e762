/** The answer of Pacer.tryAcquire. */
export interface Slot {
  wait: number;
  done(): void;
}

/** At most `max` calls in any sliding window of `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface PacerOptions {
  now?: () => number;
  /** limits for the whole app; defaults follow Feishu's im/v1/messages: 50/s and 1000/min per app */
  app?: RateLimit[];
  /** limit per receiver (a user, a chat, or a message being patched); Feishu: 5 QPS per user and per group */
  perReceiver?: RateLimit;
}

// Padded windows: Feishu counts on arrival, so two sends exactly 1000 ms apart here may land 999 ms apart there.
export const FEISHU_APP_LIMITS: RateLimit[] = [
  { max: 50, windowMs: 1_100 },
  { max: 1000, windowMs: 61_000 },
];
export const FEISHU_RECEIVER_LIMIT: RateLimit = { max: 5, windowMs: 1_100 };

/** Timestamps of recent calls, oldest first, with the ones outside the longest window dropped. */
class Log {
  private times: number[] = [];
  private head = 0;
  waitFor(limits: RateLimit[], now: number): number {
    let wait = 0;
    for (const { max, windowMs } of limits) {
      const n = this.times.length - this.head;
      if (n < max) continue;
      // the max-th most recent call must leave the window before another may start
      const t = this.times[this.times.length - max];
      wait = Math.max(wait, t + windowMs - now);
    }
    return wait;
  }
  add(now: number, keepMs: number) {
    this.times.push(now);
    this.prune(now, keepMs);
  }
  /** Moves a stamp later (sorted insert): the call reached Feishu somewhere between its start and its answer. */
  move(from: number, to: number) {
    const i = this.times.lastIndexOf(from);
    if (i < this.head) return;
    this.times.splice(i, 1);
    let j = this.times.length;
    while (j > this.head && this.times[j - 1] > to) j--;
    this.times.splice(j, 0, to);
  }
  /** Adds a stamp in time order (a call counted after the fact), then forgets what left the window. */
  insert(t: number, now: number, keepMs: number) {
    let j = this.times.length;
    while (j > this.head && this.times[j - 1] > t) j--;
    this.times.splice(j, 0, t);
    this.prune(now, keepMs);
  }
  private prune(now: number, keepMs: number) {
    while (this.head < this.times.length && this.times[this.head] <= now - keepMs) this.head++;
    if (this.head > 1024) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
  newest() {
    return this.times.length > this.head ? this.times[this.times.length - 1] : -Infinity;
  }
}

/**
 * Paces outgoing Open API calls to Feishu's limits with sliding windows, so a fan-out of thousands of reminders
 * goes out as fast as allowed and never trips a 429. The clock is injected: a whole season is a fast test.
 */
export class Pacer {
  private readonly now: () => number;
  private readonly app: RateLimit[];
  private readonly perReceiver: RateLimit;
  private readonly appLog = new Log();
  private readonly receivers = new Map<string, Log>();
  private readonly keepMs: number;
  private pausedUntil = 0;

  constructor(opts: PacerOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.app = opts.app ?? FEISHU_APP_LIMITS;
    this.perReceiver = opts.perReceiver ?? FEISHU_RECEIVER_LIMIT;
    this.keepMs = Math.max(...this.app.map((l) => l.windowMs));
  }

  /**
   * Asks for a slot. `wait` 0 = the call may go now and is counted; call `done()` when its answer arrives, so the
   * window counts from the latest moment the call can have reached Feishu (a slow first call, e.g. one waiting
   * for a token, must not let the next burst land inside the same second). Otherwise `wait` is the ms to wait.
   */
  tryAcquire(receiver?: string): Slot {
    const now = this.now();
    const rlog = receiver === undefined ? undefined : this.receivers.get(receiver);
    const wait = Math.max(
      this.pausedUntil - now,
      this.appLog.waitFor(this.app, now),
      rlog ? rlog.waitFor([this.perReceiver], now) : 0,
    );
    if (wait > 0) return { wait, done: () => undefined };
    this.appLog.add(now, this.keepMs);
    let log: Log | undefined;
    if (receiver !== undefined) {
      log = rlog ?? new Log();
      log.add(now, this.perReceiver.windowMs);
      this.receivers.set(receiver, log);
      if (this.receivers.size > 10_000) this.sweep(now);
    }
    return {
      wait: 0,
      done: () => {
        const end = this.now();
        if (end <= now) return;
        this.appLog.move(now, end);
        log?.move(now, end);
      },
    };
  }

  /**
   * Counts a call made at `at` by another process (the sender before this one), so that its calls and this
   * one's together stay within the windows.
   */
  seed(receiver: string | undefined, at: number): void {
    const now = this.now();
    if (at <= now - this.keepMs) return;
    this.appLog.insert(at, now, this.keepMs);
    if (receiver === undefined || at <= now - this.perReceiver.windowMs) return;
    const log = this.receivers.get(receiver) ?? new Log();
    log.insert(at, now, this.perReceiver.windowMs);
    this.receivers.set(receiver, log);
  }

  /** Holds every call until `t` (Feishu answered 429 with x-ogw-ratelimit-reset). */
  pauseUntil(t: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, t);
  }

  private sweep(now: number) {
    for (const [k, log] of this.receivers)
      if (log.newest() <= now - this.perReceiver.windowMs) this.receivers.delete(k);
  }
}
