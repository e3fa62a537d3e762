/** 逾期汇总: the admin's daily list of units not yet approved after the deadline. */
import type { OverdueReminder, OverdueUnit } from '../src/reminders/audience.js';
import { cardShell, type Card } from './card-shell.js';
import { escapeMd, md } from './parts/elements.js';

// A round may have hundreds of units; the card stays far below Feishu's 30 KB by listing the first ones.
const MAX_LISTED = 60;

function status(u: OverdueUnit): string {
  if (u.status === 'waiting') return '审核中';
  if (u.status === 'unsubmitted') return '已填完，未提交审核';
  return `填报中（已完成 ${u.complete}/${u.total} 个部分）`;
}

/** The card an admin gets on each overdue day. */
export function overdueReminderCard(r: OverdueReminder): Card {
  const listed = r.units.slice(0, MAX_LISTED).map((u) => `- ${escapeMd(u.unitName, 60)}\u3000${status(u)}`);
  const more = r.units.length > MAX_LISTED ? [`- ……另有 ${r.units.length - MAX_LISTED} 个单位`] : [];
  return cardShell(
    `年报逾期汇总：${r.year} 年度`,
    [
      md(
        `《${escapeMd(r.roundName)}》截止时间 ${r.deadlineText} 已过 **${r.workdaysOverdue} 个工作日**，` +
          `还有 **${r.units.length} 个单位** 没有完成审核：`,
      ),
      md([...listed, ...more].join('\n')),
    ],
    'red',
  );
}
