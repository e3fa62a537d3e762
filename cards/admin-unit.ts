/**
 * A unit's people as its admin changes them (in a round being set up or a running one): who fills each section
 * and who approves, with a form to hand chosen sections to other fillers and one for the approval chain; and the
 * form of a new unit. Pickers offer the candidates the card carries; the text box beside takes names or mobiles.
 */
import { FIELDS } from '../src/admin/unit-form.js';
import type { NewUnitView, UnitOwner, UnitView } from '../src/admin/views.js';
import { SHORT_SECTION } from '../src/admin/views.js';
import { cardShell, type Card } from './card-shell.js';
import {
  adminValue,
  confirmed,
  form,
  labelledInput,
  multiStaticSelect,
  personPicker,
} from './parts/admin-controls.js';
import { actionButton, escapeMd, formButton, grey, md, orange, type ActionValue } from './parts/elements.js';

const ownerIds = (o: UnitOwner): Record<string, string | number> =>
  'setup_id' in o ? { setup_id: o.setup_id, version: o.version } : { round_id: o.round_id };

const WRITE_HINT = '或写姓名、手机号、邮箱，多人用「、」隔开';

/** The approval chain's pickers: one per level, the current chain preselected. */
function chainControls(candidates: UnitView['candidates'], chain: string[]): object[] {
  return [
    ...FIELDS.chain.map((name, i) =>
      personPicker(
        name,
        i === 0 ? '第一级审核人（必选）' : `第${'一二三'[i]}级审核人（可不选）`,
        candidates,
        chain[i] ? [chain[i]] : [],
      ),
    ),
    labelledInput(FIELDS.chainText, '更多审核人（按顺序接在后面）', '', WRITE_HINT),
  ];
}

const STANDING: Record<string, string> = {
  approved: '已通过审核',
  waiting: '审核中',
  unsubmitted: '已填完，未提交审核',
  filling: '填报中',
};

/** A unit's people, with the forms to change them. */
export function unitCard(v: UnitView): Card {
  const ids = { ...ownerIds(v.owner), unit_id: v.unitId };
  const lines = v.sections.map(
    (s) =>
      `- ${escapeMd(s.heading)}：${escapeMd(s.fillers.map((p) => p.name).join('、') || '（未指定）', 120)}`,
  );
  const elements: object[] = [];
  if (v.notice) elements.push(md(orange(escapeMd(v.notice, 200))));
  elements.push(
    md(`**${escapeMd(v.unitName, 60)}**\u3000${grey(escapeMd(v.title, 60))}`),
    ...(v.standing
      ? [
          md(
            `现在：${STANDING[v.standing.status]}（${v.standing.complete}/${v.standing.total} 个部分已填完）`,
          ),
        ]
      : []),
    ...(v.reopen
      ? [
          actionButton('重新打开', {
            action: 'reopen',
            ...ids,
            submission: v.reopen.submission,
            from: 'admin',
          } as ActionValue),
        ]
      : []),
    md(`**填报人**\n${lines.join('\n')}`),
    md(`**审核顺序**：${escapeMd(v.approvers.map((p) => p.name).join(' → ') || '（未指定）', 160)}`),
    { tag: 'hr' },
    form('fillers_form', [
      md('**更换填报人**：选择部分和新的填报人（已填写的内容都保留）'),
      multiStaticSelect(
        FIELDS.sections,
        '哪些部分（不选 = 全部六个部分）',
        v.sections.map((s) => ({ value: s.id, text: `${SHORT_SECTION[s.id]}、${s.heading.slice(2)}` })),
      ),
      personPicker(FIELDS.fillers, '新的填报人', v.candidates, [], true),
      labelledInput(FIELDS.fillersText, '或写出填报人', '', WRITE_HINT),
      formButton('b_unit_fillers', '更换填报人', adminValue('unit_fillers', ids), 'primary_filled'),
    ]),
    form('chain_form', [
      md('**更换审核人**'),
      ...chainControls(
        v.candidates,
        v.approvers.map((p) => p.openId),
      ),
      formButton('b_unit_chain', '保存审核顺序', adminValue('unit_chain', ids), 'primary_filled'),
    ]),
    confirmed(
      actionButton(
        `移出${'round_id' in v.owner ? '本轮' : '列表'}`,
        adminValue('unit_remove', ids),
        'danger',
      ),
      `移出「${v.unitName}」？`,
      'round_id' in v.owner
        ? '这个单位的人会收到通知；已填写的内容保留，重新加入时恢复。'
        : '只是从这个草稿里移除。',
    ),
    actionButton('返回', adminValue('unit_back', ownerIds(v.owner))),
  );
  return cardShell(`单位人员：${v.unitName}`, elements);
}

/** The form of a new unit. */
export function newUnitCard(v: NewUnitView): Card {
  const ids = ownerIds(v.owner);
  return cardShell('添加单位', [
    ...(v.notice ? [md(orange(escapeMd(v.notice, 200)))] : []),
    md(grey(escapeMd(v.title, 60))),
    form('new_unit_form', [
      labelledInput(FIELDS.unitName, '单位名称（报告标题里的机关全称）', '', '例如 云溪县教育局'),
      personPicker(FIELDS.fillers, '填报人（先填全部六个部分，之后可按部分更换）', v.candidates, [], true),
      labelledInput(FIELDS.fillersText, '或写出填报人', '', WRITE_HINT),
      ...chainControls(v.candidates, []),
      formButton('b_unit_add', '添加', adminValue('unit_add', ids), 'primary_filled'),
    ]),
    actionButton('返回', adminValue('unit_back', ids)),
  ]);
}
