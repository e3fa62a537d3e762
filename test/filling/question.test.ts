import { newDraft } from '../../src/filling/draft.js';
import { activeSteps, sectionState } from '../../src/filling/progress.js';
import { answerQuestion } from '../../src/filling/question.js';
import { stepView } from '../../src/filling/view.js';
import { INPUT_CELLS, type Answers } from '../../src/report/template.js';
import { CTX, formFor, submitOk } from './helpers.js';

const t3Inputs = INPUT_CELLS.filter((c) => c.table === 't3').map((c) => c.key);
const lastYear = (carryOutNp: number): Answers =>
  Object.fromEntries(
    INPUT_CELLS.filter((c) => c.table === 't3').map((c) => [
      c.key,
      c.key === 't3.carry_out.np' ? carryOutNp : 0,
    ]),
  );

describe('「本年度是否收到政府信息公开申请？」', () => {
  it('「没有收到」 with no report of last year fills all 144 cells with 0 and completes 三 in one tap', () => {
    const { draft, outcome } = answerQuestion(newDraft(), 'none');
    expect(outcome).toMatchObject({ status: 'saved', answer: 'none', show: null, state: 'complete' });
    expect(t3Inputs).toHaveLength(144);
    for (const k of t3Inputs) expect(draft.answers[k]).toBe(0);
    expect(activeSteps(draft, 's3').map((s) => s.id)).toEqual(['s3.question']);
    expect(sectionState(draft, 's3')).toBe('complete');
  });

  it('「没有收到」 when last year carried nothing over also completes 三 in one tap', () => {
    const previous = lastYear(0);
    const { outcome } = answerQuestion(newDraft(previous), 'none', previous);
    expect(outcome).toMatchObject({ answer: 'none', show: null, state: 'complete' });
  });

  it('「没有收到」 when last year carried 2 requests over zeroes only 本年新收 and asks the table, 上年结转 prefilled', () => {
    const previous = lastYear(2);
    const { draft, outcome } = answerQuestion(newDraft(previous), 'none', previous);
    expect(outcome.answer).toBe('carry_only');
    expect(outcome.show).toBe('s3.intake');
    expect(outcome.message).toContain('上年报告有结转');
    expect(draft.answers['t3.new.np']).toBe(0);
    expect(draft.answers['t3.carry_in.np']).toBe(2);
    expect(draft.answers['t3.r1.np']).toBeUndefined();
    expect(activeSteps(draft, 's3')).toHaveLength(6);
    const view = stepView(draft, { ...CTX, previous }, 's3', 's3.intake')!;
    expect(view.prefilled['t3.carry_in.np']).toBe('last_year');
    expect(view.prefilled['t3.new.np']).toBe('zero_shortcut');
    expect(view.values['t3.carry_in.np']).toBe('2');
  });

  it('does not overwrite request numbers the person already typed', () => {
    let draft = answerQuestion(newDraft(), 'some').draft;
    draft = submitOk(
      draft,
      's3',
      's3.intake',
      formFor('s3.intake', () => '0', { 't3.new.np': '3' }),
    ).draft;
    const { draft: same, outcome } = answerQuestion(draft, 'none');
    expect(outcome.status).toBe('refused');
    expect(outcome.message).toContain('没有替你改成 0');
    expect(same.answers['t3.new.np']).toBe(3);
  });

  it('「收到了」 after 「没有收到」 keeps the zeros as a starting point and asks the whole table', () => {
    const none = answerQuestion(newDraft(), 'none').draft;
    const { draft, outcome } = answerQuestion(none, 'some');
    expect(outcome.show).toBe('s3.intake');
    expect(sectionState(draft, 's3')).toBe('in_progress');
    expect(stepView(draft, CTX, 's3', 's3.r3')!.values['t3.r3_1.np']).toBe('0');
  });
});
