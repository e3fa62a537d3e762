/** The short cards of the approval flow: sent, passed on, rejected (with the sections to fix), approved, withdrawn. */
import type { ApprovalNotice } from '../src/approval/notice.js';
import { cardShell, type Card, type CardColor } from './card-shell.js';
import { actionButton, columns, escapeMd, grey, md } from './parts/elements.js';
import { nameOf, namesOf } from './review-parts.js';
import { reopenedCard } from './reopen-notice.js';

/** The card of one notice. */
export function noticeCard(notice: ApprovalNotice): Card {
  // Only the ids travel on buttons (a value built from a callback value may carry its old action).
  const n = {
    ...notice,
    ids: { round_id: notice.ids.round_id, unit_id: notice.ids.unit_id },
  } as ApprovalNotice;
  const who = (id: string) => nameOf(n.names, id);
  const report = `**${escapeMd(n.unitName)}** ${n.year} 年度报告第 ${n.version} 版`;
  const history = actionButton('历史', { action: 'history', ...n.ids });
  const word = actionButton('Word 文件', { action: 'resend_file', ...n.ids, submission: n.version });
  const card = (title: string, color: CardColor, lines: string[], buttons: object[]) =>
    cardShell(title, [md(lines.join('\n')), { tag: 'hr' }, columns(buttons.map((b) => [b]))], color);
  switch (n.kind) {
    case 'submitted': {
      const chain = n.approvers.length > 1 ? `（审核顺序：${n.approvers.map(who).join(' → ')}）` : '';
      const buttons = n.canWithdraw
        ? [actionButton('撤回', { action: 'withdraw', ...n.ids, submission: n.version }), history]
        : [history];
      return card(
        `已提交审核 · 第 ${n.version} 版`,
        'green',
        [
          `${who(n.by)} 已把 ${report} 提交审核，已发给 **${who(n.current)}**${chain}。`,
          grey('审核期间年报锁定，不能修改；审核人决定之前可以撤回。'),
        ],
        buttons,
      );
    }
    case 'rejected': {
      const mine = n.sections.filter((s) => s.mine);
      const others = n.sections.filter((s) => !s.mine);
      const toWhom = (list: typeof n.sections) =>
        list.map((s) => `${s.heading}（${namesOf(n.names, s.fillers)}）`).join('、');
      const lines = [`**${who(n.by)}** 驳回了 ${report}。`, `**驳回理由：**${escapeMd(n.reason, 600)}`];
      if (!mine.length) {
        // Someone whose sections were not sent back still learns the decision, and that nothing is theirs to do.
        lines.push(
          `**退回修改：**${toWhom(n.sections)}`,
          grey('你负责的部分没有退回，保持锁定，不需要修改；退回的部分改好后会重新提交审核。'),
        );
        return card(`年报被驳回 · 第 ${n.version} 版`, 'orange', lines, [history]);
      }
      lines.push(`**请你修改：**${mine.map((s) => s.heading).join('、')}`);
      if (others.length) lines.push(grey(`同时退回给其他填报人：${toWhom(others)}`));
      lines.push(grey('其他部分保持锁定。改好后在汇总卡片上重新提交审核。'));
      const open = mine.map((s) =>
        actionButton(
          `修改${s.heading.slice(0, 12)}`,
          { action: 'open_section', ...n.ids, section: s.id },
          'primary_filled',
        ),
      );
      return cardShell(
        `年报被驳回，请修改`,
        [md(lines.join('\n')), { tag: 'hr' }, ...open, columns([[history]])],
        'red',
      );
    }
    case 'reopened':
      return reopenedCard(n);
    case 'passed':
      return card(
        `审核进展 · 第 ${n.version} 版`,
        'blue',
        [`${who(n.by)} 已通过 ${report}，已转给 **${who(n.next)}** 审核。`],
        [history],
      );
    case 'approved':
      return card(
        `年报已审核通过 · 第 ${n.version} 版`,
        'green',
        [
          `${report} 已由 ${who(n.by)} 审核通过，年报已锁定。`,
          grey('定稿 Word 文件随后发给每位填报人和审核人。'),
        ],
        [word, history],
      );
    case 'withdrawn':
      return card(
        `已撤回 · 第 ${n.version} 版`,
        'grey',
        n.byFiller
          ? [`${who(n.by)} 已撤回 ${report}，年报重新开放填写。改好后在汇总卡片上重新提交审核。`]
          : [`${who(n.by)} 撤回了 ${report}，不需要审核了。`],
        [history],
      );
    case 'decided': {
      const lines =
        n.decision === 'rejected'
          ? [
              `你已驳回 ${report}。`,
              `驳回理由：${escapeMd(n.reason ?? '', 600)}`,
              `退回修改：${(n.sections ?? []).join('、')}（已通知这些部分的填报人）`,
            ]
          : n.decision === 'passed'
            ? [`你已通过 ${report}，已转给 **${who(n.next ?? '')}** 审核。`]
            : [
                `你已通过 ${report}，审核完成，年报已锁定。`,
                grey('定稿 Word 文件随后发给每位填报人和审核人。'),
              ];
      const title =
        n.decision === 'rejected'
          ? '已驳回'
          : n.decision === 'passed'
            ? '已通过，转下一位审核'
            : '已通过（终审）';
      // The last approver may reopen what they approved when an error turns up before it is published.
      const reopen =
        n.decision === 'approved'
          ? [
              actionButton('重新打开', {
                action: 'reopen',
                ...n.ids,
                submission: n.version,
                from: 'approver',
              }),
            ]
          : [];
      return card(`${title} · 第 ${n.version} 版`, n.decision === 'rejected' ? 'red' : 'green', lines, [
        word,
        history,
        ...reopen,
      ]);
    }
  }
}
