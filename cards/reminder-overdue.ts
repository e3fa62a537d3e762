/** 逾期汇总: the admin's daily list of units not yet approved after the deadline. */
import type { OverdueReminder } from '../src/reminders/audience.js';
import { cardShell, type Card } from './card-shell.js';
import { escapeMd, md } from './parts/elements.js';
import { unitStandingList } from './parts/unit-standing.js';

/** The card an admin gets on each overdue day. */
export function overdueReminderCard(r: OverdueReminder): Card {
  return cardShell(
    `年报逾期汇总：${r.year} 年度`,
    [
      md(
        `《${escapeMd(r.roundName)}》截止时间 ${r.deadlineText} 已过 **${r.workdaysOverdue} 个工作日**，` +
          `还有 **${r.units.length} 个单位** 没有完成审核：`,
      ),
      md(unitStandingList(r.units)),
    ],
    'red',
  );
}
