/**
 * The 重新打开 form of an approved report: a reason (required) and the sections that go back to filling (at least
 * one, none preselected, as on 驳回), and 确认重新打开 behind Feishu's confirm dialog.
 */
import type { RejectFormState } from '../src/approval/context.js';
import type { ReopenView } from '../src/approval/reopen.js';
import { MAX_REASON_CHARS } from '../src/approval/actions.js';
import { cardShell, type Card } from './card-shell.js';
import { confirmDialog } from './approval-card.js';
import { adminValue } from './parts/admin-controls.js';
import { actionButton, escapeMd, formButton, md, red } from './parts/elements.js';
import { namesOf } from './review-parts.js';

/** The reopen form of the approved version of `view`. */
export function reopenCard(view: ReopenView, state: RejectFormState = {}): Card {
  const errors = state.errors ?? {};
  const value = (action: string) => ({
    action,
    ...view.ids,
    submission: view.version,
    from: view.from,
  });
  const form: object[] = [
    md(
      `重新打开 **${escapeMd(view.unitName)}** ${view.year} 年度报告第 ${view.version} 版（已审核通过）。\n所选部分退回填写，其他部分保持锁定；改好后重新提交，按审核顺序重新审核。第 ${view.version} 版定稿和它的 Word 文件保留在审核历史里。`,
    ),
    {
      tag: 'input',
      name: 'reason',
      required: true,
      input_type: 'multiline_text',
      rows: 4,
      max_length: MAX_REASON_CHARS,
      width: 'fill',
      label: { tag: 'plain_text', content: '重新打开的理由' },
      placeholder: { tag: 'plain_text', content: '例如：公开前发现表三第（三）项的数字有误，请核对后修改' },
      ...(state.reason ? { default_value: state.reason } : {}),
    },
  ];
  if (errors.reason) form.push(md(red(escapeMd(errors.reason))));
  form.push(md('**重新填写的部分**（可多选，至少一项）'));
  form.push({
    tag: 'multi_select_static',
    name: 'sections',
    required: true,
    width: 'fill',
    placeholder: { tag: 'plain_text', content: '选择要重新填写的部分（至少一项）' },
    options: view.sections.map((s) => ({
      text: { tag: 'plain_text', content: `${s.heading}（${namesOf(view.names, s.fillers)}）` },
      value: s.id,
    })),
    ...(state.sections?.length ? { selected_values: state.sections } : {}),
  });
  if (errors.sections) form.push(md(red(escapeMd(errors.sections))));
  form.push({
    ...formButton('reopen_confirm', '确认重新打开', value('reopen_confirm'), 'danger'),
    confirm: confirmDialog(
      '确认重新打开？',
      `重新打开后，第 ${view.version} 版不再是定稿：所选部分的填报人会收到理由并重新填写，其他部分保持锁定；改好后重新提交，按审核顺序重新审核。本单位的填报人、审核人和管理员都会收到通知。`,
    ),
  });
  const back =
    view.from === 'admin'
      ? adminValue('round_unit', { round_id: view.ids.round_id, unit_id: view.ids.unit_id })
      : value('reopen_back');
  return cardShell(
    `重新打开：${view.year} 年度报告第 ${view.version} 版`,
    [{ tag: 'form', name: 'reopen_form', elements: form }, actionButton('返回', back)],
    'orange',
  );
}
