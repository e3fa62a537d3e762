/** Who is owed which reminder on one slot: the rules of issue #6, decided without storage or clock. */
import type { SectionState } from '../../src/filling/progress.js';
import type { SectionId } from '../../src/report/template.js';
import { audienceOf, type Reminder, type UnitFacts } from '../../src/reminders/audience.js';
import { roundSlots, type ReminderSlot } from '../../src/reminders/slots.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { nameOf, ROUND_A } from './season-fixture.js';

const calendar = createWorkdayCalendar();
const slots = new Map(roundSlots(ROUND_A, calendar).map((s) => [s.date, s]));
const slot = (date: string): ReminderSlot => {
  const s = slots.get(date);
  if (!s) throw new Error(`no slot on ${date}`);
  return s;
};
const unit = (id: string) => ROUND_A.units.find((u) => u.id === id)!;
const states = (done: SectionId[], other: SectionState = 'not_started') =>
  Object.fromEntries(
    (['s1', 's2', 's3', 's4', 's5', 's6'] as const).map((s) => [s, done.includes(s) ? 'complete' : other]),
  ) as Record<SectionId, SectionState>;
const ALL: SectionId[] = ['s1', 's2', 's3', 's4', 's5', 's6'];
const brief = (r: Reminder) =>
  r.kind === 'fill'
    ? `fill ${nameOf(r.to)} ${r.unitId} ${r.sections.map((s) => `${s.id}:${s.state}`).join(',')} ${r.reason}`
    : r.kind === 'approve'
      ? `approve ${nameOf(r.to)} ${r.unitId} ${r.waitedWorkdays}`
      : `overdue ${nameOf(r.to)} ${r.units.map((u) => `${u.unitId}:${u.status}:${u.complete}/${u.total}`).join(',')}`;

describe('audienceOf', () => {
  it('reminds a filler of the unfinished sections only, and a filler who is done not at all', () => {
    const units: UnitFacts[] = [
      { unit: unit('u1'), sections: states(ALL), approved: false },
      { unit: unit('u2'), sections: states(['s1', 's2', 's3'], 'in_progress'), approved: false },
    ];
    const got = audienceOf({ round: ROUND_A, slot: slot('2025-01-15'), units, calendar });
    expect(got.map(brief)).toEqual(['fill 李强 u2 s4:in_progress,s5:in_progress,s6:in_progress before']);
    expect(got[0]).toMatchObject({
      workdaysLeft: 10,
      deadlineText: '2025年1月31日 23:59',
      unitName: '某县教育局',
    });
  });

  it('sends nothing to fillers on a working day without a planned reminder', () => {
    const units: UnitFacts[] = [{ unit: unit('u2'), sections: states([]), approved: false }];
    expect(audienceOf({ round: ROUND_A, slot: slot('2025-01-16'), units, calendar })).toEqual([]);
  });

  it('leaves fillers alone once the report is with the approvers, and reminds them of sections sent back', () => {
    const waiting = { approver: unit('u1').approvers[0], since: '2025-01-21T17:00:00+08:00' };
    const units: UnitFacts[] = [
      { unit: unit('u1'), sections: states(ALL), waiting, approved: false },
      { unit: unit('u2'), sections: states(ALL), approved: false, reopened: ['s5'] },
    ];
    expect(audienceOf({ round: ROUND_A, slot: slot('2025-01-22'), units, calendar }).map(brief)).toEqual([
      'fill 李强 u2 s5:reopened before',
    ]);
  });

  it('sends 催办 only after one full working day, counting 调休 and skipping holidays', () => {
    const at = (since: string, date: string) =>
      audienceOf({
        round: ROUND_A,
        slot: slot(date),
        units: [
          { unit: unit('u3'), sections: states(ALL), waiting: { approver: 'ou_x', since }, approved: false },
        ],
        calendar,
      })
        .filter((r) => r.kind === 'approve')
        .map(brief);
    expect(at('2025-01-24T17:00:00+08:00', '2025-01-26')).toEqual([]); // Friday → 调休 Sunday: no full day yet
    expect(at('2025-01-24T17:00:00+08:00', '2025-01-27')).toEqual(['approve ou_x u3 1']); // Sunday counted
    expect(at('2025-01-27T09:00:00+08:00', '2025-02-05')).toEqual([]); // the whole holiday in between
    expect(at('2025-01-27T09:00:00+08:00', '2025-02-06')).toEqual(['approve ou_x u3 1']);
  });

  it('gives each admin one overdue list on overdue days, without approved units', () => {
    const units: UnitFacts[] = [
      { unit: unit('u1'), sections: states(ALL), approved: true },
      { unit: unit('u2'), sections: states(['s1', 's4']), approved: false },
      { unit: unit('u3'), sections: states(ALL), approved: false },
    ];
    const onDay = (date: string) =>
      audienceOf({ round: ROUND_A, slot: slot(date), units, calendar }).filter((r) => r.kind === 'overdue');
    expect(onDay('2025-01-27')).toEqual([]);
    expect(onDay('2025-02-05').map(brief)).toEqual(['overdue 赵磊 u2:filling:2/6,u3:unsubmitted:6/6']);
    const allApproved = units.map((u) => ({ ...u, approved: true }));
    expect(audienceOf({ round: ROUND_A, slot: slot('2025-02-05'), units: allApproved, calendar })).toEqual(
      [],
    );
  });

  it('keeps a snoozed person quiet before the day they asked for and reminds them on it', () => {
    const units: UnitFacts[] = [{ unit: unit('u2'), sections: states([]), approved: false }];
    const zhang = unit('u2').fillers.s1[0];
    const snoozedUntil = new Map([[zhang, '2025-01-23']]);
    const day = (date: string) =>
      audienceOf({ round: ROUND_A, slot: slot(date), units, calendar, snoozedUntil });
    expect(day('2025-01-22').map((r) => nameOf(r.to))).toEqual(['李强']);
    expect(day('2025-01-23').map(brief)).toEqual([
      'fill 张敏 u2 s1:not_started,s2:not_started,s3:not_started snoozed',
    ]);
    expect(day('2025-01-24').map((r) => nameOf(r.to))).toEqual(['张敏', '李强']);
  });

  it('names every reminder with a key that differs by day, kind, unit and person', () => {
    const units: UnitFacts[] = ROUND_A.units.map((u) => ({ unit: u, sections: states([]), approved: false }));
    const keys = ['2025-02-05', '2025-02-06'].flatMap((d) =>
      audienceOf({ round: ROUND_A, slot: slot(d), units, calendar }).map((r) => r.key),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(`r2024a/2025-02-05/fill/u2/${unit('u2').fillers.s1[0]}`);
  });
});
