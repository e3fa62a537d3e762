/**
 * 汇总本级报告: before the consolidated report is frozen, the admin sees the units that are in (approved) and
 * those still missing, by name and state; writes the 本级政府's name; picks the units, who writes the texts and
 * who approves; and confirms. Once started, the card says so and opens the report instead.
 */
import { FIELDS } from '../src/admin/unit-form.js';
import { CONSOLIDATE_FIELDS } from '../src/consolidated/admin-actions.js';
import type { ConsolidateView } from '../src/consolidated/start-view.js';
import { cardShell, type Card } from './card-shell.js';
import {
  adminValue,
  confirmed,
  form,
  labelledInput,
  multiStaticSelect,
  personPicker,
} from './parts/admin-controls.js';
import { actionButton, escapeMd, formButton, grey, md } from './parts/elements.js';
import { fittingCard } from './parts/limits.js';

/** Names listed on the card at full share; a county has far fewer departments, the rest is counted. */
const LISTED = 60;
/** Candidates each picker carries at full share (the chosen ones are always among them). */
const PICKABLE = 80;
const WRITE_HINT = '或写姓名、手机号、邮箱，多人用「、」隔开';

function listed(lines: string[], max: number): string {
  const more = lines.length > max ? `\n- ……另有 ${lines.length - max} 个` : '';
  return lines.slice(0, max).join('\n') + more;
}

/** The units in and out, as the admin reads them before freezing. */
function scopeBlocks(v: ConsolidateView, max: number): object[] {
  const inLines = v.included.map((u) => `- ${escapeMd(u.name, 60)}`);
  const outLines = v.missing.map((u) => `- ${escapeMd(u.name, 60)}：${escapeMd(u.state, 40)}`);
  return [
    md(
      `**已审核通过，可以汇总（${v.included.length} 个）**\n` +
        (inLines.length ? listed(inLines, max) : grey('还没有单位审核通过')),
    ),
    md(
      `**尚未审核通过，不能汇总（${v.missing.length} 个）**\n` +
        (outLines.length ? listed(outLines, max) : grey('没有，所有单位都已通过')),
    ),
  ];
}

function existingCard(v: ConsolidateView, e: NonNullable<ConsolidateView['existing']>): Card {
  return cardShell('汇总本级报告', [
    md(`**${escapeMd(v.roundName, 80)}**`),
    md(
      `本轮的本级汇总报告已经开始了：**${escapeMd(e.unitName, 60)}**，汇总了 ${e.units} 个单位的数字` +
        `（${e.startedAt} 汇总），截止时间 ${v.deadlineText}。`,
    ),
    ...(e.changed.length
      ? [
          md(
            `**汇总后有更正的单位（${e.changed.length} 个）**\n${e.changed.map((l) => `- ${escapeMd(l, 80)}`).join('\n')}`,
          ),
          md(
            grey(
              e.resummable
                ? '重新汇总后，统计表按这些单位现在通过的版本相加；已写的文字不变。'
                : '等这些单位重新审核通过后，才能重新汇总。',
            ),
          ),
        ]
      : []),
    ...(e.resummable
      ? [
          confirmed(
            actionButton('重新汇总', adminValue('consolidate_resum', { round_id: v.roundId })),
            '重新汇总？',
            '统计表将按各单位现在审核通过的版本重新相加；汇总报告提交审核后就不能再重新汇总。',
          ),
        ]
      : []),
    actionButton('打开汇总报告', adminValue('round_admin', { round_id: e.roundId }), 'primary_filled'),
    actionButton('返回', adminValue('round_admin', { round_id: v.roundId })),
  ]);
}

/** The 汇总本级报告 card; a big round's lists and pickers are shortened until it fits Feishu's 30 KB. */
export function consolidateCard(v: ConsolidateView): Card {
  if (v.existing) return existingCard(v, v.existing);
  return fittingCard((share) => formCard(v, share));
}

function formCard(v: ConsolidateView, share: number): Card {
  const candidates = v.candidates.slice(0, Math.ceil(PICKABLE * share));
  const id = { round_id: v.roundId };
  const options = [
    ...v.included.map((u) => ({ value: u.unitId, text: u.name })),
    ...v.missing.map((u) => ({ value: u.unitId, text: `${u.name}（未通过）` })),
  ].slice(0, 100);
  return cardShell('汇总本级报告', [
    md(`**${escapeMd(v.roundName, 80)}**`),
    md(
      '本级政府年报的统计表（二、三、四）由所选单位**已审核通过**的报告逐格相加得出，显示给填报人但不能修改；' +
        `文字部分由政务公开办撰写，再按审核人顺序审核。截止时间 **${v.deadlineText}**（北京时间）。`,
    ),
    ...scopeBlocks(v, Math.ceil(LISTED * share)),
    { tag: 'hr' },
    form('consolidate_form', [
      labelledInput(
        CONSOLIDATE_FIELDS.government,
        '本级政府全称（报告标题）',
        v.governmentName,
        '例如 云溪县人民政府',
      ),
      multiStaticSelect(
        CONSOLIDATE_FIELDS.units,
        '汇总哪些单位（默认：全部已通过的单位）',
        options,
        v.included.map((u) => u.unitId),
      ),
      personPicker(FIELDS.fillers, '撰写文字的人（默认：本轮管理员）', candidates, v.fillers, true),
      labelledInput(FIELDS.fillersText, '或写出撰写文字的人', '', WRITE_HINT),
      ...FIELDS.chain.map((name, i) =>
        personPicker(
          name,
          i === 0 ? '第一级审核人（必选）' : `第${'一二三'[i]}级审核人（可不选）`,
          candidates,
        ),
      ),
      labelledInput(FIELDS.chainText, '更多审核人（按顺序接在后面）', '', WRITE_HINT),
      confirmed(
        formButton('b_consolidate', '汇总并开始', adminValue('consolidate_confirm', id), 'primary_filled'),
        '汇总本级报告？',
        '所选单位已审核通过的数字将相加并冻结，之后不随各单位变化；未通过的单位不计入。撰写文字的人会收到填报卡片。',
      ),
    ]),
    actionButton('返回', adminValue('round_admin', id)),
  ]);
}
