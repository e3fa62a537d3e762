/**
 * Sends each round's reminders exactly once, across restarts. Every working day of a round's season is a slot
 * (slots.ts); tick(now) handles each slot whose time has come and that storage says was never handled:
 * - a slot of today (Beijing) is sent: who is owed what is decided from the drafts and approval state at that
 *   moment, each reminder is queued in the outbox under its own key and then recorded;
 * - a slot of an earlier day (the bot was down) is dropped and logged: yesterday's 「还有 3 个工作日」 would
 *   be wrong today.
 * Queue first, record second: a crash in between re-queues under the same key, which the outbox stores once
 * and Feishu deduplicates by uuid; the other order could lose a reminder. Each slot is decided inside the
 * storage's lock `reminders/<round>`, its record read again there: N processes ticking the same slot queue
 * its reminders once (with PostgreSQL the slot's queueing and records are also one transaction). The clock
 * and timers are injected so a test runs a whole season in milliseconds; in production a plain timer wakes at
 * the next slot.
 */
import type { Storage } from '../../storage/store.js';
import type { Logger } from '../logger.js';
import { roundRepo } from '../rounds/round-repo.js';
import type { Round } from '../rounds/round.js';
import { NO_APPROVALS, type ApprovalFacts } from './approval-facts.js';
import { audienceOf, type Reminder } from './audience.js';
import { reminderRecords, type ReminderRecords } from './records.js';
import { queueReminder, type ReminderOutbox } from './send.js';
import { beijingDate, planInputOf, roundSlots, type ReminderSlot } from './slots.js';
import { loadUnitFacts } from './unit-facts.js';
import { createWorkdayCalendar, type WorkdayCalendar } from './workdays.js';

export type { ReminderOutbox };

/** setTimeout/clearTimeout, injectable. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ReminderSchedulerOptions {
  storage: Storage;
  outbox: ReminderOutbox;
  log: Logger;
  now?: () => number;
  calendar?: WorkdayCalendar;
  approvals?: ApprovalFacts;
  timers?: Timers;
  /** longest sleep between two wake-ups, so a round created today or a clock jump is noticed; default 10 min */
  maxSleepMs?: number;
}

/** What one tick did. */
export interface TickReport {
  sent: Reminder[];
  dropped: Array<{ roundId: string; date: string; at: string }>;
}

// Queue this many reminders at once: their storage writes coalesce into one file write per batch.
const BATCH = 200;

const REAL_TIMERS: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Plans, sends and records the reminders of every round in storage. */
export class ReminderScheduler {
  private readonly now: () => number;
  private readonly calendar: WorkdayCalendar;
  private readonly approvals: ApprovalFacts;
  private readonly timers: Timers;
  private readonly records: ReminderRecords;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: unknown;
  private running = false;
  private readonly slotCache = new Map<string, ReminderSlot[]>();
  // Slots known to be handled (`roundId|date`): a record is never undone, so a tick over a season of months
  // need not ask storage again about every past day.
  private readonly handled = new Set<string>();

  constructor(private readonly o: ReminderSchedulerOptions) {
    this.now = o.now ?? Date.now;
    this.calendar = o.calendar ?? createWorkdayCalendar();
    this.approvals = o.approvals ?? NO_APPROVALS;
    this.timers = o.timers ?? REAL_TIMERS;
    this.records = reminderRecords(o.storage);
  }

  /** Handles every slot due at `now` (one tick at a time). */
  tick(now: number = this.now()): Promise<TickReport> {
    const run = this.chain.then(() => this.run(now));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Sends what is due (including what was missed earlier today) and wakes again at each next slot. */
  start(): void {
    this.running = true;
    this.wake();
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.running = false;
    this.timers.clear(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  /** The time (ms) of the first slot after `now`, over all rounds; undefined when every season is over. */
  async nextSlotAt(now: number = this.now()): Promise<number | undefined> {
    let next: number | undefined;
    for (const round of await roundRepo(this.o.storage).list()) {
      if (round.closedAt) continue;
      for (const slot of this.slotsOf(round)) {
        const at = Date.parse(slot.at);
        if (at > now) {
          next = Math.min(next ?? at, at);
          break;
        }
      }
    }
    return next;
  }

  private wake(): void {
    if (!this.running) return;
    void this.tick()
      .catch((err) => this.o.log.error({ err }, 'reminder tick failed'))
      .then(() => this.nextSlotAt())
      .then((next) => {
        if (!this.running) return;
        const max = this.o.maxSleepMs ?? 10 * 60_000;
        const sleep = Math.min(max, next === undefined ? max : Math.max(1_000, next - this.now()));
        this.timer = this.timers.set(() => this.wake(), sleep);
      })
      .catch((err) => this.o.log.error({ err }, 'reminder timer failed'));
  }

  private slotsOf(round: Round): ReminderSlot[] {
    // A tick runs every few minutes over every round: plan each deadline and plan once.
    const cacheKey = `${round.id}|${round.deadline}|${JSON.stringify(planInputOf(round) ?? null)}`;
    const cached = this.slotCache.get(cacheKey);
    if (cached) return cached;
    try {
      const slots = roundSlots(round, this.calendar);
      if (this.slotCache.size > 1000) this.slotCache.clear();
      this.slotCache.set(cacheKey, slots);
      return slots;
    } catch (err) {
      this.o.log.error({ err, roundId: round.id }, 'reminder plan of a round cannot be computed');
      return [];
    }
  }

  private async run(now: number): Promise<TickReport> {
    const report: TickReport = { sent: [], dropped: [] };
    const today = beijingDate(now);
    for (const round of await roundRepo(this.o.storage).list()) {
      // 关闭本轮: the admin ended the round, so nobody owes anything in it any more.
      if (round.closedAt) continue;
      const quiet: string[] = [];
      for (const slot of this.slotsOf(round)) {
        if (Date.parse(slot.at) > now) break;
        const handledKey = `${round.id}|${slot.date}`;
        if (this.handled.has(handledKey)) continue;
        // Asked first without the lock: nearly every past slot is handled, and asking about it must not wait
        // for another process sending today's.
        if (await this.records.slot(round.id, slot.date)) {
          this.handled.add(handledKey);
          continue;
        }
        const outcome = await this.o.storage.lock(`reminders/${round.id}`, () =>
          this.decide(round, slot, now, today),
        );
        // Only once recorded: a tick that failed half-way retries the slot on the next one.
        this.handled.add(handledKey);
        if (outcome === 'dropped') {
          // A day without a planned reminder (only 催办 or a snooze's end could fall on it) is also every
          // working day before the round was created: one line for them all, not a warning each.
          if (slot.planned)
            this.o.log.warn(
              { roundId: round.id, date: slot.date, at: slot.at },
              'reminder slot passed on an earlier day while the bot was down: dropped, not sent',
            );
          else quiet.push(slot.date);
          report.dropped.push({ roundId: round.id, date: slot.date, at: slot.at });
        } else if (outcome !== 'handled') report.sent.push(...outcome);
      }
      if (quiet.length)
        this.o.log.info(
          { roundId: round.id, from: quiet[0], to: quiet[quiet.length - 1], days: quiet.length },
          'earlier working days without planned reminders passed: skipped',
        );
    }
    return report;
  }

  /** Handles one slot inside its round's lock: what it queued, or that it was dropped or handled already. */
  private async decide(
    round: Round,
    slot: ReminderSlot,
    now: number,
    today: string,
  ): Promise<Reminder[] | 'dropped' | 'handled'> {
    // Read again under the lock: another process may have handled the slot while this one waited for it.
    if (await this.records.slot(round.id, slot.date)) return 'handled';
    if (slot.date >= today) return this.send(round, slot, now);
    await this.records.markSlot(round.id, {
      date: slot.date,
      at: slot.at,
      status: 'dropped',
      reminders: 0,
      decidedAt: new Date(now).toISOString(),
    });
    return 'dropped';
  }

  private async send(round: Round, slot: ReminderSlot, now: number): Promise<Reminder[]> {
    const units = await loadUnitFacts(this.o.storage, round, this.approvals);
    const snoozedUntil = await this.records.snoozes(round.id);
    const owed = audienceOf({ round, slot, units, calendar: this.calendar, snoozedUntil });
    const fresh: Reminder[] = [];
    for (const r of owed) if (!(await this.records.sent(round.id, r.date, r.key))) fresh.push(r);
    for (let i = 0; i < fresh.length; i += BATCH)
      await Promise.all(
        fresh.slice(i, i + BATCH).map((r) => queueReminder(this.records, this.o.outbox, round.id, r, now)),
      );
    await this.records.markSlot(round.id, {
      date: slot.date,
      at: slot.at,
      status: 'sent',
      reminders: owed.length,
      decidedAt: new Date(now).toISOString(),
    });
    this.o.log.info(
      {
        roundId: round.id,
        date: slot.date,
        reminders: fresh.length,
        late: now - Date.parse(slot.at) > 60_000,
      },
      'reminders queued',
    );
    return fresh;
  }
}
