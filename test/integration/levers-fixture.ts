/**
 * A running round for the admin's levers (进度, 催办, closing, reassigning): four units of a county, each at a
 * different point, on the statutory calendar of the 2024 report year (deadline 31 January 2025, in the Spring
 * Festival holiday). The bot runs on a clock the test moves; people act only through the control API.
 *
 * - 云溪县教育局: 张敏 has finished 一–三, 李强 has not started 四–六 (filling; 李强 is late)
 * - 云溪县卫健委: 周涛 fills everything; complete, not yet submitted
 * - 云溪县财政局: 刘洋 fills everything; complete, submitted, waiting for 王芳 then 陈静 (or, with
 *   `financeSubmitted: false`, complete and left for the test to submit through the bot)
 * - 云溪县文旅局: 周涛 fills everything; approved by 陈静
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { SECTIONS } from '../../src/report/template.js';
import type { Round } from '../../src/rounds/round.js';
import { startPair, type Pair } from '../server/harness.js';
import {
  approveReport,
  bj,
  fill,
  P,
  saveRounds,
  split,
  submitForReview,
  USERS,
} from '../reminders/season-fixture.js';

export { bj, P };

const ALL = SECTIONS.map((s) => s.id);

/** The round: four units, 赵磊 its admin. */
export const LEVERS: Round = {
  id: '2024-rlevers',
  year: 2024,
  name: '2024 年度政府信息公开工作年度报告',
  deadline: '2025-01-31T23:59:00+08:00',
  admins: [P.zhao.open_id],
  units: [
    {
      id: 'edu',
      name: '云溪县教育局',
      fillers: split(P.zhang.open_id, P.li.open_id),
      approvers: [P.wang.open_id],
    },
    {
      id: 'health',
      name: '云溪县卫健委',
      fillers: split(P.zhou.open_id, P.zhou.open_id),
      approvers: [P.chen.open_id],
    },
    {
      id: 'finance',
      name: '云溪县财政局',
      fillers: split(P.liu.open_id, P.liu.open_id),
      approvers: [P.wang.open_id, P.chen.open_id],
    },
    {
      id: 'culture',
      name: '云溪县文旅局',
      fillers: split(P.zhou.open_id, P.zhou.open_id),
      approvers: [P.chen.open_id],
    },
  ],
};

/** When 刘洋 submitted 财政局's report: Wednesday 15 January 2025, 10:00 Beijing time. */
export const SUBMITTED_AT = bj('2025-01-15T10:00');

export interface Levers {
  pair: Pair;
  /** the bot's clock */
  clock: { now: number };
}

/** The round stored as described above, then the bot and the emulator on it, the clock at `at`. */
export async function startLevers(
  at: number,
  o: { round?: Round; financeSubmitted?: boolean; admins?: string } = {},
): Promise<Levers> {
  const round = o.round ?? LEVERS;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-levers-'));
  const storage = new LowdbStorage(dataDir);
  await saveRounds(storage, [round]);
  await fill(storage, round.id, 'edu', ['s1', 's2', 's3']);
  await fill(storage, round.id, 'health', ALL);
  await fill(storage, round.id, 'finance', ALL);
  if (o.financeSubmitted !== false)
    await submitForReview(storage, round, 'finance', P.liu.open_id, SUBMITTED_AT);
  await fill(storage, round.id, 'culture', ALL);
  await submitForReview(storage, round, 'culture', P.zhou.open_id, bj('2025-01-10T10:00'));
  await approveReport(storage, round.id, 'culture', P.chen.open_id, bj('2025-01-13T10:00'));
  await storage.close();
  const clock = { now: at };
  const pair = await startPair({
    dataDir,
    users: USERS,
    bot: {
      now: () => clock.now,
      startReminders: false,
      outbox: { baseDelayMs: 10, maxDelayMs: 100 },
      ...(o.admins !== undefined ? { admins: o.admins } : {}),
    },
  });
  return { pair, clock };
}
