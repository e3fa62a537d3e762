/**
 * `nianbao reminders set ROUND_ID [--days-before 10,5,3,2,1] [--overdue-days 5] [--time 09:30]
 * [--deadline-day yes|no] [--data-dir DIR]`: a round's own reminder plan, saved with the round. Writes the
 * lowdb files the bot reads, so run it while the bot is stopped, like `round create`.
 */
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { reminderCalendar } from '../reminders/calendar-config.js';
import { OVERDUE_CAP_WORKDAYS, PlanConfigError, type ReminderPlanInput } from '../reminders/plan-config.js';
import { setRoundPlan } from '../reminders/round-plan.js';
import { roundPlan } from '../reminders/slots.js';
import { dataDirOf } from './round-store.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';

const USAGE =
  '用法：nianbao reminders set ROUND_ID [--days-before 10,5,3,2,1] [--overdue-days 5] [--time 09:30] ' +
  '[--deadline-day yes|no] [--data-dir DIR]';

/** The plan change the options ask for; numbers are checked by the plan schema afterwards. */
function changeOf(values: Record<string, unknown>): ReminderPlanInput {
  const change: ReminderPlanInput = {};
  if (typeof values['days-before'] === 'string')
    change.daysBefore = values['days-before']
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number);
  if (typeof values['overdue-days'] === 'string') change.overdueDays = Number(values['overdue-days']);
  if (typeof values.time === 'string') change.time = values.time;
  const day = values['deadline-day'];
  if (typeof day === 'string') {
    if (day !== 'yes' && day !== 'no') throw new UsageError('--deadline-day 只能是 yes 或 no');
    change.onDeadlineDay = day === 'yes';
  }
  return change;
}

/** 0 saved (prints the round's send times), 2 when the round or the plan cannot be used. */
export async function runRemindersSet(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'days-before': { type: 'string' },
    'overdue-days': { type: 'string' },
    time: { type: 'string' },
    'deadline-day': { type: 'string' },
    'data-dir': { type: 'string' },
  });
  const [verb, roundId, ...extra] = positionals;
  if (verb !== 'set' || !roundId || extra.length) throw new UsageError(USAGE);
  const change = changeOf(values);
  if (!Object.keys(change).length) throw new UsageError(`没有要修改的设置。\n${USAGE}`);
  const storage = new LowdbStorage(dataDirOf(values['data-dir']));
  try {
    const round = await setRoundPlan(storage, roundId, change);
    if (!round) {
      io.err(`找不到轮次 ${roundId}，请先用 nianbao round create 创建\n`);
      return 2;
    }
    io.out(`已保存轮次 ${round.id} 的提醒设置，发送时间（北京时间）：\n`);
    for (const r of roundPlan(round, reminderCalendar())) io.out(`${r.at}\n`);
    // The list shows the first overdue days only; without a limit of its own the bot goes on (slots.ts).
    if (round.reminders?.plan?.overdueDays === undefined)
      io.out(`逾期后每个工作日继续提醒，直到各单位全部审核通过，最多 ${OVERDUE_CAP_WORKDAYS} 个工作日\n`);
    return 0;
  } catch (error) {
    if (error instanceof PlanConfigError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await storage.close();
  }
}
