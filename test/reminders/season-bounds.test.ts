/**
 * Where a round's reminder season begins and ends: 催办 needs working days long before the plan's first filler
 * reminder, and the default plan keeps reminding every working day while overdue (60 working days at most),
 * while previews still list the first 5 overdue days.
 */
import { roundPlan, roundSlots } from '../../src/reminders/slots.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { ROUND_A, ROUND_B } from './season-fixture.js';

const calendar = createWorkdayCalendar();

describe('the season of a round', () => {
  it('runs from December of the report year to the 60th working day after the deadline by default', () => {
    const slots = roundSlots(ROUND_A, calendar);
    // Sunday 1 December 2024 is no working day.
    expect(slots[0]).toEqual({ roundId: 'r2024a', date: '2024-12-02', at: '2024-12-02T09:30:00+08:00' });
    const last = slots.at(-1)!;
    expect(last.date).toBe('2025-04-28');
    expect(last.planned).toMatchObject({ kind: 'overdue', workdaysOverdue: 60 });
    const overdue = slots.filter((s) => s.planned?.kind === 'overdue');
    expect(overdue).toHaveLength(60);
    expect(overdue[5]).toMatchObject({ date: '2025-02-11', planned: { workdaysOverdue: 6 } });
    // Sunday 27 April is the May Day holiday's 调休 working day.
    expect(slots.find((s) => s.date === '2025-04-27')?.planned?.workdaysOverdue).toBe(59);
    expect(slots.some((s) => s.date === '2025-04-26' || s.date === '2025-02-09')).toBe(false);
  });

  it('stops after the overdue days a round sets itself', () => {
    const slots = roundSlots(ROUND_B, calendar);
    expect(slots[0].date).toBe('2024-12-02');
    expect(slots.at(-1)).toMatchObject({
      date: '2025-01-03',
      planned: { kind: 'overdue', workdaysOverdue: 2 },
    });
  });

  it('previews still list the first 5 overdue days of the default plan', () => {
    const overdue = roundPlan(ROUND_A, calendar).filter((r) => r.kind === 'overdue');
    expect(overdue.map((r) => r.date)).toEqual([
      '2025-02-05',
      '2025-02-06',
      '2025-02-07',
      '2025-02-08',
      '2025-02-10',
    ]);
  });
});
