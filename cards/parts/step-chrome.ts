/** What every step card shows around its form: where the person is, errors, totals, warnings, jumps. */
import type { StepView } from '../../src/filling/view.js';
import { actionButton, escapeMd, md, orange, red, stepValue } from './elements.js';

/** Warnings and errors shown per card; more are summarised so the card stays within 30 KB. */
const MAX_LISTED = 6;

function list(items: string[], color: (s: string) => string): string {
  const shown = items.slice(0, MAX_LISTED).map((m) => `- ${color(escapeMd(m))}`);
  if (items.length > MAX_LISTED) shown.push(`- ……还有 ${items.length - MAX_LISTED} 条`);
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
  if (view.notice) out.push(md(escapeMd(view.notice, 400)));
  return out;
}

/** Hard errors about this step (shown inside the form, above the fields) or about other steps. */
export function errorBlocks(view: StepView): { here: object[]; elsewhere: object[] } {
  const here = view.errors.filter((e) => e.here).map((e) => e.message);
  const elsewhere = view.errors.filter((e) => !e.here).map((e) => e.message);
  return {
    here: here.length ? [md(`${red('**请修改：**')}\n${list(here, red)}`)] : [],
    elsewhere: elsewhere.length
      ? [md(`${red('**本部分其他步骤有错误，请跳过去修改：**')}\n${list(elsewhere, red)}`)]
      : [],
  };
}

/** The totals so far, and the warnings (they do not block). */
export function totalsAndWarnings(view: StepView): object[] {
  const out: object[] = [];
  if (view.totals.length)
    out.push(md(`**目前合计**（自动计算）\n${view.totals.map((t) => `- ${t}`).join('\n')}`));
  if (view.warnings.length)
    out.push(md(`${orange('**提醒**（不影响提交）')}\n${list(view.warnings, orange)}`));
  return out;
}

/** Buttons to the submitted steps of the section, folded away until needed. */
export function jumpPanel(view: StepView): object[] {
  if (!view.jumps.length) return [];
  return [
    {
      tag: 'collapsible_panel',
      expanded: false,
      header: { title: { tag: 'plain_text', content: '跳到已填写的步骤修改' } },
      elements: view.jumps.map((j) =>
        actionButton(
          `第 ${j.index} 步 ${j.title}`.slice(0, 40),
          stepValue('jump', view.ids, view.section, j.step, view.version, { from: view.step.id }),
        ),
      ),
    },
  ];
}
