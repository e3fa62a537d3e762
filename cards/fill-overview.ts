/** The card a filler gets on 填报: their unit, the deadline, their sections with state, and where to start. */
import type { OverviewView, SectionLine } from '../src/filling/view.js';
import { cardShell, type Card } from './card-shell.js';
import {
  actionButton,
  columns,
  escapeMd,
  grey,
  md,
  orange,
  red,
  type ActionValue,
} from './parts/elements.js';

const STATE_COLOR = {
  not_started: grey,
  in_progress: orange,
  has_errors: red,
  complete: (s: string) => `<font color='green'>${s}</font>`,
};

/** 「填写中（2/7 步）」 in the state's colour. */
export function stateText(line: SectionLine): string {
  const steps = line.state === 'complete' ? '' : `（${line.done}/${line.total} 步）`;
  const errors = line.errors ? `，${line.errors} 处错误` : '';
  return STATE_COLOR[line.state](`${line.stateLabel}${steps}${errors}`);
}

/** The unit card of 填报. */
export function overviewCard(view: OverviewView): Card {
  const base = { round_id: view.ids.round_id, unit_id: view.ids.unit_id };
  const rows = view.sections.map((s) => {
    // A closed round refuses every filling tap, so its card shows the states without the buttons.
    if (view.closed) return md(`**${s.heading}**\n${stateText(s)}`);
    const label = s.state === 'not_started' ? '开始填报' : s.state === 'complete' ? '查看修改' : '继续填报';
    const value: ActionValue = { action: 'open_section', ...base, section: s.id };
    return columns(
      [
        [md(`**${s.heading}**\n${stateText(s)}`)],
        [actionButton(label, value, s.state === 'complete' ? 'default' : 'primary_filled')],
      ],
      [3, 1],
    );
  });
  const footer = [actionButton('进度', { action: 'progress', ...base })];
  if (view.unitReady && !view.closed)
    footer.unshift(actionButton('查看汇总并提交审核', { action: 'summary', ...base }, 'primary_filled'));
  return cardShell(
    `${view.year} 年度年报填报${view.closed ? '（已关闭）' : ''}`,
    [
      md(
        `**${escapeMd(view.unitName)}**\n${escapeMd(view.roundName)}\n截止时间：**${view.deadlineText}**（北京时间）`,
      ),
      ...(view.closed ? [md(grey(escapeMd(view.closed, 200)))] : []),
      md(view.sections.length ? '分配给你的部分：' : '这个单位没有分配给你的部分。'),
      ...rows,
      { tag: 'hr' },
      ...footer,
    ],
    view.closed ? 'grey' : 'blue',
  );
}
