import { newDraft } from '../../src/filling/draft.js';
import { sectionState } from '../../src/filling/progress.js';
import { leaveStep, submitStep } from '../../src/filling/submit-step.js';
import { stepView } from '../../src/filling/view.js';
import { answerQuestion } from '../../src/filling/question.js';
import { CTX, formFor, submitOk, zeroOrText } from './helpers.js';

const zero = () => '0';

describe('submitting a table step with bad input', () => {
  const typed = {
    't3.new.np': '１２',
    't3.new.biz': '12.5',
    't3.new.res': '-3',
    't3.new.npo': '1e9',
    't3.new.law': '',
    't3.new.oth': '3件',
  };
  const form = formFor('s3.intake', zero, typed);
  const start = answerQuestion(newDraft(), 'some').draft;
  const { draft, outcome } = submitStep(start, { section: 's3', step: 's3.intake', formValue: form });

  it('gives a Chinese message for each bad field, and none for the good ones', () => {
    expect(outcome.status).toBe('invalid');
    expect(outcome.show).toBe('s3.intake');
    expect(Object.keys(outcome.fieldErrors).sort()).toEqual([
      't3.new.biz',
      't3.new.law',
      't3.new.npo',
      't3.new.res',
    ]);
    expect(outcome.fieldErrors['t3.new.biz']).toContain('整数');
    expect(outcome.fieldErrors['t3.new.res']).toContain('负数');
    expect(outcome.fieldErrors['t3.new.npo']).toContain('科学计数法');
    expect(outcome.fieldErrors['t3.new.law']).toContain('没有就填 0');
  });

  it('stores the good values (full-width １２ as 12, 「3件」 as 3) and nothing wrong', () => {
    expect(draft.answers['t3.new.np']).toBe(12);
    expect(draft.answers['t3.new.oth']).toBe(3);
    expect(draft.answers['t3.carry_in.np']).toBe(0);
    for (const k of ['t3.new.biz', 't3.new.res', 't3.new.npo', 't3.new.law'])
      expect(draft.answers[k]).toBeUndefined();
    expect(draft.version).toBeGreaterThan(start.version);
    expect(draft.sections.s3.done).not.toContain('s3.intake');
  });

  it('shows the card again with everything exactly as typed and each message next to its field', () => {
    const view = stepView(draft, CTX, 's3', 's3.intake', {
      fieldErrors: outcome.fieldErrors,
      typed: outcome.typed,
    })!;
    for (const [k, v] of Object.entries(typed)) expect(view.values[k]).toBe(v);
    expect(view.fieldErrors['t3.new.res']).toContain('负数');
  });

  it('moves on once the fields are fixed', () => {
    const fixed = formFor('s3.intake', zero, { 't3.new.np': '12' });
    const { outcome: ok } = submitStep(draft, { section: 's3', step: 's3.intake', formValue: fixed });
    expect(ok.status).toBe('saved');
    expect(ok.show).toBe('s3.r1r2');
  });
});

describe('text fields', () => {
  it('refuses 100 KB of text with the reason, keeping the stored text', () => {
    const draft = newDraft({ 's1.active': '去年的主动公开情况。' });
    const huge = '公开'.repeat(50_000);
    const { draft: next, outcome } = submitStep(draft, {
      section: 's1',
      step: 's1.active',
      formValue: { 's1.active': huge },
    });
    expect(outcome.status).toBe('invalid');
    expect(outcome.fieldErrors['s1.active']).toMatch(/文字过长（100000 字）/);
    expect(next.answers['s1.active']).toBe('去年的主动公开情况。');
    // The card cannot carry 100 KB back: the input stays empty and the message says why.
    const view = stepView(next, CTX, 's1', 's1.active', outcome)!;
    expect(view.values['s1.active']).toBe('');
  });

  it('asks for a required text left blank, but lets the optional opening paragraph be blank', () => {
    const blank = submitStep(newDraft(), {
      section: 's1',
      step: 's1.active',
      formValue: { 's1.active': '  ' },
    });
    expect(blank.outcome.fieldErrors['s1.active']).toContain('不能空着');
    const intro = submitStep(newDraft(), { section: 's1', step: 's1.intro', formValue: { 's1.intro': '' } });
    expect(intro.outcome.status).toBe('saved');
    expect(intro.outcome.show).toBe('s1.active');
  });

  it('keeps a text too long for the card input when the input comes back blank', () => {
    const long = '监督保障'.repeat(400);
    const draft = newDraft({ 's1.oversight': long });
    const view = stepView(draft, CTX, 's1', 's1.oversight')!;
    expect(view.values['s1.oversight']).toBe('');
    expect(view.longTexts['s1.oversight'].length).toBe(1600);
    const { draft: next, outcome } = submitStep(draft, {
      section: 's1',
      step: 's1.oversight',
      formValue: { 's1.oversight': '' },
    });
    expect(outcome.status).toBe('saved');
    expect(next.answers['s1.oversight']).toBe(long);
    expect(next.prefilled['s1.oversight']).toBeUndefined();
  });
});

describe('checks across a table', () => {
  it('holds E5 until the last step of table 三, then shows it on that card; fixing an earlier step completes it', () => {
    let draft = answerQuestion(newDraft(), 'some').draft;
    draft = submitOk(draft, 's3', 's3.intake', formFor('s3.intake', zero, { 't3.new.np': '5' })).draft;
    const early = submitOk(draft, 's3', 's3.r1r2', formFor('s3.r1r2', zero, { 't3.r1.np': '4' }));
    expect(early.outcome.errors).toEqual([]);
    draft = submitOk(early.draft, 's3', 's3.r3', formFor('s3.r3', zero)).draft;
    draft = submitOk(draft, 's3', 's3.r4r5', formFor('s3.r4r5', zero)).draft;
    const last = submitOk(draft, 's3', 's3.r6out', formFor('s3.r6out', zero));
    expect(last.outcome.show).toBe('s3.r6out');
    expect(last.outcome.errors.map((f) => f.rule)).toEqual(['E5']);
    expect(last.outcome.errors[0].message).toContain('自然人');
    expect(sectionState(last.draft, 's3')).toBe('has_errors');
    const view = stepView(last.draft, CTX, 's3', 's3.r6out', last.outcome)!;
    expect(view.errors[0].here).toBe(true);
    expect(view.totals.join('\n')).toContain('本年新收+上年结转 5 件');
    expect(view.jumps.map((j) => j.step)).toContain('s3.r1r2');

    const fixed = submitOk(
      last.draft,
      's3',
      's3.r6out',
      formFor('s3.r6out', zero, { 't3.carry_out.np': '1' }),
    );
    expect(fixed.outcome.errors).toEqual([]);
    expect(fixed.outcome.show).toBeNull();
    expect(sectionState(fixed.draft, 's3')).toBe('complete');
  });
});

describe('上一步 and 保存并退出', () => {
  it('saves what parses, reports what does not, and goes back one step', () => {
    let draft = answerQuestion(newDraft(), 'some').draft;
    draft = submitOk(draft, 's3', 's3.intake', formFor('s3.intake', zero)).draft;
    const { draft: next, outcome } = leaveStep(
      draft,
      { section: 's3', step: 's3.r1r2', formValue: { 't3.r1.np': '2', 't3.r1.biz': 'abc', 't3.r2.np': '' } },
      'back',
    );
    expect(outcome.show).toBe('s3.intake');
    expect(next.answers['t3.r1.np']).toBe(2);
    expect(next.answers['t3.r1.biz']).toBeUndefined();
    expect(Object.keys(outcome.dropped)).toEqual(['t3.r1.biz']);
    expect(next.sections.s3.done).not.toContain('s3.r1r2');
    expect(next.sections.s3.current).toBe('s3.intake');
  });

  it('keeps the place on 保存并退出 so 继续填报 comes back there', () => {
    const { draft, outcome } = leaveStep(
      newDraft(),
      { section: 's4', step: 's4.table', formValue: { 't4.review.upheld': '1' } },
      'exit',
    );
    expect(outcome.show).toBeNull();
    expect(draft.sections.s4.current).toBe('s4.table');
    expect(draft.answers['t4.review.upheld']).toBe(1);
    expect(sectionState(draft, 's4')).toBe('in_progress');
  });

  it('ignores a form for a step that is not in the section (a forged or outdated card)', () => {
    const draft = newDraft();
    const { draft: same, outcome } = submitStep(draft, {
      section: 's1',
      step: 's3.intake',
      formValue: { 't3.new.np': '1' },
    });
    expect(outcome.status).toBe('unknown_step');
    expect(same).toBe(draft);
  });
});

describe('going over a finished section (查看修改)', () => {
  const steps = ['s5.problems', 's5.improvements'];
  let finished = newDraft();
  for (const step of steps) finished = submitOk(finished, 's5', step, formFor(step, zeroOrText)).draft;

  it('walks on to the next step instead of closing the section after the first one', () => {
    const { outcome } = submitOk(
      finished,
      's5',
      's5.problems',
      formFor('s5.problems', () => '改过的问题。'),
    );
    expect(outcome.show).toBe('s5.improvements');
  });

  it('closes the section after its last step', () => {
    const { outcome } = submitOk(finished, 's5', 's5.improvements', formFor('s5.improvements', zeroOrText));
    expect(outcome.show).toBeNull();
  });
});

describe('a form value that is not text', () => {
  it('is refused next to its field instead of being taken as blank', () => {
    const form: Record<string, unknown> = formFor('s2.table', () => '0');
    form['t2.license'] = ['3'];
    const { draft, outcome } = submitStep(newDraft(), { section: 's2', step: 's2.table', formValue: form });
    expect(outcome.status).toBe('invalid');
    expect(outcome.fieldErrors['t2.license']).toContain('无法识别');
    expect(draft.answers['t2.license']).toBeUndefined();
    expect(draft.answers['t2.penalty']).toBe(0);
  });
});
