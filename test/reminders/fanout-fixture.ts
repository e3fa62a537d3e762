/** A round big enough for a fan-out: `people` fillers, two per unit, every one with something unfinished. */
import type { EmulatorUser } from '../../src/emulator/types.js';
import type { Outbox, OutboxOptions } from '../../src/feishu/outbox.js';
import { ReminderScheduler } from '../../src/reminders/scheduler.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import type { Round } from '../../src/rounds/round.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Rig, Side } from './rig.js';

/** Fillers (as emulator users) and a round where each gets exactly one reminder on 15 January 2025. */
export function fanoutRound(people: number): { users: EmulatorUser[]; round: Round } {
  const users: EmulatorUser[] = Array.from({ length: people }, (_, i) => {
    const id = `fan${String(i).padStart(5, '0')}`;
    return { open_id: `ou_${id}`, user_id: id, union_id: `on_${id}`, name: `填报人${i}` };
  });
  const approver = {
    open_id: 'ou_fanapprover',
    user_id: 'fanapprover',
    union_id: 'on_fanapprover',
    name: '审核人',
  };
  const units = Array.from({ length: Math.ceil(people / 2) }, (_, i) => {
    const a = users[2 * i].open_id;
    const b = users[Math.min(2 * i + 1, people - 1)].open_id;
    return {
      id: `u${i}`,
      name: `第${i}单位`,
      fillers: { s1: [a], s2: [a], s3: [a], s4: [b], s5: [b], s6: [b] },
      approvers: [approver.open_id],
    };
  });
  return {
    users: [...users, approver],
    round: {
      id: 'fanout',
      year: 2024,
      name: '2024 年度政府信息公开工作年度报告',
      deadline: '2025-01-31T23:59:00+08:00',
      admins: [approver.open_id],
      units,
    },
  };
}

/**
 * The soonest `n` messages can all be sent under Feishu's app limits (50 per second, 1000 per minute), in
 * seconds: message k may go at max(⌊k/50⌋ s, time of message k−1000 + 60 s).
 */
export function fastestAllowedSeconds(n: number): number {
  const t: number[] = [];
  for (let k = 0; k < n; k++) t.push(Math.max(Math.floor(k / 50), k >= 1000 ? t[k - 1000] + 60 : 0));
  return n ? t[n - 1] : 0;
}

/**
 * Saves the round into a fresh bot side of the rig (its outbox opened with `outbox`, e.g. an injected clock)
 * and gives its reminder scheduler (the outbox not started).
 */
export async function fanoutScheduler(
  rig: Rig,
  round: Round,
  outbox: Partial<OutboxOptions> = {},
): Promise<{ side: Side; scheduler: ReminderScheduler }> {
  const side = await rig.open(outbox);
  await roundRepo(side.storage).save(round);
  const scheduler = new ReminderScheduler({
    storage: side.storage,
    outbox: side.outbox,
    log: side.log,
    calendar: createWorkdayCalendar(),
  });
  return { side, scheduler };
}

/** A clock only the test moves: the outbox, its pacer and the emulator's rate windows all read `now`. */
export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

/** A manual clock starting at `start` (ms). */
export function manualClock(start: number): ManualClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/**
 * Runs the outbox on `clock` until it is empty: each round sends what is due and what the pacer allows (each
 * batch taking 1 ms), then jumps to the moment the pacer or a retry says the next send may go. A minute of
 * Feishu's limits costs only the real time of the HTTP calls. Returns the rounds run (bounded by `maxRounds`).
 */
export async function drainOnClock(outbox: Outbox, clock: ManualClock, maxRounds = 100_000): Promise<number> {
  let rounds = 0;
  while (outbox.pending() > 0 && rounds < maxRounds) {
    rounds += 1;
    clock.advance(Math.max(1, (await outbox.runOnce()) ?? 1));
  }
  return rounds;
}

/** A Feishu message limit: at most `max` messages in any `windowMs`, for the app or for each receiver. */
interface Limit {
  max: number;
  windowMs: number;
  perReceiver: boolean;
}

// Feishu's im/v1/messages create limits, as the emulator enforces them.
const FEISHU_LIMITS: Limit[] = [
  { max: 50, windowMs: 1_000, perReceiver: false },
  { max: 1000, windowMs: 60_000, perReceiver: false },
  { max: 5, windowMs: 1_000, perReceiver: true },
];

/**
 * The limits that delivered messages (receiver, creation time) break: for each limit, how many messages
 * arrived with `max` others already inside the window before them. Empty when none is broken.
 */
export function limitsBroken(messages: Array<{ to: string; at: number }>): string[] {
  const broken: string[] = [];
  for (const { max, windowMs, perReceiver } of FEISHU_LIMITS) {
    const groups = new Map<string, number[]>();
    for (const m of messages) {
      const key = perReceiver ? m.to : '';
      const times = groups.get(key) ?? [];
      times.push(m.at);
      groups.set(key, times);
    }
    let over = 0;
    for (const times of groups.values()) {
      times.sort((a, b) => a - b);
      for (let k = max; k < times.length; k++) if (times[k] - times[k - max] < windowMs) over += 1;
    }
    if (over) broken.push(`${max} per ${windowMs} ms${perReceiver ? ' per receiver' : ''}: ${over} over`);
  }
  return broken;
}
