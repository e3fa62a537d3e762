/** 催办: a report waiting for this approver, and how long it has waited. */
import dayjs from 'dayjs';
import type { ApproveReminder } from '../src/reminders/audience.js';
import { REMINDER_TIME_ZONE } from '../src/reminders/dates.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, escapeMd, md } from './parts/elements.js';

/** The card an approver gets while a report waits for them. */
export function approveReminderCard(r: ApproveReminder): Card {
  const since = dayjs(r.since).tz(REMINDER_TIME_ZONE).format('M月D日 HH:mm');
  // An admin may chase a report that reached the approver today: then there is no full working day to count.
  const waited = r.waitedWorkdays
    ? `等待你审核 **${r.waitedWorkdays} 个工作日**（${since} 提交）`
    : `等待你审核（${since} 送达）`;
  const urged = r.urgedBy ? `**${escapeMd(r.urgedBy, 20)}（管理员）催办**：` : '';
  return cardShell(
    `年报审核催办：${r.year} 年度`,
    [
      md(
        `${urged}**${escapeMd(r.unitName)}** 的《${escapeMd(r.roundName)}》已提交审核，${waited}。\n` +
          `截止时间：${r.deadlineText}（北京时间）。`,
      ),
      ...(r.submission !== undefined
        ? [
            actionButton(
              '去审核',
              {
                action: 'review',
                round_id: r.roundId,
                unit_id: r.unitId,
                submission: r.submission,
                step: r.step ?? 0,
              },
              'primary_filled',
            ),
          ]
        : []),
    ],
    'orange',
  );
}
