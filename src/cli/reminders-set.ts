/**
 * `nianbao reminders set ROUND_ID [--days-before 10,5,3,2,1] [--overdue-days 5] [--time 09:30]
 * [--deadline-day yes|no] [--data-dir DIR]`: a round's own reminder plan, saved with the round (inside the
 * running bot when it is up, like `round create`: see bot-link.ts).
 */
import { reminderCalendar } from '../reminders/calendar-config.js';
import { OVERDUE_CAP_WORKDAYS, type ReminderPlanInput } from '../reminders/plan-config.js';
import { roundPlan } from '../reminders/slots.js';
import type { Round } from '../rounds/round.js';
import { runInDataDir } from './bot-link.js';
import { dataDirOf } from './data-dir.js';
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
  const { answer } = await runInDataDir<{ round: Round }>(dataDirOf(values['data-dir']), 'reminders.set', {
    roundId,
    plan: change,
  });
  if (!answer.ok) {
    io.err(`${answer.message}\n`);
    return 2;
  }
  const round = answer.round;
  io.out(`已保存轮次 ${round.id} 的提醒设置，发送时间（北京时间）：\n`);
  for (const r of roundPlan(round, reminderCalendar())) io.out(`${r.at}\n`);
  // The list shows the first overdue days only; without a limit of its own the bot goes on (slots.ts).
  if (round.reminders?.plan?.overdueDays === undefined)
    io.out(`逾期后每个工作日继续提醒，直到各单位全部审核通过，最多 ${OVERDUE_CAP_WORKDAYS} 个工作日\n`);
  return 0;
}
