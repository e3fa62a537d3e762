/** 「明天再提醒我」: quiet until the next working day's slot, then one reminder if still unfinished. */
import { z } from 'zod';
import type { Storage } from '../../storage/store.js';
import { roundRepo } from '../rounds/round-repo.js';
import { fillersOf } from '../rounds/round.js';
import { beijingTime } from './dates.js';
import { resolveReminderPlan } from './plan-config.js';
import { reminderRecords } from './records.js';
import { beijingDate, planInputOf } from './slots.js';
import type { WorkdayCalendar } from './workdays.js';

const snoozeValue = z.object({
  action: z.literal('snooze_reminder'),
  round_id: z.string().min(1),
  unit_id: z.string().min(1),
});

/** What the person is told; `until` is the Beijing date of the next reminder, `at` its send time (ISO). */
export type SnoozeResult = { ok: true; until: string; at: string } | { ok: false; message: string };

/** Records a snooze for the person in the round of the tapped card. */
export async function snoozeReminder(
  storage: Storage,
  openId: string,
  value: unknown,
  now: number,
  calendar: WorkdayCalendar,
): Promise<SnoozeResult> {
  const parsed = snoozeValue.safeParse(value);
  if (!parsed.success) return { ok: false, message: '无法识别这张提醒卡片，请发送「进度」查看年报情况。' };
  const ref = await roundRepo(storage).unit(parsed.data.round_id, parsed.data.unit_id);
  const round = ref?.round;
  const involved =
    round &&
    (round.admins.includes(openId) ||
      round.units.some((u) => fillersOf(u).includes(openId) || u.approvers.includes(openId)));
  if (!round || !involved) return { ok: false, message: '这份年报已不在你的待办中。' };
  const until = calendar.nextWorkday(beijingDate(now));
  await reminderRecords(storage).snooze(round.id, {
    openId,
    until,
    askedAt: new Date(now).toISOString(),
  });
  return { ok: true, until, at: beijingTime(until, resolveReminderPlan(planInputOf(round)).time) };
}
