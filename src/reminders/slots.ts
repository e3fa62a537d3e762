/**
 * The daily send slots of a round. Reminders to fillers follow the round's plan (plan.ts), but a report waiting
 * for approval or a snoozed person may need a card on any working day in between, so the scheduler wakes on
 * every working day of the season, at the plan's time, and asks who is owed something that day.
 */
import type { Round } from '../rounds/round.js';
import { addDays, beijingTime } from './dates.js';
import type { ReminderPlanInput } from './plan-config.js';
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
  return (round as Round & { reminders?: { plan?: ReminderPlanInput } }).reminders?.plan;
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

/** The planned reminders of a round (its own plan or the default). */
export function roundPlan(round: Round, calendar: WorkdayCalendar): PlannedReminder[] {
  return planReminders({ deadline: deadlineDateOf(round), calendar, plan: planInputOf(round) });
}

/** Every working day from the first planned reminder to the last, each with its planned reminder if any. */
export function roundSlots(round: Round, calendar: WorkdayCalendar): ReminderSlot[] {
  const plan = roundPlan(round, calendar);
  if (!plan.length) return [];
  const byDate = new Map(plan.map((p) => [p.date, p]));
  const time = plan[0].at.slice(11, 16);
  const last = plan[plan.length - 1].date;
  const slots: ReminderSlot[] = [];
  // Bounded by the plan: at most a year of working days (plan-config caps every count).
  for (let day = plan[0].date; day <= last; day = addDays(day, 1)) {
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
