/**
 * The report summary each filler sees once every section is complete: the main figures, the warnings that
 * remain (they do not block), and 提交审核.
 */
import type { SummaryView } from '../src/filling/view.js';
import { cardShell, type Card } from './card-shell.js';
import { stateText } from './fill-overview.js';
import { actionButton, escapeMd, md, orange, red } from './parts/elements.js';

/** Listed warnings per card; the rest are counted, so the card stays far under 30 KB. */
const MAX_WARNINGS = 10;

/** The summary card with 提交审核 (or what still blocks it). */
export function summaryCard(view: SummaryView): Card {
  const base = { round_id: view.ids.round_id, unit_id: view.ids.unit_id };
  const elements: object[] = [
    md(`**${escapeMd(view.unitName)} ${view.year} 年政府信息公开工作年度报告**`),
    md(view.sections.map((s) => `- ${s.heading}\u3000${stateText(s)}`).join('\n')),
  ];
  if (view.figures.length) elements.push(md(`**主要数字**\n${view.figures.map((f) => `- ${f}`).join('\n')}`));
  if (view.errors.length) {
    const shown = view.errors.slice(0, MAX_WARNINGS).map((e) => `- ${red(escapeMd(e))}`);
    elements.push(
      md(`${red(`**还有 ${view.errors.length} 处错误，改完才能提交审核：**`)}\n${shown.join('\n')}`),
    );
  }
  if (view.warnings.length) {
    const shown = view.warnings.slice(0, MAX_WARNINGS).map((w) => `- ${orange(escapeMd(w))}`);
    if (view.warnings.length > MAX_WARNINGS) shown.push(`- ……还有 ${view.warnings.length - MAX_WARNINGS} 条`);
    elements.push(
      md(
        `${orange(`**${view.warnings.length} 条提醒**（不影响提交，审核人也会看到）`)}\n${shown.join('\n')}`,
      ),
    );
  } else elements.push(md('没有需要注意的提醒。'));
  elements.push({ tag: 'hr' });
  if (view.canSubmit)
    elements.push(actionButton('提交审核', { action: 'submit_for_review', ...base }, 'primary_filled'));
  // The Word file as it would go to the approver, marked 草稿 (handlers/word-preview.ts).
  elements.push(actionButton('预览 Word', { action: 'preview_word', ...base }));
  elements.push(actionButton('返回填报', { action: 'overview', ...base }));
  return cardShell(`${view.year} 年度年报汇总`, elements, view.canSubmit ? 'green' : 'orange');
}
