/**
 * The approver's card: who submitted what, the diff since the rejected version, every section with its
 * table, the warnings, and 通过 / 驳回 bound to this exact version and chain step.
 */
import type { ReviewView } from '../src/approval/review-view.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, columns, escapeMd, grey, md, orange } from './parts/elements.js';
import { diffPanel } from './review-diff.js';
import { beijingTime, nameOf, panel } from './review-parts.js';
import { MAX_SECTION_CHARS, sectionPanels } from './review-report.js';
import { overLimits } from './parts/limits.js';

/** Warnings listed; the rest are counted. */
const MAX_WARNINGS = 10;

/** The values every button of this card carries. */
export function reviewValue(view: ReviewView, action: string) {
  return { action, ...view.ids, submission: view.version, step: view.step };
}

/** A Feishu confirm dialog (button property `confirm`): 确定 sends the callback, 取消 nothing. */
export function confirmDialog(title: string, text: string): object {
  return { title: { tag: 'plain_text', content: title }, text: { tag: 'plain_text', content: text } };
}

/** 通过 cannot be undone: the dialog says what follows, passed on or final. */
function approveConfirm(view: ReviewView): object {
  const next = view.approvers[view.step + 1];
  return next
    ? confirmDialog(
        '确认通过？',
        `通过后，第 ${view.version} 版转给下一位审核人 ${view.names[next] ?? '下一位审核人'} 审核，你不能再改变这个决定。`,
      )
    : confirmDialog(
        '确认审核通过？',
        `通过后，第 ${view.version} 版即为定稿，不能再修改，也不能撤销；定稿 Word 文件会发给所有填报人和审核人。`,
      );
}

/** The chain as one line: 「王芳 → 赵磊」, the current one in bold. */
function chainText(view: ReviewView): string {
  return view.approvers
    .map((id, i) =>
      i === view.step && !view.outcome ? `**${nameOf(view.names, id)}**` : nameOf(view.names, id),
    )
    .join(' → ');
}

/**
 * The approver card of a submission. Long reports with a long diff can pass Feishu's 30 KB: then the texts
 * and the diff are shortened (the Word file, one tap away, has everything).
 */
export function approvalCard(view: ReviewView): Card {
  const full = buildCard(view, MAX_SECTION_CHARS, 40);
  if (!overLimits(full)) return full;
  const shorter = buildCard(view, 300, 20);
  return overLimits(shorter) ? buildCard(view, 80, 8) : shorter;
}

function buildCard(view: ReviewView, sectionChars: number, diffChanges: number): Card {
  const elements: object[] = [
    md(
      [
        `**${escapeMd(view.unitName)}** ${view.year} 年政府信息公开工作年度报告 · 第 ${view.version} 版`,
        `提交人：${nameOf(view.names, view.submittedBy)}\u3000${grey(beijingTime(view.submittedAt))}`,
        `审核顺序：${chainText(view)}${view.approvers.length > 1 ? `（第 ${view.step + 1}/${view.approvers.length} 位）` : ''}`,
      ].join('\n'),
    ),
  ];
  if (view.outcome)
    elements.push(md(`<font color='${view.outcome.color}'>**${escapeMd(view.outcome.text, 200)}**</font>`));
  if (view.diff) elements.push(diffPanel(view.diff, diffChanges));
  elements.push(
    md('**各部分内容**（点开查看，完整排版见 Word 文件）', true),
    ...sectionPanels(view.sections, view.names, sectionChars, (section) => ({
      ...reviewValue(view, 'read_section'),
      section,
    })),
  );
  if (view.warnings.length) {
    const shown = view.warnings.slice(0, MAX_WARNINGS).map((w) => `- ${orange(escapeMd(w))}`);
    if (view.warnings.length > MAX_WARNINGS) shown.push(`- ……还有 ${view.warnings.length - MAX_WARNINGS} 条`);
    elements.push(panel(`${view.warnings.length} 条提醒（不影响提交）`, [md(shown.join('\n'))], true));
  } else elements.push(md(grey('检查通过：没有错误，也没有提醒。'), true));
  elements.push({ tag: 'hr' });
  const word = actionButton('Word 文件', { action: 'resend_file', ...view.ids, submission: view.version });
  if (!view.outcome) {
    elements.push(
      columns([
        [
          {
            ...actionButton('通过', reviewValue(view, 'approve'), 'primary_filled'),
            confirm: approveConfirm(view),
          },
        ],
        [actionButton('驳回', reviewValue(view, 'reject'), 'danger')],
        [word],
      ]),
    );
  } else elements.push(columns([[word], [actionButton('历史', { action: 'history', ...view.ids })]]));
  const title = `请审核：${view.unitName.slice(0, 20)} ${view.year} 年度报告`;
  return cardShell(
    view.outcome ? `${view.year} 年度报告 · 第 ${view.version} 版` : title,
    elements,
    view.outcome
      ? view.outcome.color === 'green'
        ? 'green'
        : view.outcome.color === 'red'
          ? 'red'
          : 'grey'
      : 'blue',
  );
}
