/**
 * The working-day calendar against the State Council's published arrangements (written out by hand here,
 * not read from the package), and the admin's overrides for years the package does not know.
 */
import { CalendarError, createWorkdayCalendar } from '../../src/reminders/workdays.js';

/** Every day from `from` to `to` (inclusive) whose isWorkday differs from the expectation. */
function mismatches(
  calendar: ReturnType<typeof createWorkdayCalendar>,
  from: string,
  to: string,
  expectedOff: Set<string>,
): string[] {
  const wrong: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (calendar.isWorkday(date) === expectedOff.has(date)) wrong.push(date);
  }
  return wrong;
}

describe('createWorkdayCalendar with the package data', () => {
  const calendar = createWorkdayCalendar();

  it('knows the 2025 Spring Festival: 28 Jan – 4 Feb off, Sunday 26 Jan and Saturday 8 Feb worked', () => {
    // 国办发明电〔2024〕12号: weekends off except the two 调休 days.
    const off = new Set([
      '2025-01-18', '2025-01-19', '2025-01-25',
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
      '2025-02-09', '2025-02-15', '2025-02-16',
    ]); // prettier-ignore
    expect(mismatches(calendar, '2025-01-15', '2025-02-16', off)).toEqual([]);
  });

  it('knows the 2026 Spring Festival: 15–23 Feb off, Saturdays 14 and 28 Feb worked', () => {
    const off = new Set([
      '2026-02-07', '2026-02-08',
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19',
      '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
      '2026-03-01',
    ]); // prettier-ignore
    expect(mismatches(calendar, '2026-02-02', '2026-03-02', off)).toEqual([]);
  });

  it('knows 2025 and 2026 but not a year nobody has published yet', () => {
    expect(calendar.knowsYear(2025)).toBe(true);
    expect(calendar.knowsYear(2026)).toBe(true);
    expect(calendar.knowsYear(2031)).toBe(false);
  });

  it('steps over the holiday to the next and previous working day', () => {
    expect(calendar.previousWorkday('2025-01-31')).toBe('2025-01-27');
    expect(calendar.previousWorkday('2025-01-27')).toBe('2025-01-26');
    expect(calendar.nextWorkday('2025-01-31')).toBe('2025-02-05');
    expect(calendar.nextWorkday('2025-02-07')).toBe('2025-02-08');
  });

  it('refuses a date that does not exist', () => {
    expect(() => calendar.isWorkday('2025-02-29')).toThrow(CalendarError);
    expect(() => calendar.isWorkday('2025/01/31')).toThrow('YYYY-MM-DD');
  });
});

describe('createWorkdayCalendar for a year the package does not know', () => {
  it('falls back to Monday–Friday', () => {
    const calendar = createWorkdayCalendar();
    // 2031-01-01 is a Wednesday, 2031-01-04 a Saturday.
    expect(calendar.isWorkday('2031-01-01')).toBe(true);
    expect(calendar.isWorkday('2031-01-04')).toBe(false);
    expect(calendar.isWorkday('2031-01-05')).toBe(false);
    expect(calendar.nextWorkday('2031-01-03')).toBe('2031-01-06');
  });

  it('takes the holidays and 调休 days the admin adds, and then knows the year', () => {
    const calendar = createWorkdayCalendar({
      holidays: ['2031-01-01', '2031-01-02', '2031-01-03'],
      workdays: ['2031-01-04'],
    });
    expect(calendar.knowsYear(2031)).toBe(true);
    expect(calendar.knowsYear(2032)).toBe(false);
    expect(calendar.isWorkday('2031-01-02')).toBe(false);
    expect(calendar.isWorkday('2031-01-04')).toBe(true);
    expect(calendar.nextWorkday('2030-12-31')).toBe('2031-01-04');
    expect(calendar.previousWorkday('2031-01-06')).toBe('2031-01-04');
  });

  it('lets the admin correct a year the package knows', () => {
    const calendar = createWorkdayCalendar({ holidays: ['2025-01-27'], workdays: ['2025-02-04'] });
    expect(calendar.isWorkday('2025-01-27')).toBe(false);
    expect(calendar.isWorkday('2025-02-04')).toBe(true);
    expect(calendar.previousWorkday('2025-01-31')).toBe('2025-01-26');
  });

  it('rejects a bad or contradictory override with a message for the admin', () => {
    expect(() => createWorkdayCalendar({ holidays: ['2031-13-01'] })).toThrow('补充节假日「2031-13-01」');
    expect(() => createWorkdayCalendar({ workdays: ['2031-01-04'], holidays: ['2031-01-04'] })).toThrow(
      '同时被设为工作日和节假日',
    );
  });

  it('stops instead of searching forever when the admin made a whole year a holiday', () => {
    const holidays: string[] = [];
    for (let t = Date.parse('2031-01-01T00:00:00Z'); t < Date.parse('2032-01-10T00:00:00Z'); t += 86_400_000)
      holidays.push(new Date(t).toISOString().slice(0, 10));
    const calendar = createWorkdayCalendar({ holidays });
    expect(() => calendar.nextWorkday('2030-12-31')).toThrow(CalendarError);
  });
});
