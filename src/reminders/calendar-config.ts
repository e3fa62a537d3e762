/**
 * The working-day calendar the bot uses: the chinese-days package plus the admin's corrections, given as
 * environment variables because the State Council announces next year's holidays after the package may have
 * been released: REMINDER_WORKDAYS=2027-02-20,2027-02-21 and REMINDER_HOLIDAYS=2027-02-10,… (YYYY-MM-DD).
 */
import { calendarOverridesSchema, PlanConfigError } from './plan-config.js';
import { createWorkdayCalendar, type WorkdayCalendar } from './workdays.js';

const list = (v: string | undefined) =>
  (v ?? '')
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The calendar from REMINDER_WORKDAYS / REMINDER_HOLIDAYS; throws PlanConfigError (Chinese) on a bad date. */
export function calendarFromEnv(env: Record<string, string | undefined> = process.env): WorkdayCalendar {
  const parsed = calendarOverridesSchema.safeParse({
    workdays: list(env.REMINDER_WORKDAYS),
    holidays: list(env.REMINDER_HOLIDAYS),
  });
  if (!parsed.success)
    throw new PlanConfigError(
      parsed.error.issues.map((i) => `REMINDER_WORKDAYS/REMINDER_HOLIDAYS：${i.message}`),
    );
  return createWorkdayCalendar(parsed.data);
}

let shared: WorkdayCalendar | undefined;

/** The process's calendar, built once from the environment. */
export function reminderCalendar(): WorkdayCalendar {
  return (shared ??= calendarFromEnv());
}
