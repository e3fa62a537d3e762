/** 填报提醒: a filler's unfinished sections, with 继续填报 and 「明天再提醒我」. */
import type { FillReminder } from '../src/reminders/audience.js';
import { SECTION_STATE_LABEL } from '../src/filling/progress.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, escapeMd, md } from './parts/elements.js';

function when(r: FillReminder): string {
  if (r.reason === 'deadline') return '**今天是截止日**';
  if (r.reason === 'overdue') return `**已逾期 ${r.workdaysOverdue ?? 1} 个工作日**`;
  if (r.reason === 'snoozed') return '按你的要求，今天再提醒一次';
  return `距截止还有 **${r.workdaysLeft ?? 0} 个工作日**`;
}

/** The card a filler gets on a reminder day. */
export function fillReminderCard(r: FillReminder): Card {
  const ids = { round_id: r.roundId, unit_id: r.unitId };
  const lines = r.sections.map(
    (s) => `- ${s.heading}\u3000${s.state === 'reopened' ? '被退回修改' : SECTION_STATE_LABEL[s.state]}`,
  );
  const color = r.reason === 'overdue' ? 'red' : r.reason === 'deadline' ? 'orange' : 'blue';
  return cardShell(
    `年报填报提醒：${r.year} 年度`,
    [
      md(
        `**${escapeMd(r.unitName)}**\n截止时间：${r.deadlineText}（北京时间），${when(r)}\n你负责的这些部分还没有完成：`,
      ),
      md(lines.join('\n')),
      actionButton('继续填报', { action: 'overview', ...ids }, 'primary_filled'),
      actionButton('明天再提醒我', { action: 'snooze_reminder', ...ids, date: r.date }),
    ],
    color,
  );
}
