/** What every step card shows around its form: where the person is, errors, totals, warnings, jumps. */
import type { StepView } from '../../src/filling/view.js';
import { beijingTime } from '../review-parts.js';
import { MAX_REASON_CHARS } from '../../src/approval/actions.js';
import { actionButton, escapeMd, formButton, md, orange, red, stepValue } from './elements.js';

/**
 * How much a card lists. A step card is built at level 0 first; if it would pass Feishu's 30 KB (a table step
 * where all 48 cells were typed wrongly, with many findings), it is rebuilt more compactly (fill-step.ts).
 */
export interface Density {
  /** findings listed per block; the rest are counted */
  listed: number;
  /** characters of one finding shown */
  chars: number;
  /** characters of a field's error under a table row */
  rowChars: number;
  /** column names as placeholders in table inputs */
  placeholders: boolean;
}

export const DENSITIES: Density[] = [
  { listed: 6, chars: 300, rowChars: 120, placeholders: true },
  { listed: 3, chars: 150, rowChars: 120, placeholders: true },
  { listed: 2, chars: 100, rowChars: 60, placeholders: false },
  { listed: 1, chars: 60, rowChars: 30, placeholders: false },
];

function list(items: string[], color: (s: string) => string, d: Density): string {
  const shown = items.slice(0, d.listed).map((m) => `- ${color(escapeMd(m, d.chars))}`);
  if (items.length > d.listed) shown.push(`- ……还有 ${items.length - d.listed} 条`);
  return shown.join('\n');
}

/** 「第三部分 · 第 3/6 步」 and the unit. */
export function stepHeading(view: StepView): object[] {
  const out = [
    md(
      `**${view.sectionHeading}** · 第 ${view.index}/${view.total} 步\n${escapeMd(view.unitName)} · ${view.year} 年度`,
    ),
    md(`**${view.step.title}**`),
  ];
  if (view.rejection) out.splice(1, 0, rejectionLine(view.rejection));
  if (view.notice) out.push(md(escapeMd(view.notice, 400)));
  return out;
}

/**
 * 「驳回理由（王芳，12月1日 10:20）：……」 under the heading of every step of a section sent back, in full (at most
 * 500 characters), so the filler reads what to fix on the card where they fix it.
 */
function rejectionLine(r: NonNullable<StepView['rejection']>): object {
  // A rejection is days old at most: the year would only be noise.
  const when = beijingTime(r.at, new Date(r.at + 8 * 3600_000).getUTCFullYear());
  return md(
    `${red(r.reopened ? '**重新打开的理由**' : '**驳回理由**')}（${escapeMd(r.by, 30)}，${when}）：${escapeMd(r.reason, MAX_REASON_CHARS)}`,
  );
}

/** Hard errors about this step (shown inside the form, above the fields) or about other steps. */
export function errorBlocks(
  view: StepView,
  d: Density = DENSITIES[0],
): { here: object[]; elsewhere: object[] } {
  const here = view.errors.filter((e) => e.here).map((e) => e.message);
  const elsewhere = view.errors.filter((e) => !e.here).map((e) => e.message);
  return {
    here: here.length ? [md(`${red('**请修改：**')}\n${list(here, red, d)}`)] : [],
    elsewhere: elsewhere.length
      ? [md(`${red('**本部分其他步骤有错误，请跳过去修改：**')}\n${list(elsewhere, red, d)}`)]
      : [],
  };
}

/** The totals so far, and the warnings (they do not block). */
export function totalsAndWarnings(view: StepView, d: Density = DENSITIES[0]): object[] {
  const out: object[] = [];
  if (view.totals.length)
    out.push(md(`**目前合计**（自动计算）\n${view.totals.map((t) => `- ${t}`).join('\n')}`));
  if (view.warnings.length)
    out.push(md(`${orange('**提醒**（不影响提交）')}\n${list(view.warnings, orange, d)}`));
  return out;
}

/**
 * Buttons to the submitted steps of the section, folded away until needed. On a card with inputs the panel
 * sits inside the form (`inForm`) and its buttons submit it, so jumping away keeps what was typed, as 上一步
 * does; a form button needs a card-unique name.
 */
export function jumpPanel(view: StepView, inForm = false): object[] {
  if (!view.jumps.length) return [];
  return [
    {
      tag: 'collapsible_panel',
      expanded: false,
      header: { title: { tag: 'plain_text', content: '跳到已填写的步骤修改' } },
      elements: view.jumps.map((j, i) => {
        const text = `第 ${j.index} 步 ${j.title}`.slice(0, 40);
        const value = stepValue('jump', view.ids, view.section, j.step, view.version, { from: view.step.id });
        return inForm ? formButton(`btn_jump_${i}`, text, value) : actionButton(text, value);
      }),
    },
  ];
}
