/**
 * The notice of a reopened report (重新打开): who reopened the approved version, why, which sections went back
 * to whom. The fillers of those sections get a button into each, as after a rejection; everyone else learns it
 * and keeps the approved version's Word file one tap away.
 */
import type { ApprovalNotice } from '../src/approval/notice.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, columns, escapeMd, grey, md } from './parts/elements.js';
import { nameOf, namesOf } from './review-parts.js';

type Reopened = Extract<ApprovalNotice, { kind: 'reopened' }>;

/** The card of a reopened report for the fillers, the approvers, the admins and whoever reopened it. */
export function reopenedCard(n: Reopened): Card {
  const who = nameOf(n.names, n.by);
  const report = `**${escapeMd(n.unitName)}** ${n.year} 年度报告第 ${n.version} 版`;
  const toWhom = (list: Reopened['sections']) =>
    list.map((s) => `${s.heading}（${namesOf(n.names, s.fillers)}）`).join('、');
  const mine = n.role === 'filler' ? n.sections.filter((s) => s.mine) : [];
  const others = n.sections.filter((s) => !mine.includes(s));
  const lines = [
    n.role === 'actor'
      ? `你已重新打开 ${report}（原已审核通过）。`
      : `**${escapeMd(who, 30)}** 重新打开了已审核通过的 ${report}。`,
    `**重新打开的理由：**${escapeMd(n.reason, 600)}`,
  ];
  if (mine.length) {
    lines.push(`**请你修改：**${mine.map((s) => s.heading).join('、')}`);
    if (others.length) lines.push(grey(`同时重新填写：${toWhom(others)}`));
    lines.push(grey('其他部分保持锁定。改好后在汇总卡片上重新提交审核，按审核顺序重新审核。'));
  } else {
    lines.push(`**重新填写：**${toWhom(n.sections)}`);
    lines.push(
      grey(
        n.role === 'filler'
          ? '你负责的部分保持锁定，不需要修改；重新填写的部分改好后会重新提交审核。'
          : '其他部分保持锁定；改好后重新提交，按审核顺序重新审核。',
      ),
    );
  }
  lines.push(grey(`第 ${n.version} 版定稿保留在审核历史里，它的 Word 文件随时可以再获取。`));
  const open = mine.map((s) =>
    actionButton(
      `修改${s.heading.slice(0, 12)}`,
      { action: 'open_section', ...n.ids, section: s.id },
      'primary_filled',
    ),
  );
  const word = actionButton(`第 ${n.version} 版定稿 Word 文件`, {
    action: 'resend_file',
    ...n.ids,
    submission: n.version,
  });
  const history = actionButton('历史', { action: 'history', ...n.ids });
  return cardShell(
    mine.length ? '年报已重新打开，请修改' : `年报已重新打开 · 第 ${n.version} 版`,
    [md(lines.join('\n')), { tag: 'hr' }, ...open, columns([[word], [history]])],
    'orange',
  );
}
