/**
 * Chinese working days: statutory holidays and 调休 make-up days from the `chinese-days` package, corrected
 * or extended by the admin. The State Council publishes next year's holidays in November or December, often
 * after the package's last release, so for a year nobody has told us about we fall back to Monday–Friday
 * and say so (knowsYear false) instead of guessing silently.
 */
import { createRequire } from 'node:module';
import { addDays, isoWeekday, parseIsoDate } from './dates.js';

/** Days the admin adds on top of the package (they win over it). */
export interface WorkdayOverrides {
  /** days worked although the package (or the weekend) says otherwise, e.g. a 调休 Saturday */
  workdays?: string[];
  /** days off although the package (or Monday–Friday) says otherwise, e.g. a newly announced holiday */
  holidays?: string[];
}

/** Answers "is this a working day?" for dates written YYYY-MM-DD (Beijing calendar dates). */
export interface WorkdayCalendar {
  isWorkday(date: string): boolean;
  /** false when neither the package nor the admin knows that year's holidays: only weekends are respected */
  knowsYear(year: number): boolean;
  /** the first working day strictly after `date` */
  nextWorkday(date: string): string;
  /** the last working day strictly before `date` */
  previousWorkday(date: string): string;
}

/** A date or an override the calendar cannot use; the message is meant for the admin. */
export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarError';
  }
}

/** The package's published data file: date → "English name,中文名,n" for days off and 调休 days worked. */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// We read the package's documented JSON rather than call its functions: those parse dates in the host's
// time zone and answer for the previous day on a server west of UTC (seen with TZ=America/Los_Angeles).
const packageData = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
const packageYears = new Set(Object.keys(packageData.holidays).map((date) => Number(date.slice(0, 4))));

/** Whether the installed package carries the State Council's arrangement for `year`. */
export function packageKnowsYear(year: number): boolean {
  // Every published arrangement has at least 元旦, so a year without holidays is a year not in the data.
  return packageYears.has(year);
}

function checkOverrides(overrides: WorkdayOverrides): { workdays: Set<string>; holidays: Set<string> } {
  const workdays = new Set<string>();
  const holidays = new Set<string>();
  for (const [list, target, label] of [
    [overrides.workdays ?? [], workdays, '补充工作日'],
    [overrides.holidays ?? [], holidays, '补充节假日'],
  ] as const) {
    for (const date of list) {
      if (!parseIsoDate(date)) throw new CalendarError(`${label}「${date}」不是有效日期，请写成 YYYY-MM-DD`);
      target.add(date);
    }
  }
  for (const date of workdays)
    if (holidays.has(date)) throw new CalendarError(`${date} 同时被设为工作日和节假日，请只保留一个`);
  return { workdays, holidays };
}

// A whole year without a working day can only be a typo in the overrides; stop instead of looping forever.
const MAX_SEARCH_DAYS = 366;

/** Builds the calendar; admin overrides win over the package, unknown years fall back to Monday–Friday. */
export function createWorkdayCalendar(overrides: WorkdayOverrides = {}): WorkdayCalendar {
  const { workdays, holidays } = checkOverrides(overrides);
  const adminYears = new Set([...workdays, ...holidays].map((d) => Number(d.slice(0, 4))));

  const isWorkday = (date: string): boolean => {
    const parsed = parseIsoDate(date);
    if (!parsed) throw new CalendarError(`「${date}」不是有效日期，请写成 YYYY-MM-DD`);
    if (workdays.has(date)) return true;
    if (holidays.has(date)) return false;
    if (packageKnowsYear(parsed.year)) {
      if (Object.hasOwn(packageData.workdays, date)) return true;
      if (Object.hasOwn(packageData.holidays, date)) return false;
    }
    const weekday = isoWeekday(date);
    return weekday >= 1 && weekday <= 5;
  };

  const step = (date: string, delta: 1 | -1): string => {
    let day = date;
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      day = addDays(day, delta);
      if (isWorkday(day)) return day;
    }
    throw new CalendarError(`${date} ${delta > 0 ? '之后' : '之前'}一年内没有工作日，请检查补充节假日设置`);
  };

  return {
    isWorkday,
    knowsYear: (year) => packageKnowsYear(year) || adminYears.has(year),
    nextWorkday: (date) => step(date, 1),
    previousWorkday: (date) => step(date, -1),
  };
}
