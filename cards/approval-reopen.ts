/**
 * The 重新打开 form of an approved report: a reason (required) and the sections that go back to filling (at least
 * one, none preselected, as on 驳回), and 确认重新打开 behind Feishu's confirm dialog.
 */
import type { RejectFormState } from '../src/approval/context.js';
import type { ReopenView } from '../src/approval/reopen.js';
import { cardShell, type Card } from './card-shell.js';
import { confirmDialog } from './approval-card.js';
import { adminValue } from './parts/admin-controls.js';
import { actionButton, escapeMd, formButton } from './parts/elements.js';
import { sendBackFields } from './parts/send-back-fields.js';

/** The reopen form of the approved version of `view`. */
export function reopenCard(view: ReopenView, state: RejectFormState = {}): Card {
  const value = (action: string) => ({
    action,
    ...view.ids,
    submission: view.version,
    from: view.from,
  });
  const form = sendBackFields(view, state, {
    intro: `重新打开 **${escapeMd(view.unitName)}** ${view.year} 年度报告第 ${view.version} 版（已审核通过）。\n所选部分退回填写，其他部分保持锁定；改好后重新提交，按审核顺序重新审核。第 ${view.version} 版定稿和它的 Word 文件保留在审核历史里。`,
    reasonLabel: '重新打开的理由',
    reasonExample: '例如：公开前发现表三第（三）项的数字有误，请核对后修改',
    sectionsHeading: '**重新填写的部分**（可多选，至少一项）',
    sectionsPlaceholder: '选择要重新填写的部分（至少一项）',
  });
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
