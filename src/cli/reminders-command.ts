/** `nianbao reminders plan --deadline YYYY-MM-DD [--time HH:mm] [--workday D]… [--holiday D]…` */
import { PlanConfigError } from '../reminders/plan-config.js';
import { planReminders, yearsWithoutHolidayData } from '../reminders/plan.js';
import { CalendarError, createWorkdayCalendar } from '../reminders/workdays.js';
import { parseCommandArgs, UsageError, type CommandIO } from './io.js';
import { runRemindersSet } from './reminders-set.js';

/** Prints the default reminder plan of a deadline, one send time a line; 2 when the input cannot be used. */
export async function runReminders(args: string[], io: CommandIO): Promise<number> {
  if (args[0] === 'set') return runRemindersSet(args, io);
  const { values, positionals } = parseCommandArgs(args, {
    deadline: { type: 'string' },
    time: { type: 'string' },
    workday: { type: 'string', multiple: true },
    holiday: { type: 'string', multiple: true },
  });
  if (positionals[0] !== 'plan' || positionals.length !== 1)
    throw new UsageError(
      'reminders 的子命令：nianbao reminders plan --deadline YYYY-MM-DD，nianbao reminders set ROUND_ID …',
    );
  if (typeof values.deadline !== 'string') throw new UsageError('reminders plan 需要 --deadline YYYY-MM-DD');

  try {
    const calendar = createWorkdayCalendar({
      workdays: values.workday ?? [],
      holidays: values.holiday ?? [],
    });
    const plan = typeof values.time === 'string' ? { time: values.time } : {};
    const reminders = planReminders({ deadline: values.deadline, calendar, plan });
    for (const year of yearsWithoutHolidayData(values.deadline, reminders, calendar))
      io.err(
        `注意：日历还不知道 ${year} 年的法定节假日和调休安排，该年只按周一至周五算工作日；` +
          `国务院公布安排后，请用 --workday / --holiday 补充。\n`,
      );
    for (const reminder of reminders) io.out(`${reminder.at}\n`);
    return 0;
  } catch (error) {
    if (error instanceof CalendarError || error instanceof PlanConfigError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
