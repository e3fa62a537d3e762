/** The card a filler gets on 填报: their unit, the deadline, their sections with state, and where to start. */
import type { OverviewView, SectionLine } from '../src/filling/view.js';
import { lockedIn } from '../src/filling/review-standing.js';
import { cardShell, type Card } from './card-shell.js';
import { reviewLine } from './review-line.js';
import {
  actionButton,
  columns,
  escapeMd,
  grey,
  md,
  orange,
  red,
  type ActionValue,
} from './parts/elements.js';

const STATE_COLOR = {
  not_started: grey,
  in_progress: orange,
  has_errors: red,
  complete: (s: string) => `<font color='green'>${s}</font>`,
};

/** 「填写中（2/7 步）」 in the state's colour. */
export function stateText(line: SectionLine): string {
  const steps = line.state === 'complete' ? '' : `（${line.done}/${line.total} 步）`;
  const errors = line.errors ? `，${line.errors} 处错误` : '';
  return STATE_COLOR[line.state](`${line.stateLabel}${steps}${errors}`);
}

/**
 * The buttons under the sections, each one that works in the report's state: the summary with 提交审核 only
 * while it can be submitted; once submitted 撤回 (while nobody decided) and the Word file under review; once
 * approved the final Word file; 历史 whenever there is a review to look back on.
 */
function footerOf(view: OverviewView, base: { round_id: string; unit_id: string }): object[] {
  const review = view.review;
  const word = (label: string, type?: 'primary_filled') =>
    actionButton(label, { action: 'resend_file', ...base, submission: review!.version }, type);
  const buttons: object[] = [];
  if (review?.status === 'approved') buttons.push(word('定稿 Word 文件', 'primary_filled'));
  else if (review?.status === 'submitted') {
    if (review.withdrawable)
      buttons.push(actionButton('撤回', { action: 'withdraw', ...base, submission: review.version }));
    buttons.push(word('Word 文件'));
  } else if (view.unitReady && !view.closed)
    buttons.push(actionButton('查看汇总并提交审核', { action: 'summary', ...base }, 'primary_filled'));
  buttons.push(actionButton('进度', { action: 'progress', ...base }));
  if (review) buttons.push(actionButton('历史', { action: 'history', ...base }));
  return buttons.length > 2 ? [columns(buttons.map((b) => [b]))] : buttons;
}

/** The unit card of 填报. */
export function overviewCard(view: OverviewView): Card {
  const ids = { round_id: view.ids.round_id, unit_id: view.ids.unit_id };
  const rows = view.sections.map((s) => {
    // A closed round refuses every filling tap, so its card shows the states without the buttons.
    if (view.closed) return md(`**${s.heading}**\n${stateText(s)}`);
    const value: ActionValue = { action: 'open_section', ...ids, section: s.id };
    // A section the review locked opens read-only: 查看修改 would only be refused.
    const locked = lockedIn(view.review, s.id) || Boolean(view.readOnly?.includes(s.id));
    const label = locked
      ? '查看'
      : s.state === 'not_started'
        ? '开始填报'
        : s.state === 'complete'
          ? '查看修改'
          : '继续填报';
    const quiet = locked || s.state === 'complete';
    return columns(
      [
        [md(`**${s.heading}**\n${stateText(s)}`)],
        [actionButton(label, value, quiet ? 'default' : 'primary_filled')],
      ],
      [3, 1],
    );
  });
  const approved = view.review?.status === 'approved';
  return cardShell(
    `${view.year} 年度年报${approved ? '（已审核通过）' : '填报'}${view.closed ? '（已关闭）' : ''}`,
    [
      md(
        `**${escapeMd(view.unitName)}**\n${escapeMd(view.roundName)}\n截止时间：**${view.deadlineText}**（北京时间）`,
      ),
      ...(view.closed ? [md(grey(escapeMd(view.closed, 200)))] : []),
      ...(view.review ? [reviewLine(view.review)] : []),
      md(view.sections.length ? '分配给你的部分：' : '这个单位没有分配给你的部分。'),
      ...rows,
      { tag: 'hr' },
      ...(view.closed ? [actionButton('进度', { action: 'progress', ...ids })] : footerOf(view, ids)),
    ],
    view.closed ? 'grey' : approved ? 'green' : 'blue',
  );
}
