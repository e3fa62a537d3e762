/**
 * A running round as its admin manages it: the units and where each stands, and the levers (a unit's people, a new
 * unit, the deadline, co-admins, the working group, the spreadsheet, the history, closing); the list of rounds; a
 * round's history; the deadline and co-admin forms.
 */
import { ROUND_FIELDS } from '../src/admin/round-actions.js';
import type { PersonView, RoundAdminView, RoundHistoryView, RoundsView } from '../src/admin/views.js';
import { cardShell, type Card } from './card-shell.js';
import {
  adminValue,
  confirmed,
  form,
  labelledInput,
  personPicker,
  staticSelect,
} from './parts/admin-controls.js';
import { actionButton, escapeMd, formButton, grey, md, orange } from './parts/elements.js';
import { unitStandingList } from './parts/unit-standing.js';

/** The admin card of a running round. */
export function roundAdminCard(v: RoundAdminView): Card {
  const id = { round_id: v.roundId };
  const c = v.counts;
  const elements: object[] = [];
  if (v.notice) elements.push(md(orange(escapeMd(v.notice, 200))));
  elements.push(
    md(`**${escapeMd(v.name, 80)}**\n截止时间 ${v.deadlineText}${v.closed ? '\u3000**已关闭**' : ''}`),
    md(
      `共 **${v.units.length}** 个单位：已通过 ${c.approved} · 审核中 ${c.waiting} · 已填完未提交 ${c.unsubmitted} · 填报中 ${c.filling}`,
    ),
    md(unitStandingList(v.units)),
    md(grey(`管理员：${escapeMd(v.admins.join('、'), 120)}`), true),
  );
  if (!v.closed) {
    elements.push(
      form('round_unit_form', [
        staticSelect(
          ROUND_FIELDS.unit,
          '选择单位',
          v.units.slice(0, 100).map((u) => ({ value: u.unitId, text: u.unitName })),
        ),
        formButton('b_round_unit', '查看、更换这个单位的人员', adminValue('round_unit', id)),
      ]),
      // A consolidated report has one unit, the 本级政府: another unit would have no sums to show.
      ...(v.consolidated ? [] : [actionButton('添加单位', adminValue('round_unit_new', id))]),
      actionButton('修改截止时间', adminValue('round_deadline', id)),
      actionButton('添加管理员', adminValue('round_admins', id)),
    );
    if (!v.hasGroup) elements.push(actionButton('建立工作群', adminValue('round_group', id)));
    // 条例 art. 49: the 本级政府's own report, summed from the units' approved ones (src/consolidated).
    if (!v.consolidated) elements.push(actionButton('汇总本级报告', adminValue('consolidate_start', id)));
  }
  elements.push(
    actionButton('导出人员表格', adminValue('round_sheet', id)),
    actionButton('变更记录', adminValue('round_history', id)),
  );
  if (!v.closed)
    elements.push(
      confirmed(
        actionButton('关闭本轮', adminValue('round_close', id), 'danger'),
        '关闭这一轮？',
        '关闭后不再提醒，也不能再填报；还没通过的单位的人会收到通知。',
      ),
    );
  elements.push(actionButton('所有轮次', adminValue('rounds', {})));
  return cardShell(`管理：${v.year} 年度`, elements, v.closed ? 'grey' : 'blue');
}

/** The rounds a person administers. */
export function roundsCard(v: RoundsView): Card {
  const elements: object[] = [];
  if (!v.rounds.length) elements.push(md('你还没有管理的轮次。'));
  for (const r of v.rounds.slice(0, 20))
    elements.push(
      md(
        `**${escapeMd(r.name, 80)}**\n截止 ${r.deadlineText} · ${r.units} 个单位${r.closed ? ' · 已关闭' : ''}`,
      ),
      actionButton('管理', adminValue('round_admin', { round_id: r.id })),
    );
  if (v.mayOpen)
    elements.push({ tag: 'hr' }, actionButton('新建年报', adminValue('setup_start', {}), 'primary_filled'));
  return cardShell('年报轮次', elements);
}

/** A round's history, newest first. */
export function roundHistoryCard(v: RoundHistoryView): Card {
  const lines = v.events.map((e) => `- ${e.at}\u3000${escapeMd(e.by, 20)}：${escapeMd(e.summary, 200)}`);
  return cardShell('变更记录', [
    md(`**${escapeMd(v.name, 80)}**`),
    md(lines.join('\n') || '还没有变更。'),
    actionButton('返回', adminValue('round_admin', { round_id: v.roundId })),
  ]);
}

/** The deadline form. */
export function roundDeadlineCard(v: {
  roundId: string;
  name: string;
  deadlineInput: string;
  deadlineText: string;
}): Card {
  const id = { round_id: v.roundId };
  return cardShell('修改截止时间', [
    md(`**${escapeMd(v.name, 80)}**\n现在的截止时间：${v.deadlineText}`),
    form('deadline_form', [
      labelledInput(
        ROUND_FIELDS.deadline,
        '新的截止时间（北京时间）',
        v.deadlineInput,
        '例如 2027-02-10 18:00',
      ),
      confirmed(
        formButton('b_round_deadline_save', '保存', adminValue('round_deadline_save', id), 'primary_filled'),
        '修改截止时间？',
        '还没通过审核的单位的人会收到通知，提醒按新的截止时间发送。',
      ),
    ]),
    actionButton('返回', adminValue('round_admin', id)),
  ]);
}

/** The co-admin form. */
export function roundAdminsCard(v: {
  roundId: string;
  name: string;
  admins: string[];
  candidates: PersonView[];
}): Card {
  const id = { round_id: v.roundId };
  return cardShell('添加管理员', [
    md(`**${escapeMd(v.name, 80)}**\n现在的管理员：${escapeMd(v.admins.join('、'), 120)}`),
    form('admins_form', [
      personPicker(ROUND_FIELDS.admins, '选择新的管理员', v.candidates, [], true),
      labelledInput(ROUND_FIELDS.adminsText, '或写出管理员', '', '姓名、手机号或邮箱，多人用「、」隔开'),
      formButton('b_round_admins_save', '添加', adminValue('round_admins_save', id), 'primary_filled'),
    ]),
    actionButton('返回', adminValue('round_admin', id)),
  ]);
}
