/**
 * 「空格填 0 并提交」 on a step whose sums do not add up (issue 11, 2.1): the card that comes back shows the zeros
 * that were written, so fixing the one wrong cell and tapping 提交本部分 finishes the section instead of
 * reporting every zero as 「还没有填写」.
 */
import { answerQuestion } from '../../src/filling/question.js';
import { STEP_BY_ID } from '../../src/filling/steps.js';
import type { FillContext } from '../../src/filling/flow.js';
import { CardSession, inputsOf } from './card-taps.js';
import { CTX, formFor, newDraft, submitOk } from './helpers.js';

const ZHANG = 'ou_zhang';
const FCTX: FillContext = {
  ...CTX,
  fillers: { s1: [ZHANG], s2: [ZHANG], s3: [ZHANG], s4: [ZHANG], s5: [ZHANG], s6: [ZHANG] },
};
const zero = () => '0';

/** 三 up to its last step: 5 new requests of natural persons, 2 of them disclosed. */
function beforeLastStep() {
  let draft = answerQuestion(newDraft(), 'some').draft;
  draft = submitOk(draft, 's3', 's3.intake', formFor('s3.intake', zero, { 't3.new.np': '5' })).draft;
  draft = submitOk(draft, 's3', 's3.r1r2', formFor('s3.r1r2', zero, { 't3.r1.np': '2' })).draft;
  draft = submitOk(draft, 's3', 's3.r3', formFor('s3.r3', zero)).draft;
  draft = submitOk(draft, 's3', 's3.r4r5', formFor('s3.r4r5', zero)).draft;
  return draft;
}

describe('空格填 0 on a step with a sum error', () => {
  const zhang = new CardSession(beforeLastStep(), FCTX, ZHANG);
  zhang.act({
    action: 'jump',
    ...CTX.ids,
    section: 's3',
    step: 's3.r6out',
    version: zhang.draft.sections.s3.version,
  });
  const cells = STEP_BY_ID.get('s3.r6out')!.keys;

  it('comes back with the sum error and every auto-filled cell showing the 0 that was stored', () => {
    // 5 new = 2 disclosed + 4 carried over is wrong: E5 keeps the card open on this step.
    zhang.tap('空格填 0 并提交', { 't3.carry_out.np': '4' });
    expect(zhang.text()).toContain('结转下年度');
    expect(zhang.toast).toContain('还有错误');
    const shown = inputsOf(zhang.card);
    for (const key of cells) {
      expect(zhang.draft.answers[key]).toBe(key === 't3.carry_out.np' ? 4 : 0);
      expect(shown[key]).toBe(String(zhang.draft.answers[key]));
    }
  });

  it('after fixing the wrong cell, 提交本部分 finishes the section with what is stored', () => {
    zhang.tap('提交本部分', { 't3.carry_out.np': '3' });
    expect(zhang.toast).not.toMatch(/处需要修改/);
    expect(zhang.text()).not.toContain('还没有填写');
    expect(zhang.draft.answers['t3.carry_out.np']).toBe(3);
    expect(zhang.draft.sections.s3.done).toContain('s3.r6out');
    expect(cells.filter((k) => zhang.draft.answers[k] === undefined)).toEqual([]);
  });
});
