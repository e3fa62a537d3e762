/**
 * 新建年报: the card of a round being set up — settings, the units with their people by name, every problem by
 * row, the ways to add units, and 创建. All its buttons sit in one form so what was typed travels with any tap.
 */
import { SETUP_FIELDS } from '../src/admin/setup-actions.js';
import type { DepartmentsView, SetupView } from '../src/admin/views.js';
import { cardShell, type Card } from './card-shell.js';
import { fittingCard } from './parts/limits.js';
import {
  adminValue,
  confirmed,
  form,
  labelledInput,
  multiStaticSelect,
  staticSelect,
} from './parts/admin-controls.js';
import { actionButton, escapeMd, formButton, grey, md, red } from './parts/elements.js';

const ids = (v: SetupView | DepartmentsView) => ({
  setup_id: 'setupId' in v ? v.setupId : v.id,
  version: v.version,
});

/** The setup card, its lists shortened when a big sheet would pass Feishu's 30 KB (the sheet has them all). */
export function setupCard(v: SetupView): Card {
  return fittingCard((share) =>
    buildSetupCard({
      ...v,
      units: v.units.slice(0, Math.ceil(v.units.length * share)),
      problems: v.problems.slice(0, Math.ceil(v.problems.length * share)),
      unitChoices: v.unitChoices.slice(0, Math.ceil(v.unitChoices.length * share)),
    }),
  );
}

function buildSetupCard(v: SetupView): Card {
  const value = (action: string) => adminValue(action, ids(v));
  const ready = v.unitCount > 0 && v.problemCount === 0;
  const units = v.units.map(
    (u) =>
      `- **${escapeMd(u.name, 60)}**${u.row ? grey(`（第 ${u.row} 行）`) : ''}\n` +
      `  填报：${escapeMd(u.fillers, 200)}；审核：${escapeMd(u.approvers, 120)}`,
  );
  if (v.unitCount > v.units.length) units.push(`- ……另有 ${v.unitCount - v.units.length} 个单位`);
  const problems = v.problems.map((p) => `- ${red(escapeMd(p, 200))}`);
  if (v.problemCount > v.problems.length)
    problems.push(`- ……另有 ${v.problemCount - v.problems.length} 处问题`);

  const elements: object[] = [
    labelledInput(SETUP_FIELDS.year, '报告年度', String(v.year)),
    labelledInput(SETUP_FIELDS.deadline, '截止时间（北京时间）', v.deadlineInput, '例如 2027-01-31 18:00'),
    labelledInput(SETUP_FIELDS.name, '名称', v.name),
    staticSelect(
      SETUP_FIELDS.group,
      '是否建立工作群',
      [
        { value: 'yes', text: '创建时建立工作群（所有填报人、审核人）' },
        { value: 'no', text: '不建工作群' },
      ],
      v.group ? 'yes' : 'no',
    ),
    { tag: 'hr' },
  ];
  if (v.unitCount) {
    elements.push(
      md(
        `**${v.unitCount} 个单位，${v.peopleCount} 人**${v.source ? grey(`（来自 ${escapeMd(v.source, 60)}）`) : ''}`,
      ),
      md(units.join('\n')),
    );
    if (v.unitChoices.length)
      elements.push(
        staticSelect(
          SETUP_FIELDS.unit,
          '选择单位',
          v.unitChoices.map((u) => ({ value: u.id, text: u.name })),
        ),
        formButton('b_setup_unit', '修改所选单位的人员', value('setup_unit')),
        formButton('b_setup_unit_remove', '移除所选单位', value('setup_unit_remove')),
      );
  } else
    elements.push(
      md(
        '**还没有单位。**三种方式任选：\n' +
          '1. 点「下载模板」，填好后把表格（.xlsx 或 .csv）直接发给我；\n' +
          '2. 从通讯录导入部门：部门负责人为审核人；\n' +
          '3. 逐个添加单位，用选人控件选择填报人和审核人。',
      ),
    );
  if (v.ignoredColumns.length)
    elements.push(md(grey(`已忽略的列：${escapeMd(v.ignoredColumns.join('、'), 200)}`)));
  if (problems.length)
    elements.push(
      md(`**${v.problemCount} 处问题**（改好表格再发一次，或用下面的按钮修改）：\n${problems.join('\n')}`),
    );
  elements.push(
    { tag: 'hr' },
    formButton('b_setup_template', '下载模板', value('setup_template')),
    formButton('b_setup_departments', '从通讯录导入部门', value('setup_departments')),
    formButton('b_setup_unit_new', '逐个添加单位', value('setup_unit_new')),
    formButton('b_setup_save', '保存设置', value('setup_save')),
    confirmed(
      formButton(
        'b_setup_create',
        ready ? '创建' : v.unitCount ? `创建（还有 ${v.problemCount} 处问题）` : '创建（还没有单位）',
        value('setup_create'),
        ready ? 'primary_filled' : 'default',
      ),
      '创建这一轮？',
      `创建后立即给 ${v.peopleCount} 人发通知，填报人会收到第一张填报卡片。`,
    ),
    confirmed(
      formButton('b_setup_cancel', '取消新建', value('setup_cancel'), 'danger'),
      '取消新建年报？',
      '这个草稿会被丢弃，什么也不会创建。',
    ),
  );
  return cardShell(`新建年报：${v.year} 年度`, [
    form('setup_form', elements),
    md(grey('也可以随时把填好的表格直接发给我。'), true),
  ]);
}

/** Departments of the directory to import as units. */
export function departmentsCard(v: DepartmentsView): Card {
  const value = (action: string, extra: Record<string, string> = {}) =>
    adminValue(action, { ...ids(v), ...extra });
  const free = v.departments.filter((d) => !d.taken);
  const list = v.departments.map(
    (d) =>
      `- ${escapeMd(d.name, 40)}${d.leader ? grey(`（负责人 ${escapeMd(d.leader, 20)}）`) : grey('（未设负责人）')}${d.taken ? grey(' 已在列表中') : ''}`,
  );
  return cardShell('从通讯录导入部门', [
    md(
      '每个部门成为一个单位：**部门负责人**为审核人；部门只有一位工作人员时由他填写全部六个部分，否则请导入后点「修改」指定。',
    ),
    md(list.join('\n')),
    form('departments_form', [
      multiStaticSelect(
        SETUP_FIELDS.departments,
        '选择要导入的部门（可多选）',
        free.map((d) => ({ value: d.id, text: d.name })),
      ),
      formButton('b_setup_import', '导入所选部门', value('setup_import'), 'primary_filled'),
      formButton(
        'b_setup_import_all',
        `全部导入（${free.length} 个）`,
        value('setup_import', { all: 'yes' }),
      ),
    ]),
    actionButton('返回', value('setup_back')),
  ]);
}
