/**
 * The daily send slots of a round. Reminders to fillers follow the round's plan (plan.ts), but a report waiting
 * for approval or a snoozed person may need a card on any working day in between, so the scheduler wakes on
 * every working day of the season, at the plan's time, and asks who is owed something that day.
 *
 * The season starts on 1 December of the report year (or the plan's first day, if earlier): issue #6's 催办
 * comes "after one working day" of waiting, whenever a report is sent in, not only near the deadline. It ends
 * on the plan's last overdue day when the round sets `overdueDays` itself; by default the issue's plan reminds
 * "every working day after the deadline while overdue", so the season runs on until OVERDUE_CAP_WORKDAYS
 * working days after the deadline, and who is still owed something is decided each day (audience.ts: nobody
 * once every unit is approved).
 */
import type { Round } from '../rounds/round.js';
import { addDays, beijingTime } from './dates.js';
import { OVERDUE_CAP_WORKDAYS, type ReminderPlanInput } from './plan-config.js';
import { planReminders, type PlannedReminder } from './plan.js';
import type { WorkdayCalendar } from './workdays.js';

/** One working day of a round's reminder season. */
export interface ReminderSlot {
  roundId: string;
  /** Beijing calendar day, YYYY-MM-DD */
  date: string;
  /** send time, ISO 8601 with +08:00 */
  at: string;
  /** the planned filler reminder of that day, if any */
  planned?: PlannedReminder;
}

/** A round may carry its own plan (`reminders.plan`); rounds without one use the default plan. */
export function planInputOf(round: Round): ReminderPlanInput | undefined {
  return round.reminders?.plan;
}

/** The Beijing calendar date of an instant. */
export function beijingDate(ms: number): string {
  // Fixed UTC+8 (no daylight saving in China since 1991).
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The Beijing calendar date of the round's deadline (the deadline is stored as ISO with offset). */
export function deadlineDateOf(round: Round): string {
  return beijingDate(Date.parse(round.deadline));
}

/**
 * The planned reminders of a round (its own plan or the default), as previews list them: the default plan
 * shows its first 5 overdue days, as issue #6 asks of `nianbao reminders plan`.
 */
export function roundPlan(round: Round, calendar: WorkdayCalendar): PlannedReminder[] {
  return planReminders({ deadline: deadlineDateOf(round), calendar, plan: planInputOf(round) });
}

/**
 * The filler reminders the scheduler works from: the round's plan, with the overdue days running on to
 * OVERDUE_CAP_WORKDAYS unless the round limits them itself (`overdueDays`).
 */
export function seasonPlan(round: Round, calendar: WorkdayCalendar): PlannedReminder[] {
  const input = planInputOf(round);
  const overdueDays = input?.overdueDays ?? OVERDUE_CAP_WORKDAYS;
  return planReminders({ deadline: deadlineDateOf(round), calendar, plan: { ...input, overdueDays } });
}

/** The first day of a round's season: 1 December of the report year, or the plan's first day if earlier. */
export function seasonStart(round: Round, plan: PlannedReminder[]): string {
  const start = `${round.year}-12-01`;
  return plan.length && plan[0].date < start ? plan[0].date : start;
}

/**
 * Every working day of the round's season (seasonStart to the last day of seasonPlan), each with its planned
 * filler reminder if any.
 */
export function roundSlots(round: Round, calendar: WorkdayCalendar): ReminderSlot[] {
  const plan = seasonPlan(round, calendar);
  if (!plan.length) return [];
  const byDate = new Map(plan.map((p) => [p.date, p]));
  const time = plan[0].at.slice(11, 16);
  const last = plan[plan.length - 1].date;
  const slots: ReminderSlot[] = [];
  // Bounded: from at most 250 working days before the deadline (plan-config) or December of the report year,
  // to at most 250 working days after it.
  for (let day = seasonStart(round, plan); day <= last; day = addDays(day, 1)) {
    if (!calendar.isWorkday(day)) continue;
    const planned = byDate.get(day);
    slots.push({ roundId: round.id, date: day, at: beijingTime(day, time), ...(planned ? { planned } : {}) });
  }
  return slots;
}

/** Working days strictly between two Beijing dates: how many full working days a report has waited. */
export function workdaysBetween(from: string, to: string, calendar: WorkdayCalendar): number {
  let n = 0;
  for (let day = addDays(from, 1); day < to; day = addDays(day, 1)) if (calendar.isWorkday(day)) n++;
  return n;
}
