/** When a person's next reminder of a round goes out, for the 进度 card. */
import dayjs from 'dayjs';
import type { Storage } from '../../storage/store.js';
import type { Round } from '../rounds/round.js';
import { reminderCalendar } from './calendar-config.js';
import { REMINDER_TIME_ZONE } from './dates.js';
import { reminderRecords } from './records.js';
import { roundSlots } from './slots.js';
import type { WorkdayCalendar } from './workdays.js';

const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * The next planned filler reminder after `now` (or the day a snooze ends, when that comes first and the person
 * snoozed), as ISO 8601; undefined when the season is over. A reminder is only sent if something is unfinished.
 */
export function nextReminderAt(
  round: Round,
  now: number,
  calendar: WorkdayCalendar,
  snoozedUntil?: string,
): string | undefined {
  for (const slot of roundSlots(round, calendar)) {
    if (Date.parse(slot.at) <= now) continue;
    if (snoozedUntil && slot.date < snoozedUntil) continue;
    if (slot.planned || slot.date === snoozedUntil) return slot.at;
  }
  return undefined;
}

/** 「1月24日（周五）09:30」 */
export function formatReminderTime(iso: string): string {
  const t = dayjs(iso).tz(REMINDER_TIME_ZONE);
  return `${t.format('M月D日')}（${WEEKDAY[t.day()]}）${t.format('HH:mm')}`;
}

/**
 * The 进度 card's line about reminders for `openId` in `round`: 「下次提醒：1月22日（周三）09:30」, or
 * undefined after the season. Reads the person's snooze; the calendar comes from the environment.
 */
export async function nextReminderLine(
  storage: Storage,
  round: Round,
  openId: string,
  now: number = Date.now(),
  calendar: WorkdayCalendar = reminderCalendar(),
): Promise<string | undefined> {
  if (round.closedAt) return undefined;
  try {
    const snoozed = (await reminderRecords(storage).snoozes(round.id)).get(openId);
    const at = nextReminderAt(round, now, calendar, snoozed);
    return at ? `下次提醒：${formatReminderTime(at)}（北京时间）` : undefined;
  } catch {
    // A round whose plan cannot be computed must not take the progress card down with it.
    return undefined;
  }
}
