/**
 * Calendar dates as plain YYYY-MM-DD strings. Deadlines and holidays are Beijing calendar days, not instants,
 * so the arithmetic runs in UTC where no daylight saving or host time zone can shift a day.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every reminder goes out on Beijing time, whatever the server's own zone. */
export const REMINDER_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Splits a YYYY-MM-DD date; null when it is malformed or does not exist (2025-02-30). */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day)
    return null;
  return { year, month, day };
}

/** True for a 24-hour HH:mm clock time such as 09:30. */
export function isClockTime(text: string): boolean {
  return CLOCK.test(text);
}

/** The date `days` calendar days after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  // Plain UTC arithmetic: a season's slots walk thousands of days per plan, dayjs was the hot spot.
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/** `date` at `time` Beijing time, as ISO 8601 with its +08:00 offset. */
export function beijingTime(date: string, time: string): string {
  // China has kept UTC+8 without daylight saving since 1991, so the offset is fixed (and dayjs.tz is slow).
  return `${date}T${time}:00+08:00`;
}
