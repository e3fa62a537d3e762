/**
 * Exactly once across restarts: the bot stops mid-season and starts two days later. The slot of the day in
 * between is dropped and logged (its 「还有 N 个工作日」 would be wrong), this morning's slot is sent once on
 * start, a second restart the same day sends nothing, and reminders queued but unsent before a stop are
 * delivered once after it.
 */
import dayjs from 'dayjs';
import { storedApprovals } from '../../src/reminders/approval-adapter.js';
import type { Reminder } from '../../src/reminders/audience.js';
import { ReminderScheduler, type Timers } from '../../src/reminders/scheduler.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import {
  bj,
  fill,
  nameOf,
  P,
  ROUND_A,
  saveRounds,
  submitForReview,
  USERS,
} from '../reminders/season-fixture.js';
import { botCards, startRig, type Rig, type Side } from '../reminders/rig.js';

const calendar = createWorkdayCalendar();
const line = (r: Reminder, at: number) =>
  `${dayjs(at).tz('Asia/Shanghai').format('MM-DD HH:mm')} ${r.kind} ${nameOf(r.to)}`;

/** Timers that only record what the scheduler asks for; the test fires them by hand. */
function manualTimers() {
  const armed: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const timers: Timers = {
    set: (fn, ms) => armed.push({ fn, ms, cleared: false }) - 1,
    clear: (h) => {
      if (typeof h === 'number' && armed[h]) armed[h].cleared = true;
    },
  };
  return { armed, timers };
}

async function until(cond: () => boolean) {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error('condition not reached');
}

describe('reminders across restarts', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig(USERS);
  });
  afterAll(() => rig.close());

  it('drops the missed day, sends this morning once, and never twice', async () => {
    const sent: string[] = [];
    const scheduler = (side: Side, now: () => number, timers?: Timers) =>
      new ReminderScheduler({
        storage: side.storage,
        outbox: side.outbox,
        log: side.log,
        now,
        calendar,
        approvals: storedApprovals(side.storage),
        ...(timers ? { timers } : {}),
      });

    // First run, 14 – 21 January; its outbox never gets to send (the process stops first).
    const first = await rig.open();
    await saveRounds(first.storage, [ROUND_A]);
    await fill(first.storage, 'r2024a', 'u1', ['s1', 's2', 's3', 's4', 's5', 's6']);
    await fill(first.storage, 'r2024a', 'u3', ['s1', 's2', 's3', 's4', 's5', 's6']);
    await fill(first.storage, 'r2024a', 'u2', ['s1']);
    await submitForReview(first.storage, ROUND_A, 'u1', P.zhang.open_id, bj('2025-01-20T10:00'));
    const s1 = scheduler(first, Date.now);
    for (let now = bj('2025-01-14T00:00'); now <= bj('2025-01-21T12:00'); now += 30 * 60_000)
      sent.push(...(await s1.tick(now)).sent.map((r) => line(r, now)));
    expect(sent).toEqual(['01-15 09:30 fill 张敏', '01-15 09:30 fill 李强']);
    expect(first.outbox.pending()).toBe(2);
    await first.close();

    // Down on Wednesday 22 January; back on Thursday 23 at 11:00 through start(), as in production.
    let clock = bj('2025-01-23T11:00');
    const second = await rig.open();
    second.outbox.start();
    const { armed, timers } = manualTimers();
    const s2 = scheduler(second, () => clock, timers);
    const before = sent.length;
    const tick = s2.tick.bind(s2);
    s2.tick = async (now?: number) => {
      const report = await tick(now);
      sent.push(...report.sent.map((r) => line(r, clock)));
      return report;
    };
    s2.start();
    await until(() => armed.length === 1);
    expect(sent.slice(before)).toEqual(['01-23 11:00 approve 王芳']);
    const dropped = second.lines.filter((l) => String(l.msg).includes('dropped'));
    expect(dropped.map((l) => [l.level, l.date])).toEqual([[40, '2025-01-22']]);
    // The scheduler sleeps at most 10 minutes; waking it later the same day sends nothing new.
    expect(armed[0].ms).toBe(10 * 60_000);
    clock += armed[0].ms;
    armed[0].fn();
    await until(() => armed.length === 2);
    await s2.stop();
    expect(armed[1].cleared).toBe(true);
    expect(sent.slice(before)).toEqual(['01-23 11:00 approve 王芳']);
    await second.outbox.drained();
    await second.close();

    // Restarted again at noon the same day: nothing to send, nothing more to drop.
    const third = await rig.open();
    third.outbox.start();
    const s3 = scheduler(third, Date.now);
    const noon = await s3.tick(bj('2025-01-23T12:00'));
    expect(noon).toEqual({ sent: [], dropped: [] });
    const friday = await s3.tick(bj('2025-01-24T09:30'));
    expect(friday.sent.map((r) => line(r, bj('2025-01-24T09:30')))).toEqual([
      '01-24 09:30 fill 张敏',
      '01-24 09:30 fill 李强',
      '01-24 09:30 approve 王芳',
    ]);
    await third.outbox.drained();

    // What reached Feishu: each reminder once, the 15 January ones too although their first outbox stopped.
    expect(botCards(rig.emu, P.zhang.open_id)).toHaveLength(2);
    expect(botCards(rig.emu, P.li.open_id)).toHaveLength(2);
    expect(botCards(rig.emu, P.wang.open_id)).toHaveLength(2);
    expect(JSON.stringify(botCards(rig.emu, P.wang.open_id)[0].content)).toContain(
      '等待你审核 **2 个工作日**',
    );
  }, 30_000);

  it('a crash after queueing a reminder but before recording it does not send it twice', async () => {
    const side = await rig.open();
    const round = { ...ROUND_A, id: 'r-crash' };
    await saveRounds(side.storage, [round]);
    let calls = 0;
    const crashing = {
      async sendCard(openId: string, card: object, key?: string) {
        const id = await side.outbox.sendCard(openId, card, key);
        if (++calls === 3) throw new Error('process killed here');
        return id;
      },
    };
    const before = new ReminderScheduler({
      storage: side.storage,
      outbox: crashing,
      log: side.log,
      calendar,
    });
    await expect(before.tick(bj('2025-01-15T09:30'))).rejects.toThrow('process killed here');
    side.outbox.start();
    await side.outbox.drained();

    // Back a few minutes later, the same morning: what was not recorded is queued again under the same key.
    const after = new ReminderScheduler({
      storage: side.storage,
      outbox: side.outbox,
      log: side.log,
      calendar,
    });
    const again = await after.tick(bj('2025-01-15T09:40'));
    expect(again.sent.length).toBeGreaterThanOrEqual(1);
    await side.outbox.drained();
    const crashCards = (openId: string) =>
      botCards(rig.emu, openId).filter((m) => JSON.stringify(m.content).includes('"round_id":"r-crash"'));
    expect(crashCards(P.zhang.open_id)).toHaveLength(2); // u1 and u2
    expect(crashCards(P.li.open_id)).toHaveLength(2);
    expect(crashCards(P.zhou.open_id)).toHaveLength(1);
    expect((await after.tick(bj('2025-01-15T10:00'))).sent).toEqual([]);
  }, 30_000);
});
