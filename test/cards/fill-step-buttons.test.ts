/**
 * Every button of a step card that has inputs is a submit button of its form (issue 9: nothing typed is lost),
 * so 上一步, 保存并退出, 下一步, 空格填 0 and every 跳到已填写的步骤 bring what was typed. The question of 三 has no
 * input, so its buttons have nothing to bring.
 */
import { stepCard } from '../../cards/fill-step.js';
import { validateCard } from '../../src/emulator/card-validation.js';
import { answerQuestion } from '../../src/filling/question.js';
import { newDraft } from '../../src/filling/draft.js';
import { ALL_STEPS } from '../../src/filling/steps.js';
import { stepView } from '../../src/filling/view.js';
import { SECTIONS } from '../../src/report/template.js';
import { CTX } from '../filling/helpers.js';

type El = Record<string, unknown>;

/** Every button of the card, and whether it sits inside the form. */
function buttons(card: { body: { elements: object[] } }): { el: El; inForm: boolean }[] {
  const out: { el: El; inForm: boolean }[] = [];
  const visit = (list: El[], inForm: boolean) => {
    for (const el of list) {
      if (el.tag === 'button') out.push({ el, inForm });
      const nested = inForm || el.tag === 'form';
      if (Array.isArray(el.elements)) visit(el.elements as El[], nested);
      if (Array.isArray(el.columns)) visit(el.columns as El[], nested);
    }
  };
  visit(card.body.elements as El[], false);
  return out;
}

const actionOf = (el: El) => (el.behaviors as { value: { action: string } }[])[0].value.action;

describe('step card buttons', () => {
  // Every step submitted, so each card lists every jump of its section.
  const draft = answerQuestion(newDraft(), 'some').draft;
  for (const s of SECTIONS)
    draft.sections[s.id].done = ALL_STEPS.filter((st) => st.section === s.id).map((st) => st.id);

  it.each(ALL_STEPS.filter((s) => s.kind !== 'question').map((s) => [s.id]))(
    '%s: every button submits the form, jumps included',
    (id) => {
      const view = stepView(draft, CTX, ALL_STEPS.find((s) => s.id === id)!.section, id)!;
      const card = stepCard(view);
      expect(validateCard(card)).toBeNull();
      const all = buttons(card);
      expect(all.map(({ el }) => actionOf(el))).toEqual(expect.arrayContaining(['save_exit', 'submit_step']));
      if (view.jumps.length)
        expect(all.filter(({ el }) => actionOf(el) === 'jump')).toHaveLength(view.jumps.length);
      for (const { el, inForm } of all) {
        expect(inForm).toBe(true);
        expect(el.form_action_type).toBe('submit');
      }
    },
  );

  it('the question of 三 has no input, so no form to bring along', () => {
    const card = stepCard(stepView(draft, CTX, 's3', 's3.question')!);
    expect(JSON.stringify(card)).not.toContain('"tag":"input"');
    expect(buttons(card).map(({ el }) => actionOf(el))).toEqual(
      expect.arrayContaining(['answer', 'save_exit', 'jump']),
    );
  });
});
