/**
 * Where a round's deadline stands on a given moment, in Chinese working days, counted as the reminders count
 * them (plan.ts): before it, the working days from today up to the deadline day (today included when it is
 * one); on the deadline day, today; after it, the working days since (the N-th working day after the deadline
 * is overdue day N, as on the overdue reminders).
 */
import { addDays } from './dates.js';
import { beijingDate, workdaysBetween } from './slots.js';
import type { WorkdayCalendar } from './workdays.js';

export type DeadlineStanding =
  { kind: 'left'; workdays: number } | { kind: 'today' } | { kind: 'overdue'; workdays: number };

/** Where `deadline` (ISO with offset) stands at `now` (ms). */
export function deadlineStanding(deadline: string, now: number, calendar: WorkdayCalendar): DeadlineStanding {
  const due = Date.parse(deadline);
  const day = beijingDate(due);
  const today = beijingDate(now);
  if (now > due)
    // Working days in (deadline day, today]: strictly between the deadline day and tomorrow.
    return { kind: 'overdue', workdays: workdaysBetween(day, addDays(today, 1), calendar) };
  if (today === day) return { kind: 'today' };
  // Working days in [today, deadline day): strictly between yesterday and the deadline day.
  return { kind: 'left', workdays: workdaysBetween(addDays(today, -1), day, calendar) };
}
