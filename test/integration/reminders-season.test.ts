/**
 * A whole reminder season, 1 December 2024 – 10 February 2025, on a fake clock: two rounds, units done,
 * unfinished, waiting for approval, approved and overdue; the deadline 31 January 2025 falls in the Spring
 * Festival holiday (28 Jan – 4 Feb off), Sunday 26 January and Saturday 8 February are 调休 working days.
 * The real scheduler, real lowdb files, the real approval module and the real outbox sending to the emulator.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dayjs from 'dayjs';
import { createFeishuApi, createLarkClient } from '../../src/feishu/client.js';
import { Outbox } from '../../src/feishu/outbox.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { storedApprovals } from '../../src/reminders/approval-adapter.js';
import type { Reminder } from '../../src/reminders/audience.js';
import { reminderRecords } from '../../src/reminders/records.js';
import { ReminderScheduler } from '../../src/reminders/scheduler.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { APP_ID, memoryLogger } from '../server/harness.js';
import {
  approveReport,
  bj,
  fill,
  nameOf,
  P,
  ROUND_A,
  ROUND_B,
  saveRounds,
  submitForReview,
  USERS,
} from '../reminders/season-fixture.js';

/** One line per reminder: when it went out (Beijing), its kind, to whom, and what it names. */
export function line(r: Reminder, sentAt: number): string {
  const when = dayjs(sentAt).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm');
  if (r.kind === 'fill')
    return `${when} fill ${nameOf(r.to)} ${r.unitId} ${r.sections.map((s) => s.id).join(',')}`;
  if (r.kind === 'approve') return `${when} 催办 ${nameOf(r.to)} ${r.unitId} 等${r.waitedWorkdays}天`;
  return `${when} 逾期 ${nameOf(r.to)} ${r.roundId} ${r.units.map((u) => `${u.unitId}:${u.status}`).join(',')}`;
}

const EXPECTED = [
  // County round, own plan (3 and 1 working days before, the deadline day, 2 overdue days) at 10:00;
  // 1 January is 元旦, so overdue day 1 is Thursday 2 January.
  '2024-12-26 10:00 fill 刘洋 v1 s1,s2,s3,s4,s5,s6',
  '2024-12-30 10:00 fill 刘洋 v1 s1,s2,s3,s4,s5,s6',
  '2024-12-31 10:00 fill 刘洋 v1 s1,s2,s3,s4,s5,s6',
  '2025-01-02 10:00 fill 刘洋 v1 s1,s2,s3,s4,s5,s6',
  '2025-01-02 10:00 逾期 赵磊 r2024b v1:filling',
  '2025-01-03 10:00 fill 刘洋 v1 s1,s2,s3,s4,s5,s6',
  '2025-01-03 10:00 逾期 赵磊 r2024b v1:filling',
  // Statutory round: 10 working days before 31 Jan is 15 Jan; u1 and u3 are filled, so only u2's fillers.
  '2025-01-15 09:30 fill 张敏 u2 s2,s3',
  '2025-01-15 09:30 fill 李强 u2 s4,s5,s6',
  // u1 submitted Monday 20 Jan 10:00: one full working day (21 Jan) has passed on the 22nd.
  '2025-01-22 09:30 fill 张敏 u2 s2,s3',
  '2025-01-22 09:30 fill 李强 u2 s4,s5,s6',
  '2025-01-22 09:30 催办 王芳 u1 等1天',
  '2025-01-23 09:30 催办 王芳 u1 等2天',
  // 李强 finishes his part on 24 Jan 14:00: the 调休 Sunday and Monday reach 张敏 only.
  '2025-01-24 09:30 fill 张敏 u2 s2,s3',
  '2025-01-24 09:30 fill 李强 u2 s4,s5,s6',
  '2025-01-26 09:30 fill 张敏 u2 s2,s3',
  '2025-01-27 09:30 fill 张敏 u2 s2,s3',
  // No reminder on the deadline day (a holiday) nor during the holiday. u3 was submitted 27 Jan 16:00: on
  // 5 Feb it has waited no full working day (28 Jan – 4 Feb off), so 陈静 hears from us on the 6th.
  '2025-02-05 09:30 fill 张敏 u2 s2,s3',
  '2025-02-05 09:30 逾期 赵磊 r2024a u2:filling,u3:waiting',
  '2025-02-06 09:30 fill 张敏 u2 s2,s3',
  '2025-02-06 09:30 催办 陈静 u3 等1天',
  '2025-02-06 09:30 逾期 赵磊 r2024a u2:filling,u3:waiting',
  '2025-02-07 09:30 fill 张敏 u2 s2,s3',
  '2025-02-07 09:30 催办 陈静 u3 等2天',
  '2025-02-07 09:30 逾期 赵磊 r2024a u2:filling,u3:waiting',
  // Saturday 8 February is a working day.
  '2025-02-08 09:30 fill 张敏 u2 s2,s3',
  '2025-02-08 09:30 催办 陈静 u3 等3天',
  '2025-02-08 09:30 逾期 赵磊 r2024a u2:filling,u3:waiting',
  '2025-02-10 09:30 fill 张敏 u2 s2,s3',
  '2025-02-10 09:30 催办 陈静 u3 等4天',
  '2025-02-10 09:30 逾期 赵磊 r2024a u2:filling,u3:waiting',
];

describe('a whole reminder season on a fake clock', () => {
  let emu: Emulator;
  let dir: string;
  let storage: LowdbStorage;
  let outbox: Outbox;

  beforeAll(async () => {
    emu = await startEmulator({
      appId: APP_ID,
      appSecret: 's',
      verificationToken: 't',
      port: 0,
      users: USERS,
    });
    dir = await mkdtemp(path.join(tmpdir(), 'nianbao-season-'));
    storage = new LowdbStorage(dir);
    const { log } = memoryLogger();
    const client = createLarkClient(
      {
        appId: APP_ID,
        appSecret: 's',
        verificationToken: 't',
        encryptKey: '',
        domain: emu.url,
        mode: 'webhook',
      },
      log,
    );
    outbox = await Outbox.open(storage, createFeishuApi(client), { log, baseDelayMs: 20, maxDelayMs: 200 });
  });

  afterAll(async () => {
    await outbox.stop();
    await storage.close();
    await emu.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends exactly the reminders owed, to whom they are owed, on Chinese working days', async () => {
    const { log, lines } = memoryLogger();
    await saveRounds(storage, [ROUND_B, ROUND_A]);
    // Before the season: u1 and u3 are filled in full, u2 has only 一 done, the county unit nothing.
    await fill(storage, 'r2024a', 'u1', ['s1', 's2', 's3', 's4', 's5', 's6']);
    await fill(storage, 'r2024a', 'u3', ['s1', 's2', 's3', 's4', 's5', 's6']);
    await fill(storage, 'r2024a', 'u2', ['s1']);
    const events: Array<[number, () => Promise<void>]> = [
      [
        bj('2025-01-20T10:00'),
        () => submitForReview(storage, ROUND_A, 'u1', P.zhang.open_id, bj('2025-01-20T10:00')),
      ],
      [
        bj('2025-01-23T11:00'),
        () => approveReport(storage, 'r2024a', 'u1', P.wang.open_id, bj('2025-01-23T11:00')),
      ],
      [bj('2025-01-24T14:00'), () => fill(storage, 'r2024a', 'u2', ['s4', 's5', 's6'])],
      [
        bj('2025-01-27T16:00'),
        () => submitForReview(storage, ROUND_A, 'u3', P.zhou.open_id, bj('2025-01-27T16:00')),
      ],
    ];

    const scheduler = new ReminderScheduler({
      storage,
      outbox,
      log,
      calendar: createWorkdayCalendar(),
      approvals: storedApprovals(storage),
    });
    outbox.start();
    const sent: string[] = [];
    // Every half hour of the season: 72 days × 48 ticks, all bounded.
    for (let now = bj('2024-12-01T00:00'); now <= bj('2025-02-10T23:30'); now += 30 * 60_000) {
      while (events.length && events[0][0] <= now) await events.shift()![1]();
      const report = await scheduler.tick(now);
      sent.push(...report.sent.map((r) => line(r, now)));
      expect(report.dropped).toEqual([]);
    }
    expect(sent).toEqual(EXPECTED);

    // Recorded once each, and each arrived in Feishu exactly once as a valid card.
    const records = [
      ...(await reminderRecords(storage).allSent('r2024a')),
      ...(await reminderRecords(storage).allSent('r2024b')),
    ];
    expect(records).toHaveLength(EXPECTED.length);
    await outbox.drained();
    const received = USERS.flatMap((u) =>
      emu
        .messages(u.open_id)
        .filter((m) => m.sender === 'bot')
        .map((m) => ({ u, m })),
    );
    expect(received).toHaveLength(EXPECTED.length);
    const count = (name: string) => received.filter((x) => x.u.name === name).length;
    expect(count('张敏')).toBe(EXPECTED.filter((l) => l.includes(' 张敏 ')).length);
    expect(count('陈静')).toBe(4);
    expect(count('周涛')).toBe(0); // filled and submitted: nothing owed
    const zhangCard = JSON.stringify(received.find((x) => x.u.name === '张敏')!.m.content);
    expect(zhangCard).toContain('继续填报');
    expect(zhangCard).toContain('snooze_reminder');
    expect(zhangCard).toContain('二、主动公开政府信息情况');
    expect(lines.filter((l) => Number(l.level) >= 40)).toEqual([]);
  }, 60_000);
});
