/** A round big enough for a fan-out: `people` fillers, two per unit, every one with something unfinished. */
import type { EmulatorUser } from '../../src/emulator/types.js';
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

/** Saves the round into a fresh bot side of the rig and gives its reminder scheduler (the outbox not started). */
export async function fanoutScheduler(
  rig: Rig,
  round: Round,
): Promise<{ side: Side; scheduler: ReminderScheduler }> {
  const side = await rig.open();
  await roundRepo(side.storage).save(round);
  const scheduler = new ReminderScheduler({
    storage: side.storage,
    outbox: side.outbox,
    log: side.log,
    calendar: createWorkdayCalendar(),
  });
  return { side, scheduler };
}
