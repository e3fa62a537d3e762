/**
 * 「本年度是否收到政府信息公开申请？」: asked with buttons (design.md: a question that is not a cell is not a
 * required input). The buttons depend on what last year's report says was carried over.
 */
import type { StepView } from '../src/filling/view.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, grey, md, stepValue } from './parts/elements.js';
import { errorBlocks, jumpPanel, stepHeading } from './parts/step-chrome.js';

const ANSWER_LABEL = { none: '没有收到', carry_only: '没有新收，但有上年结转', some: '收到了' } as const;

/** The question card of section 三. */
export function questionCard(view: StepView): Card {
  const q = view.question ?? { carry: 'unknown' as const };
  const answer = (a: 'none' | 'some' | 'carry_only') =>
    stepValue('answer', view.ids, view.section, view.step.id, view.version, { answer: a });
  const explain = {
    zero: '上年报告的「结转下年度」为 0。选「没有收到」，第三部分全部填 0，这一部分就完成了。',
    some: '上年报告有结转下年度的申请：即使今年没有新收申请，这些申请的办理结果也要填在表里（上年结转已按上年报告预填）。',
    unknown: '没有找到上年的报告。今年没有新收申请、上年也没有结转的，选「没有收到」，第三部分全部填 0。',
  }[q.carry];
  const buttons = [actionButton('收到了，按表填写', answer('some'), 'primary_filled')];
  buttons.push(actionButton(q.carry === 'unknown' ? '没有收到，也没有上年结转' : '没有收到', answer('none')));
  if (q.carry === 'unknown') buttons.push(actionButton('没有新收，但有上年结转', answer('carry_only')));
  buttons.push(
    actionButton('保存并退出', stepValue('save_exit', view.ids, view.section, view.step.id, view.version)),
  );
  const errors = errorBlocks(view);
  const elements = [
    ...stepHeading(view),
    md(grey(explain)),
    ...(q.answer ? [md(`当前选择：**${ANSWER_LABEL[q.answer]}**`)] : []),
    ...errors.here,
    ...errors.elsewhere,
    ...buttons,
    ...jumpPanel(view),
  ];
  return cardShell(`${view.sectionHeading}（${view.index}/${view.total}）`, elements);
}
