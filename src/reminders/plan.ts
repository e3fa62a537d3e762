/**
 * When to remind people of a round's deadline. Pure: no clock, no I/O, so the scheduler can ask for the plan
 * of any deadline and the admin can preview it (`nianbao reminders plan`).
 *
 * Definition used throughout: "N working days before the deadline" is the N-th working day STRICTLY before
 * the deadline date, counting backwards. For 31 January 2025 (28 Jan – 4 Feb off, Sunday 26 Jan worked):
 * 1 before = Monday 27 Jan, 2 before = Sunday 26 Jan (a 调休 working day), 3 before = Friday 24 Jan.
 * "Overdue day N" is the N-th working day strictly after the deadline. The deadline itself does not move
 * when it falls on a holiday (条例 art. 49), so its own reminder is simply skipped on a day off.
 */
import { beijingTime, parseIsoDate } from './dates.js';
import { resolveReminderPlan, type ReminderPlanInput } from './plan-config.js';
import { CalendarError, type WorkdayCalendar } from './workdays.js';

/** One planned reminder. */
export interface PlannedReminder {
  /** send time, ISO 8601 with +08:00 */
  at: string;
  /** the Beijing calendar day it goes out, YYYY-MM-DD */
  date: string;
  kind: 'before' | 'deadline' | 'overdue';
  /** working days left before the deadline day: N for 'before', 0 for 'deadline' */
  workdaysLeft?: number;
  /** for 'overdue': 1 on the first working day after the deadline, 2 on the second, … */
  workdaysOverdue?: number;
}

/** What planReminders needs: the deadline, a working-day calendar and optionally the round's own plan. */
export interface PlanRequest {
  deadline: string;
  calendar: WorkdayCalendar;
  plan?: ReminderPlanInput;
}

/** The reminders of one round in send order; throws CalendarError or PlanConfigError on bad input. */
export function planReminders({ deadline, calendar, plan: input }: PlanRequest): PlannedReminder[] {
  if (!parseIsoDate(deadline)) throw new CalendarError(`截止日期「${deadline}」无效，请写成 YYYY-MM-DD`);
  const plan = resolveReminderPlan(input);
  const reminders: PlannedReminder[] = [];

  const before = new Set(plan.daysBefore);
  const furthest = Math.max(0, ...plan.daysBefore);
  let day = deadline;
  for (let n = 1; n <= furthest; n++) {
    day = calendar.previousWorkday(day);
    if (before.has(n))
      reminders.push({ at: beijingTime(day, plan.time), date: day, kind: 'before', workdaysLeft: n });
  }
  reminders.reverse();

  if (plan.onDeadlineDay && calendar.isWorkday(deadline))
    reminders.push({
      at: beijingTime(deadline, plan.time),
      date: deadline,
      kind: 'deadline',
      workdaysLeft: 0,
    });

  day = deadline;
  for (let n = 1; n <= plan.overdueDays; n++) {
    day = calendar.nextWorkday(day);
    reminders.push({ at: beijingTime(day, plan.time), date: day, kind: 'overdue', workdaysOverdue: n });
  }
  return reminders;
}

/** Years touched by the deadline and its reminders whose holidays the calendar does not know. */
export function yearsWithoutHolidayData(
  deadline: string,
  reminders: PlannedReminder[],
  calendar: WorkdayCalendar,
): number[] {
  const years = new Set([deadline, ...reminders.map((r) => r.date)].map((d) => Number(d.slice(0, 4))));
  return [...years].sort((a, b) => a - b).filter((year) => !calendar.knowsYear(year));
}
