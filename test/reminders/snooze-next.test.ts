/** 明天再提醒我 in storage, the next reminder time shown on 进度, and the admin's calendar corrections. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calendarFromEnv } from '../../src/reminders/calendar-config.js';
import { formatReminderTime, nextReminderAt } from '../../src/reminders/next.js';
import { PlanConfigError } from '../../src/reminders/plan-config.js';
import { reminderRecords } from '../../src/reminders/records.js';
import { snoozeReminder } from '../../src/reminders/snooze.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { bj, P, ROUND_A, ROUND_B, saveRounds } from './season-fixture.js';

const calendar = createWorkdayCalendar();

describe('snoozeReminder', () => {
  let dir: string;
  let storage: LowdbStorage;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-snooze-'));
    storage = new LowdbStorage(dir);
    await saveRounds(storage, [ROUND_A, ROUND_B]);
  });
  afterAll(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  const value = (round: string, unit: string) => ({
    action: 'snooze_reminder',
    round_id: round,
    unit_id: unit,
  });

  it('records the next working day and the round’s own time', async () => {
    const friday = await snoozeReminder(
      storage,
      P.li.open_id,
      value('r2024a', 'u2'),
      bj('2025-01-24T10:00'),
      calendar,
    );
    expect(friday).toEqual({ ok: true, until: '2025-01-26', at: '2025-01-26T09:30:00+08:00' });
    const county = await snoozeReminder(
      storage,
      P.liu.open_id,
      value('r2024b', 'v1'),
      bj('2024-12-31T23:00'),
      calendar,
    );
    expect(county).toEqual({ ok: true, until: '2025-01-02', at: '2025-01-02T10:00:00+08:00' });
    expect(await reminderRecords(storage).snoozes('r2024a')).toEqual(new Map([[P.li.open_id, '2025-01-26']]));
  });

  it('refuses a card of a round the person has nothing to do with, or a broken value', async () => {
    const stranger = await snoozeReminder(
      storage,
      P.liu.open_id,
      value('r2024a', 'u2'),
      bj('2025-01-24T10:00'),
      calendar,
    );
    expect(stranger).toEqual({ ok: false, message: '这份年报已不在你的待办中。' });
    const broken = await snoozeReminder(storage, P.li.open_id, { action: 'snooze_reminder' }, 0, calendar);
    expect(broken.ok).toBe(false);
    expect(await reminderRecords(storage).snoozes('r2024a')).toEqual(new Map([[P.li.open_id, '2025-01-26']]));
  });
});

describe('nextReminderAt', () => {
  it('gives the next planned reminder, or the day a snooze ends, and nothing after the season', () => {
    expect(nextReminderAt(ROUND_A, bj('2025-01-15T10:00'), calendar)).toBe('2025-01-22T09:30:00+08:00');
    expect(nextReminderAt(ROUND_A, bj('2025-01-15T10:00'), calendar, '2025-01-16')).toBe(
      '2025-01-16T09:30:00+08:00',
    );
    expect(nextReminderAt(ROUND_A, bj('2025-01-27T10:00'), calendar)).toBe('2025-02-05T09:30:00+08:00');
    // The default plan reminds every working day while overdue, up to 60 working days: Monday 28 April.
    expect(nextReminderAt(ROUND_A, bj('2025-02-10T09:30'), calendar)).toBe('2025-02-11T09:30:00+08:00');
    expect(nextReminderAt(ROUND_A, bj('2025-04-25T10:00'), calendar)).toBe('2025-04-27T09:30:00+08:00');
    expect(nextReminderAt(ROUND_A, bj('2025-04-28T09:30'), calendar)).toBeUndefined();
    // A round that sets its overdue days itself stops after them (2 January and 3 January).
    expect(nextReminderAt(ROUND_B, bj('2025-01-02T10:00'), calendar)).toBe('2025-01-03T10:00:00+08:00');
    expect(nextReminderAt(ROUND_B, bj('2025-01-03T10:00'), calendar)).toBeUndefined();
    expect(formatReminderTime('2025-01-26T09:30:00+08:00')).toBe('1月26日（周日）09:30');
  });
});

describe('calendarFromEnv', () => {
  it('adds the admin’s working days and holidays for a year the package does not know', () => {
    const cal = calendarFromEnv({
      REMINDER_WORKDAYS: '2031-02-08, 2031-02-09',
      REMINDER_HOLIDAYS: '2031-02-10',
    });
    expect(cal.isWorkday('2031-02-08')).toBe(true); // a Saturday
    expect(cal.isWorkday('2031-02-10')).toBe(false); // a Monday
    expect(cal.knowsYear(2031)).toBe(true);
  });

  it('stops with a Chinese message on a date it cannot read', () => {
    expect(() => calendarFromEnv({ REMINDER_HOLIDAYS: '2031-02-30' })).toThrow(PlanConfigError);
    expect(() => calendarFromEnv({ REMINDER_HOLIDAYS: '2031-02-30' })).toThrow(/YYYY-MM-DD/);
  });
});
