/**
 * 催办 decided without storage or clock: who on a unit owes something now (and only they are reminded), the same
 * keys the scheduler uses for the day (so a person hears once a day, whoever sends it), and where the deadline
 * stands in working days on the Chinese calendar.
 */
import { overLimits } from '../../cards/parts/limits.js';
import { reminderCard } from '../../cards/reminder-card.js';
import { validateCard } from '../../src/emulator/card-validation.js';
import type { SectionState } from '../../src/filling/progress.js';
import type { SectionId } from '../../src/report/template.js';
import type { UnitFacts } from '../../src/reminders/audience.js';
import { deadlineStanding } from '../../src/reminders/deadline-standing.js';
import { urgeReminders } from '../../src/reminders/urge.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { bj, nameOf, P, ROUND_A } from './season-fixture.js';

const calendar = createWorkdayCalendar();
const ALL: SectionId[] = ['s1', 's2', 's3', 's4', 's5', 's6'];
const states = (done: SectionId[], other: SectionState = 'not_started') =>
  Object.fromEntries(ALL.map((s) => [s, done.includes(s) ? 'complete' : other])) as Record<
    SectionId,
    SectionState
  >;
const unit = (id: string) => ROUND_A.units.find((u) => u.id === id)!;
const urge = (facts: UnitFacts, at = bj('2025-01-20T15:00')) =>
  urgeReminders({ round: ROUND_A, facts, now: at, calendar, by: '赵磊' });
const who = (facts: UnitFacts) => urge(facts).map((r) => `${r.kind} ${nameOf(r.to)}`);

describe('deadlineStanding (31 January 2025, inside the Spring Festival holiday)', () => {
  const standing = (local: string) => deadlineStanding(ROUND_A.deadline, bj(local), calendar);

  it('counts the working days left from today to the deadline day, 调休 Sunday included', () => {
    // 20–24 January, Sunday 26 (调休) and Monday 27; 28 January – 4 February are off.
    expect(standing('2025-01-20T10:00')).toEqual({ kind: 'left', workdays: 7 });
    expect(standing('2025-01-27T18:00')).toEqual({ kind: 'left', workdays: 1 });
    expect(standing('2025-01-29T10:00')).toEqual({ kind: 'left', workdays: 0 });
    expect(standing('2025-01-31T10:00')).toEqual({ kind: 'today' });
  });

  it('counts overdue working days after the deadline as the overdue reminders do', () => {
    expect(standing('2025-02-02T10:00')).toEqual({ kind: 'overdue', workdays: 0 });
    // 5, 6, 7 February are the first three working days after it.
    expect(standing('2025-02-07T10:00')).toEqual({ kind: 'overdue', workdays: 3 });
  });
});

describe('urgeReminders', () => {
  it('reminds only the fillers with unfinished sections, naming them, under the scheduler’s key of the day', () => {
    const facts: UnitFacts = {
      unit: unit('u2'),
      sections: states(['s1', 's2', 's3'], 'in_progress'),
      approved: false,
    };
    const [r, ...rest] = urge(facts);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      kind: 'fill',
      to: P.li.open_id,
      key: `r2024a/2025-01-20/fill/u2/${P.li.open_id}`,
      reason: 'urged',
      urgedBy: '赵磊',
      workdaysLeft: 7,
      sections: [{ id: 's4' }, { id: 's5' }, { id: 's6' }],
    });
  });

  it('a report waiting for approval reminds its approver only, with the working days waited', () => {
    const facts: UnitFacts = {
      unit: unit('u1'),
      sections: states(ALL),
      approved: false,
      waiting: { approver: P.wang.open_id, since: '2025-01-15T10:00:00+08:00', submission: 1, step: 0 },
    };
    expect(who(facts)).toEqual(['approve 王芳']);
    // 16 and 17 January lie strictly between the 15th and the 20th: the same count the 催办 card shows.
    expect(urge(facts)[0]).toMatchObject({ waitedWorkdays: 2, submission: 1, step: 0, urgedBy: '赵磊' });
  });

  it('an approved report reminds nobody; a finished one not yet submitted reminds its fillers to submit', () => {
    expect(who({ unit: unit('u1'), sections: states(ALL), approved: true })).toEqual([]);
    const ready = urge({ unit: unit('u1'), sections: states(ALL), approved: false });
    expect(
      ready.map((r) => `${r.kind} ${nameOf(r.to)} ${r.kind === 'fill' ? r.sections.length : ''}`),
    ).toEqual(['fill 张敏 0', 'fill 李强 0']);
  });

  it('after a rejection only the fillers of the sections sent back are reminded', () => {
    const facts: UnitFacts = { unit: unit('u1'), sections: states(ALL), approved: false, reopened: ['s5'] };
    const [r, ...rest] = urge(facts);
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ to: P.li.open_id, sections: [{ id: 's5', state: 'reopened' }] });
  });

  it('overdue: the fill reminder says how many working days', () => {
    const facts: UnitFacts = { unit: unit('u2'), sections: states([]), approved: false };
    const r = urge(facts, bj('2025-02-07T10:00'));
    expect(r.map((x) => (x.kind === 'fill' ? x.workdaysOverdue : undefined))).toEqual([3, 3]);
  });
});

describe('the cards a 催办 sends', () => {
  const cards = (facts: UnitFacts) => urge(facts).map((r) => reminderCard(r));
  const text = (facts: UnitFacts) => JSON.stringify(cards(facts));

  it('say who asked, and are valid cards', () => {
    const filling: UnitFacts = { unit: unit('u2'), sections: states(['s1']), approved: false };
    const ready: UnitFacts = { unit: unit('u1'), sections: states(ALL), approved: false };
    const waiting: UnitFacts = {
      ...ready,
      waiting: { approver: P.wang.open_id, since: '2025-01-20T10:00:00+08:00', submission: 1, step: 0 },
    };
    for (const c of [...cards(filling), ...cards(ready), ...cards(waiting)]) {
      expect(validateCard(c)).toBeNull();
      expect(overLimits(c)).toBeUndefined();
      expect(JSON.stringify(c)).toContain('赵磊（管理员）催办');
    }
    // No 「明天再提醒我」 on what an admin asked for today; a finished report is asked to be submitted.
    expect(text(filling)).not.toContain('明天再提醒我');
    expect(text(ready)).toContain('查看汇总并提交审核');
    // Reached the approver today: no working day to count yet.
    expect(text(waiting)).toContain('等待你审核（1月20日 10:00 送达）');
  });
});
