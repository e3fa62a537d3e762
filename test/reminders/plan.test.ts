/**
 * Reminder plans for real deadlines. Expected dates are worked out by hand from the State Council's
 * arrangements (2025: 28 Jan – 4 Feb off, Sunday 26 Jan and Saturday 8 Feb worked; 2026: 1–3 Jan off,
 * Sunday 4 Jan worked; 15–23 Feb off, Saturdays 14 and 28 Feb worked).
 */
import { PlanConfigError } from '../../src/reminders/plan-config.js';
import { planReminders, yearsWithoutHolidayData } from '../../src/reminders/plan.js';
import { CalendarError, createWorkdayCalendar } from '../../src/reminders/workdays.js';

const calendar = createWorkdayCalendar();
const at = (date: string, time = '09:30') => `${date}T${time}:00+08:00`;

describe('planReminders, default plan', () => {
  it('plans around the 2025 Spring Festival, counting Sunday 26 Jan and Saturday 8 Feb as working days', () => {
    const plan = planReminders({ deadline: '2025-01-31', calendar });
    expect(plan).toEqual([
      { at: at('2025-01-15'), date: '2025-01-15', kind: 'before', workdaysLeft: 10 },
      { at: at('2025-01-22'), date: '2025-01-22', kind: 'before', workdaysLeft: 5 },
      { at: at('2025-01-24'), date: '2025-01-24', kind: 'before', workdaysLeft: 3 },
      { at: at('2025-01-26'), date: '2025-01-26', kind: 'before', workdaysLeft: 2 },
      { at: at('2025-01-27'), date: '2025-01-27', kind: 'before', workdaysLeft: 1 },
      // 31 Jan is inside the holiday: no deadline-day reminder; overdue starts on Wednesday 5 Feb.
      { at: at('2025-02-05'), date: '2025-02-05', kind: 'overdue', workdaysOverdue: 1 },
      { at: at('2025-02-06'), date: '2025-02-06', kind: 'overdue', workdaysOverdue: 2 },
      { at: at('2025-02-07'), date: '2025-02-07', kind: 'overdue', workdaysOverdue: 3 },
      { at: at('2025-02-08'), date: '2025-02-08', kind: 'overdue', workdaysOverdue: 4 },
      { at: at('2025-02-10'), date: '2025-02-10', kind: 'overdue', workdaysOverdue: 5 },
    ]);
  });

  it('skips the deadline-day reminder when the deadline is a Saturday (31 January 2026)', () => {
    const plan = planReminders({ deadline: '2026-01-31', calendar });
    expect(plan.map((r) => r.at)).toEqual(
      [
        '2026-01-19', '2026-01-26', '2026-01-28', '2026-01-29', '2026-01-30',
        '2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06',
      ].map((d) => at(d)),
    ); // prettier-ignore
    expect(plan.some((r) => r.kind === 'deadline')).toBe(false);
  });

  it('reminds on the deadline day itself when it is a working day', () => {
    const plan = planReminders({ deadline: '2026-01-30', calendar });
    expect(plan.filter((r) => r.kind === 'deadline')).toEqual([
      { at: at('2026-01-30'), date: '2026-01-30', kind: 'deadline', workdaysLeft: 0 },
    ]);
    expect(plan.find((r) => r.workdaysLeft === 1)?.date).toBe('2026-01-29');
  });

  it('counts the 调休 Sunday 4 January 2026 as the last working day before a Monday deadline', () => {
    const plan = planReminders({ deadline: '2026-01-05', calendar });
    const before = plan.filter((r) => r.kind === 'before').map((r) => [r.workdaysLeft, r.date]);
    // 1–3 Jan off (元旦), 4 Jan worked; 27/28 Dec 2025 a plain weekend.
    expect(before).toEqual([
      [10, '2025-12-19'],
      [5, '2025-12-26'],
      [3, '2025-12-30'],
      [2, '2025-12-31'],
      [1, '2026-01-04'],
    ]);
  });

  it('keeps reminding across the 2026 Spring Festival on the 调休 Saturday 14 Feb', () => {
    const overdue = planReminders({ deadline: '2026-02-13', calendar }).filter((r) => r.kind === 'overdue');
    expect(overdue.map((r) => r.date)).toEqual([
      '2026-02-14',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
    ]);
  });

  it('sends in time order, every time at 09:30 Beijing time', () => {
    const plan = planReminders({ deadline: '2025-01-31', calendar });
    const instants = plan.map((r) => Date.parse(r.at));
    expect([...instants].sort((a, b) => a - b)).toEqual(instants);
    expect(new Date(instants[0]).toISOString()).toBe('2025-01-15T01:30:00.000Z');
  });
});

describe('planReminders, a round with its own plan', () => {
  it('uses the days, time and overdue count the round asks for', () => {
    const plan = planReminders({
      deadline: '2025-01-31',
      calendar,
      plan: { daysBefore: [1, 3, 3], overdueDays: 2, time: '14:00' },
    });
    expect(plan.map((r) => `${r.kind} ${r.at}`)).toEqual([
      `before ${at('2025-01-24', '14:00')}`,
      `before ${at('2025-01-27', '14:00')}`,
      `overdue ${at('2025-02-05', '14:00')}`,
      `overdue ${at('2025-02-06', '14:00')}`,
    ]);
  });

  it('can leave out the deadline day and the overdue reminders', () => {
    const plan = planReminders({
      deadline: '2026-01-30',
      calendar,
      plan: { daysBefore: [], onDeadlineDay: false, overdueDays: 0 },
    });
    expect(plan).toEqual([]);
  });

  it('gives the scheduler more overdue working days when it asks', () => {
    const plan = planReminders({ deadline: '2025-01-31', calendar, plan: { overdueDays: 20 } });
    const overdue = plan.filter((r) => r.kind === 'overdue');
    expect(overdue).toHaveLength(20);
    expect(overdue[19]).toMatchObject({ date: '2025-03-03', workdaysOverdue: 20 });
  });

  it('refuses a plan that makes no sense, in Chinese', () => {
    expect(() => planReminders({ deadline: '2025-01-31', calendar, plan: { time: '9:30' } })).toThrow(
      PlanConfigError,
    );
    expect(() => planReminders({ deadline: '2025-01-31', calendar, plan: { daysBefore: [0] } })).toThrow(
      '提前天数至少为 1 个工作日',
    );
    expect(() => planReminders({ deadline: '2025-13-01', calendar })).toThrow(CalendarError);
  });
});

describe('planReminders for a year the package does not know', () => {
  it('plans Monday–Friday and reports the unknown year', () => {
    const plain = createWorkdayCalendar();
    const plan = planReminders({ deadline: '2031-01-31', calendar: plain });
    // 2031-01-31 is a Friday.
    expect(plan.filter((r) => r.kind === 'before').map((r) => r.date)).toEqual([
      '2031-01-17',
      '2031-01-24',
      '2031-01-28',
      '2031-01-29',
      '2031-01-30',
    ]);
    expect(plan.find((r) => r.kind === 'deadline')?.date).toBe('2031-01-31');
    expect(yearsWithoutHolidayData('2031-01-31', plan, plain)).toEqual([2031]);
  });

  it('follows the holidays and 调休 days the admin added', () => {
    // A made-up arrangement: 27 Jan – 2 Feb 2031 off, Saturday 25 Jan and Saturday 8 Feb worked.
    const holidays = ['2031-01-27', '2031-01-28', '2031-01-29', '2031-01-30', '2031-01-31', '2031-02-03'];
    const admin = createWorkdayCalendar({ holidays, workdays: ['2031-01-25', '2031-02-08'] });
    const plan = planReminders({ deadline: '2031-01-31', calendar: admin });
    expect(plan.map((r) => `${r.kind} ${r.date}`)).toEqual([
      'before 2031-01-14',
      'before 2031-01-21',
      'before 2031-01-23',
      'before 2031-01-24',
      'before 2031-01-25',
      'overdue 2031-02-04',
      'overdue 2031-02-05',
      'overdue 2031-02-06',
      'overdue 2031-02-07',
      'overdue 2031-02-08',
    ]);
    expect(yearsWithoutHolidayData('2031-01-31', plan, admin)).toEqual([]);
  });

  it('names only the unknown years when a plan spans the turn of the year', () => {
    const plan = planReminders({ deadline: '2027-01-05', calendar });
    expect(plan[0].date.startsWith('2026-12')).toBe(true);
    expect(yearsWithoutHolidayData('2027-01-05', plan, calendar)).toEqual([2027]);
  });
});
