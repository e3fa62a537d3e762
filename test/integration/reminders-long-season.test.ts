/**
 * The scheduler outside the plan's days, on a fake clock with real lowdb files and the real approval module:
 * a report sent in early in December gets its 催办 after one working day, and after the deadline the admin's
 * overdue card and the fillers' reminders go out every working day until every unit is approved, or 60 working
 * days after the deadline at most.
 */
import dayjs from 'dayjs';
import { storedApprovals } from '../../src/reminders/approval-adapter.js';
import type { Reminder } from '../../src/reminders/audience.js';
import { ReminderScheduler } from '../../src/reminders/scheduler.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import type { Round } from '../../src/rounds/round.js';
import {
  approveReport,
  bj,
  fill,
  nameOf,
  P,
  ROUND_A,
  saveRounds,
  submitForReview,
  USERS,
} from '../reminders/season-fixture.js';
import { startRig, type Rig, type Side } from '../reminders/rig.js';

const calendar = createWorkdayCalendar();
const DAY = 24 * 3_600_000;
const line = (r: Reminder) => {
  const what =
    r.kind === 'fill'
      ? `fill ${r.unitId}`
      : r.kind === 'approve'
        ? `催办 ${r.unitId} 等${r.waitedWorkdays}天`
        : `逾期${r.workdaysOverdue} ${r.units.map((u) => `${u.unitId}:${u.status}`).join(',')}`;
  return `${dayjs(r.at).tz('Asia/Shanghai').format('MM-DD')} ${r.roundId} ${nameOf(r.to)} ${what}`;
};

describe('a reminder season beyond the plan', () => {
  let rig: Rig;
  let side: Side;
  beforeAll(async () => {
    rig = await startRig(USERS);
    side = await rig.open(); // the outbox is never started: what is queued is what counts here
  });
  afterAll(() => rig.close());

  const scheduler = () =>
    new ReminderScheduler({
      storage: side.storage,
      outbox: side.outbox,
      log: side.log,
      calendar,
      approvals: storedApprovals(side.storage),
    });

  /** Ticks at 09:30 and 11:00 Beijing time of every day from `from` to `to`, running `events` on the way. */
  async function run(
    s: ReminderScheduler,
    from: string,
    to: string,
    events: Array<[number, () => Promise<void>]>,
  ) {
    const sent: Reminder[] = [];
    for (let day = bj(`${from}T00:00`); day <= bj(`${to}T00:00`); day += DAY)
      for (const at of [day + 9.5 * 3_600_000, day + 11 * 3_600_000]) {
        while (events.length && events[0][0] <= at) await events.shift()![1]();
        sent.push(...(await s.tick(at)).sent);
      }
    return sent;
  }

  it('sends 催办 after one working day even weeks before the first filler reminder', async () => {
    const round: Round = { ...ROUND_A, id: 'r-early', units: [ROUND_A.units[0]] };
    await saveRounds(side.storage, [round]);
    await fill(side.storage, round.id, 'u1', ['s1', 's2', 's3', 's4', 's5', 's6']);
    const sent = await run(scheduler(), '2024-12-01', '2024-12-09', [
      [
        bj('2024-12-02T10:00'),
        () => submitForReview(side.storage, round, 'u1', P.zhang.open_id, bj('2024-12-02T10:00')),
      ],
      [
        bj('2024-12-06T10:30'),
        () => approveReport(side.storage, round.id, 'u1', P.wang.open_id, bj('2024-12-06T10:30')),
      ],
    ]);
    expect(sent.map(line)).toEqual([
      '12-04 r-early 王芳 催办 u1 等1天',
      '12-05 r-early 王芳 催办 u1 等2天',
      '12-06 r-early 王芳 催办 u1 等3天',
    ]);
  });

  it('keeps reminding every working day while overdue, until approved or for 60 working days', async () => {
    const late: Round = { ...ROUND_A, id: 'r-late', units: [ROUND_A.units[1]] };
    const done: Round = { ...ROUND_A, id: 'r-done', units: [ROUND_A.units[0]] };
    await saveRounds(side.storage, [late, done]);
    await fill(side.storage, late.id, 'u2', ['s1', 's2', 's3', 's4', 's5', 's6']);
    await fill(side.storage, done.id, 'u1', ['s1', 's2', 's3', 's4', 's5', 's6']);
    const s = scheduler();
    // Started after the deadline: the season's earlier days are skipped quietly, without a warning each.
    const sent = await run(s, '2025-02-10', '2025-05-06', [
      [
        bj('2025-02-10T10:00'),
        () => submitForReview(side.storage, done, 'u1', P.zhang.open_id, bj('2025-02-10T10:00')),
      ],
      [
        bj('2025-02-13T10:00'),
        () => approveReport(side.storage, done.id, 'u1', P.wang.open_id, bj('2025-02-13T10:00')),
      ],
    ]);
    // The planned days it missed are warned about one by one; the 36 other working days since 2 December
    // in one info line.
    const warned = side.lines
      .filter((l) => Number(l.level) >= 40 && l.roundId === 'r-late')
      .map((l) => l.date);
    expect(warned).toEqual([
      '2025-01-15',
      '2025-01-22',
      '2025-01-24',
      '2025-01-26',
      '2025-01-27',
      '2025-02-05',
      '2025-02-06',
      '2025-02-07',
      '2025-02-08',
    ]);
    expect(side.lines.filter((l) => l.roundId === 'r-late' && String(l.msg).includes('skipped'))).toEqual([
      expect.objectContaining({ from: '2024-12-02', to: '2025-01-23', days: 36, level: 30 }),
    ]);

    expect(sent.filter((r) => r.roundId === 'r-done').map(line)).toEqual([
      '02-10 r-done 赵磊 逾期5 u1:unsubmitted',
      '02-11 r-done 赵磊 逾期6 u1:waiting',
      '02-12 r-done 王芳 催办 u1 等1天',
      '02-12 r-done 赵磊 逾期7 u1:waiting',
      '02-13 r-done 王芳 催办 u1 等2天',
      '02-13 r-done 赵磊 逾期8 u1:waiting',
    ]);

    // u2 of r-late is complete but never sent in: no filler reminder, the admin's card every working day.
    const lateLines = sent.filter((r) => r.roundId === 'r-late').map(line);
    expect(lateLines.every((l) => l.includes(' 赵磊 逾期') && l.endsWith('u2:unsubmitted'))).toBe(true);
    expect(lateLines).toHaveLength(60 - 4);
    expect(lateLines.slice(0, 3)).toEqual([
      '02-10 r-late 赵磊 逾期5 u2:unsubmitted',
      '02-11 r-late 赵磊 逾期6 u2:unsubmitted',
      '02-12 r-late 赵磊 逾期7 u2:unsubmitted',
    ]);
    expect(lateLines.slice(-3)).toEqual([
      '04-25 r-late 赵磊 逾期58 u2:unsubmitted',
      '04-27 r-late 赵磊 逾期59 u2:unsubmitted',
      '04-28 r-late 赵磊 逾期60 u2:unsubmitted',
    ]);
    expect(await s.nextSlotAt(bj('2025-04-28T09:30'))).toBeUndefined();
  }, 30_000);
});
