/**
 * A round file can carry its own reminder plan: checked with the plan schema (problems in Chinese, naming the
 * field), stored on the round by `nianbao round create`, followed by the scheduler's slots, and still changed
 * afterwards by `nianbao reminders set`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runReminders } from '../../src/cli/reminders-command.js';
import { runRoundCommand } from '../../src/cli/round-command.js';
import { roundSlots } from '../../src/reminders/slots.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { parseRoundFile, RoundFileError } from '../../src/rounds/round-file.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { bufferIO } from '../support/buffer-io.js';

const A = 'ou_5f0a3c1e9b7d4e2a8c6b1d3f5e7a9c01';
const B = 'ou_6a1b4d2f0c8e5a3b9d7c2e4a6f8b0d02';
const calendar = createWorkdayCalendar();

const file = (reminders?: unknown) =>
  JSON.stringify({
    year: 2024,
    deadline: '2025-01-31',
    admins: [B],
    units: [
      {
        id: 'dag',
        name: '县档案馆',
        fillers: { s1: [A], s2: [A], s3: [A], s4: [A], s5: [A], s6: [A] },
        approvers: [B],
      },
    ],
    ...(reminders === undefined ? {} : { reminders }),
  });

function problemsOf(text: string): string[] {
  try {
    parseRoundFile(text, 'round.json');
  } catch (error) {
    if (error instanceof RoundFileError) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('a round file with its own reminder plan', () => {
  it('stores the plan on the round, and the scheduler follows it', () => {
    const round = parseRoundFile(file({ plan: { daysBefore: [3, 1], overdueDays: 2, time: '10:00' } }), 'r');
    expect(round.reminders).toEqual({ plan: { daysBefore: [3, 1], overdueDays: 2, time: '10:00' } });
    const planned = roundSlots(round, calendar).filter((s) => s.planned);
    expect(planned.map((s) => s.at)).toEqual([
      '2025-01-24T10:00:00+08:00',
      '2025-01-27T10:00:00+08:00',
      '2025-02-05T10:00:00+08:00',
      '2025-02-06T10:00:00+08:00',
    ]);
  });

  it('keeps the default plan when the file has none', () => {
    const round = parseRoundFile(file(), 'r');
    expect(round.reminders).toBeUndefined();
    expect(roundSlots(round, calendar).find((s) => s.planned)?.at).toBe('2025-01-15T09:30:00+08:00');
  });

  it('names every problem of the plan in Chinese, with the field', () => {
    const problems = problemsOf(
      file({
        plan: { daysBefore: [0, 'x'], overdueDays: 1.5, time: '9:30', onDeadlineDay: 'yes', overdue: 3 },
      }),
    );
    expect(problems).toEqual([
      '提醒设置 reminders › 提醒计划 plan › 提前提醒 daysBefore › 第 1 项：提前天数至少为 1 个工作日',
      '提醒设置 reminders › 提醒计划 plan › 提前提醒 daysBefore › 第 2 项：提前天数应是数字',
      '提醒设置 reminders › 提醒计划 plan › 截止日提醒 onDeadlineDay：截止日当天是否提醒应写 true 或 false',
      '提醒设置 reminders › 提醒计划 plan › 逾期提醒 overdueDays：逾期提醒天数必须是整数',
      '提醒设置 reminders › 提醒计划 plan › 提醒时间 time：提醒时间应写成 24 小时制 HH:mm，例如 09:30',
      '提醒设置 reminders › 提醒计划 plan：不认识的设置 overdue（可用 daysBefore、onDeadlineDay、overdueDays、time）',
    ]);
    expect(problemsOf(file({ plans: {} }))).toEqual([
      '提醒设置 reminders：不认识的设置 plans（这里只有 plan）',
    ]);
    expect(problemsOf(file('09:30'))).toEqual([
      '提醒设置 reminders：应是一个对象，例如 {"plan": {"daysBefore": [5, 3, 1]}}',
    ]);
  });

  it('is saved by `round create` and still changed by `reminders set`', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-round-plan-'));
    try {
      const roundFile = path.join(dir, 'round.json');
      await writeFile(roundFile, file({ plan: { daysBefore: [3, 1], time: '10:00' } }));
      const created = bufferIO();
      expect(await runRoundCommand(['create', roundFile, '--data-dir', dir], created)).toBe(0);
      const id = /轮次 (\S+)：/.exec(created.stdout)![1];

      // Without overdueDays, the list ends with the first 5 overdue days and says the bot goes on.
      const time = bufferIO();
      expect(await runReminders(['set', id, '--time', '10:30', '--data-dir', dir], time)).toBe(0);
      const timeLines = time.stdout.split('\n').slice(1, -1);
      expect(timeLines.slice(0, 2)).toEqual(['2025-01-24T10:30:00+08:00', '2025-01-27T10:30:00+08:00']);
      expect(timeLines.filter((l) => l.startsWith('2025-02'))).toHaveLength(5);
      expect(timeLines.at(-1)).toBe('逾期后每个工作日继续提醒，直到各单位全部审核通过，最多 60 个工作日');

      const set = bufferIO();
      expect(await runReminders(['set', id, '--overdue-days', '1', '--data-dir', dir], set)).toBe(0);
      expect(set.stdout.split('\n').slice(1, -1)).toEqual([
        '2025-01-24T10:30:00+08:00',
        '2025-01-27T10:30:00+08:00',
        '2025-02-05T10:30:00+08:00',
      ]);
      const storage = new LowdbStorage(dir);
      const round = await roundRepo(storage).get(id);
      await storage.close();
      expect(round?.reminders).toEqual({ plan: { daysBefore: [3, 1], time: '10:30', overdueDays: 1 } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
