/**
 * The card of one filling step (a table form or a text): where the person is, the form with every input named
 * by its canonical key, errors next to the fields, totals so far, warnings, and 上一步 / 保存并退出 / 下一步.
 * Every button that leaves the step is a button of its form, so what was typed always comes along.
 */
import { NO_FEE_SENTENCE } from '../src/report/rules/fees.js';
import { offersNoFee } from '../src/filling/steps.js';
import type { StepView } from '../src/filling/view.js';
import { cardShell, type Card } from './card-shell.js';
import { flowColumns, formButton, stepValue } from './parts/elements.js';
import { overLimits } from './parts/limits.js';
import {
  DENSITIES,
  errorBlocks,
  jumpPanel,
  stepHeading,
  totalsAndWarnings,
  type Density,
} from './parts/step-chrome.js';
import { stepFields } from './parts/step-fields.js';
import { questionCard } from './fill-question.js';

/** The form's name; Feishu needs one, it is not an input. */
export const STEP_FORM_NAME = 'step_form';

/** The card of a step, as detailed as Feishu's size limits allow; the question step of 三 gets its button card. */
export function stepCard(view: StepView): Card {
  if (view.step.kind === 'question') return questionCard(view);
  let card = buildStepCard(view, DENSITIES[0]);
  for (const d of DENSITIES.slice(1)) {
    if (!overLimits(card)) break;
    card = buildStepCard(view, d);
  }
  return card;
}

function buildStepCard(view: StepView, d: Density): Card {
  const value = (action: string) => stepValue(action, view.ids, view.section, view.step.id, view.version);
  const last = view.index === view.total;
  const buttons: object[] = [];
  if (view.canBack) buttons.push(formButton('btn_back', '上一步', value('back')));
  buttons.push(formButton('btn_save_exit', '保存并退出', value('save_exit')));
  buttons.push(
    formButton('btn_submit', last ? '提交本部分' : '下一步', value('submit_step'), 'primary_filled'),
  );
  // Most cells of a table are 0: the person types only the others and lets this button write the zeros.
  const zeroButton = view.step.parts.some((p) => p.type === 'grid')
    ? [
        formButton(
          'btn_blank_zero',
          last ? '空格填 0 并提交' : '空格填 0 并继续',
          stepValue('submit_step', view.ids, view.section, view.step.id, view.version, { blank: 'zero' }),
        ),
      ]
    : [];
  // W4 in one tap: the sentence goes into the text of 六 and the step is submitted (src/filling/no-fee.ts).
  const noFeeButton = offersNoFee(view.step)
    ? [
        formButton(
          'btn_no_fee',
          NO_FEE_SENTENCE,
          stepValue('submit_step', view.ids, view.section, view.step.id, view.version, { fee: 'none' }),
        ),
      ]
    : [];
  const errors = errorBlocks(view, d);
  const form = {
    tag: 'form',
    name: STEP_FORM_NAME,
    elements: [
      ...errors.here,
      ...stepFields(view, d),
      ...zeroButton,
      // A row that wraps on a narrow phone rather than squeezing the buttons' text.
      flowColumns(buttons.map((b) => [b])),
      // After 提交本部分: a script (or a person) looking for the step's submit finds the plain one first.
      ...noFeeButton,
      // Inside the form so the jump buttons bring what was typed (nothing typed is lost when jumping away).
      ...totalsAndWarnings(view, d),
      ...jumpPanel(view, true),
    ],
  };
  const color = view.errors.length || Object.keys(view.fieldErrors).length ? 'red' : 'blue';
  return cardShell(
    `${view.sectionHeading}（${view.index}/${view.total}）`,
    [...stepHeading(view), ...errors.elsewhere, form],
    color,
  );
}
