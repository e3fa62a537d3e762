/**
 * The 驳回 form that replaces the approver card: a reason (required) and the sections to send back (at least
 * one, none preselected: sending a section back is a decision, not a default).
 */
import type { RejectFormState } from '../src/approval/context.js';
import type { ReviewView } from '../src/approval/review-view.js';
import { MAX_REASON_CHARS } from '../src/approval/actions.js';
import { cardShell, type Card } from './card-shell.js';
import { confirmDialog, reviewValue } from './approval-card.js';
import { actionButton, escapeMd, formButton, md, red } from './parts/elements.js';
import { namesOf } from './review-parts.js';

/** The reject form for the submission of `view`. */
export function rejectCard(view: ReviewView, state: RejectFormState = {}): Card {
  const errors = state.errors ?? {};
  const form: object[] = [
    md(
      `驳回 **${escapeMd(view.unitName)}** ${view.year} 年度报告第 ${view.version} 版。\n只有所选部分的填报人会收到理由并重新填写，其他部分保持锁定。`,
    ),
    {
      tag: 'input',
      name: 'reason',
      required: true,
      input_type: 'multiline_text',
      rows: 4,
      max_length: MAX_REASON_CHARS,
      width: 'fill',
      label: { tag: 'plain_text', content: '驳回理由' },
      placeholder: { tag: 'plain_text', content: '例如：表三第（三）项的数字与正文不一致，请核对' },
      ...(state.reason ? { default_value: state.reason } : {}),
    },
  ];
  if (errors.reason) form.push(md(red(escapeMd(errors.reason))));
  form.push(md('**退回修改的部分**（可多选，至少一项）'));
  form.push({
    tag: 'multi_select_static',
    name: 'sections',
    required: true,
    width: 'fill',
    placeholder: { tag: 'plain_text', content: '选择要退回修改的部分（至少一项）' },
    options: view.sections.map((s) => ({
      text: { tag: 'plain_text', content: `${s.heading}（${namesOf(view.names, s.fillers)}）` },
      value: s.id,
    })),
    ...(state.sections?.length ? { selected_values: state.sections } : {}),
  });
  if (errors.sections) form.push(md(red(escapeMd(errors.sections))));
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
