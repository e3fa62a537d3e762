/** 填报提醒: a filler's unfinished sections, with 继续填报 and 「明天再提醒我」; the same card carries an admin's 催办. */
import type { FillReminder } from '../src/reminders/audience.js';
import { SECTION_STATE_LABEL } from '../src/filling/progress.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, escapeMd, md } from './parts/elements.js';

function days(r: FillReminder): string {
  if (r.workdaysOverdue !== undefined) return `**已逾期 ${r.workdaysOverdue} 个工作日**`;
  if (!r.workdaysLeft) return '**今天是截止日**';
  return `距截止还有 **${r.workdaysLeft} 个工作日**`;
}

function when(r: FillReminder): string {
  if (r.reason === 'urged') return `**${escapeMd(r.urgedBy ?? '管理员', 20)}（管理员）催办**，${days(r)}`;
  if (r.reason === 'deadline') return '**今天是截止日**';
  if (r.reason === 'overdue') return `**已逾期 ${r.workdaysOverdue ?? 1} 个工作日**`;
  if (r.reason === 'snoozed') return '按你的要求，今天再提醒一次';
  return `距截止还有 **${r.workdaysLeft ?? 0} 个工作日**`;
}

/** The card a filler gets on a reminder day, or when an admin chases the unit (催办). */
export function fillReminderCard(r: FillReminder): Card {
  const ids = { round_id: r.roundId, unit_id: r.unitId };
  const urged = r.reason === 'urged';
  const overdue = r.reason === 'overdue' || r.workdaysOverdue !== undefined;
  const color = overdue ? 'red' : r.reason === 'deadline' || urged ? 'orange' : 'blue';
  const head = `**${escapeMd(r.unitName)}**\n截止时间：${r.deadlineText}（北京时间），${when(r)}`;
  // 催办 of a report that is complete but not submitted: what is owed is the submission.
  if (!r.sections.length)
    return cardShell(
      `年报催办：${r.year} 年度`,
      [
        md(`${head}\n各部分都已填完，还没有提交审核：请查看汇总并提交审核。`),
        actionButton('查看汇总并提交审核', { action: 'summary', ...ids }, 'primary_filled'),
      ],
      color,
    );
  const lines = r.sections.map(
    (s) => `- ${s.heading}\u3000${s.state === 'reopened' ? '被退回修改' : SECTION_STATE_LABEL[s.state]}`,
  );
  return cardShell(
    urged ? `年报催办：${r.year} 年度` : `年报填报提醒：${r.year} 年度`,
    [
      md(`${head}\n你负责的这些部分还没有完成：`),
      md(lines.join('\n')),
      actionButton('继续填报', { action: 'overview', ...ids }, 'primary_filled'),
      // An admin asked for today: putting it off until tomorrow is not this card's offer.
      ...(urged ? [] : [actionButton('明天再提醒我', { action: 'snooze_reminder', ...ids, date: r.date })]),
    ],
    color,
  );
}
