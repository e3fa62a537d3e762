/**
 * The 驳回 form that replaces the approver card: a reason (required) and the sections to send back (at least
 * one, none preselected: sending a section back is a decision, not a default).
 */
import type { RejectFormState } from '../src/approval/context.js';
import type { ReviewView } from '../src/approval/review-view.js';
import { cardShell, type Card } from './card-shell.js';
import { confirmDialog, reviewValue } from './approval-card.js';
import { actionButton, escapeMd, formButton } from './parts/elements.js';
import { sendBackFields } from './parts/send-back-fields.js';

/** The reject form for the submission of `view`. */
export function rejectCard(view: ReviewView, state: RejectFormState = {}): Card {
  const form = sendBackFields(view, state, {
    intro: `驳回 **${escapeMd(view.unitName)}** ${view.year} 年度报告第 ${view.version} 版。\n只有所选部分的填报人会收到理由并重新填写，其他部分保持锁定。`,
    reasonLabel: '驳回理由',
    reasonExample: '例如：表三第（三）项的数字与正文不一致，请核对',
    sectionsHeading: '**退回修改的部分**（可多选，至少一项）',
    sectionsPlaceholder: '选择要退回修改的部分（至少一项）',
  });
  form.push({
    ...formButton('reject_confirm', '确认驳回', reviewValue(view, 'reject_confirm'), 'danger'),
    confirm: confirmDialog(
      '确认驳回？',
      `驳回后，第 ${view.version} 版退回修改：所选部分的填报人会收到驳回理由并重新填写，其他部分保持锁定；他们改完后重新提交审核。`,
    ),
  });
  return cardShell(
    `驳回：${view.year} 年度报告第 ${view.version} 版`,
    [
      { tag: 'form', name: 'reject_form', elements: form },
      actionButton('返回审核', reviewValue(view, 'review')),
    ],
    'red',
  );
}
