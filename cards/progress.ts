/** The 进度 card: the state of the whole report of a unit, every section with who fills it. */
import type { ProgressView } from '../src/filling/view.js';
import { cardShell, type Card } from './card-shell.js';
import { stateText } from './fill-overview.js';
import { actionButton, columns, escapeMd, md } from './parts/elements.js';
import { reviewLine } from './review-line.js';

/**
 * The progress card of one unit's report. Its buttons are the ones that work for whoever asked: 返回填报 for a
 * filler of the unit, 去审核 for the approver the report waits for, 历史 once it was submitted.
 */
export function progressCard(view: ProgressView): Card {
  const lines = view.sections.map((s) => {
    const who = s.fillers?.length ? `\u3000填报人：${s.fillers.map((n) => escapeMd(n, 20)).join('、')}` : '';
    return `- **${s.heading}**\u3000${stateText(s)}${who}`;
  });
  const base = { round_id: view.ids.round_id, unit_id: view.ids.unit_id };
  const buttons: object[] = [];
  if (view.reviewAction)
    buttons.push(
      actionButton('去审核', { action: 'review', ...base, ...view.reviewAction }, 'primary_filled'),
    );
  if (view.fills) buttons.push(actionButton('返回填报', { action: 'overview', ...base }));
  if (view.review) buttons.push(actionButton('历史', { action: 'history', ...base }));
  return cardShell(`${view.year} 年度年报进度`, [
    md(
      `**${escapeMd(view.unitName)}**\n截止时间：**${view.deadlineText}**（北京时间）\n已完成 ${view.complete}/${view.sections.length} 个部分`,
    ),
    ...(view.review ? [reviewLine(view.review)] : []),
    md(lines.join('\n')),
    ...(view.nextReminder ? [md(view.nextReminder, true)] : []),
    ...(buttons.length > 1 ? [columns(buttons.map((b) => [b]))] : buttons),
  ]);
}
