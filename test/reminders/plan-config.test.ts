/**
 * A round's stored reminder settings: what the admin may write, and the Chinese message when it is wrong.
 */
import {
  calendarOverridesSchema,
  PlanConfigError,
  resolveReminderPlan,
  roundRemindersSchema,
} from '../../src/reminders/plan-config.js';

describe('resolveReminderPlan', () => {
  it('gives the issue #6 default when the round stores nothing', () => {
    expect(resolveReminderPlan()).toEqual({
      daysBefore: [10, 5, 3, 2, 1],
      onDeadlineDay: true,
      overdueDays: 5,
      time: '09:30',
    });
  });

  it('keeps what the round changed and fills in the rest', () => {
    expect(resolveReminderPlan({ daysBefore: [2, 7, 2], time: '08:00' })).toEqual({
      daysBefore: [7, 2],
      onDeadlineDay: true,
      overdueDays: 5,
      time: '08:00',
    });
  });

  it('lists every problem in Chinese', () => {
    let error: unknown;
    try {
      resolveReminderPlan({ daysBefore: [1.5], overdueDays: -1, time: '25:00' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanConfigError);
    expect((error as PlanConfigError).problems).toEqual([
      '提前天数必须是整数',
      '逾期提醒天数不能为负数',
      '提醒时间应写成 24 小时制 HH:mm，例如 09:30',
    ]);
  });

  it('refuses a field it does not know instead of ignoring a typo', () => {
    expect(() => resolveReminderPlan({ overdue: 3 })).toThrow(PlanConfigError);
  });
});

describe('roundRemindersSchema and calendarOverridesSchema', () => {
  it('accepts a round with a deadline and its own plan', () => {
    const round = roundRemindersSchema.parse({ deadline: '2026-01-31', plan: { overdueDays: 10 } });
    expect(round.plan?.overdueDays).toBe(10);
  });

  it('refuses a deadline that is not a real date', () => {
    const result = roundRemindersSchema.safeParse({ deadline: '2026-02-30' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('日期应写成 YYYY-MM-DD，例如 2025-01-31');
  });

  it('checks the admin-added days', () => {
    expect(calendarOverridesSchema.safeParse({ holidays: ['2027-02-06'], workdays: [] }).success).toBe(true);
    expect(calendarOverridesSchema.safeParse({ holidays: ['2027-2-6'] }).success).toBe(false);
  });
});
