/**
 * The rules as the filling cards apply them. E2: the card of table 二 takes 行政事业性收费 to the 分 (6 decimals
 * of 万元) and refuses a 7th. E7 per section: 一 may be written as one passage in its opening paragraph, so a
 * card does not refuse a blank aspect once 一 has text; a blank aspect of 一 written in parts is W7's warning.
 */
import { newDraft, type ReportDraft } from '../../src/filling/draft.js';
import { checkSection, sectionState } from '../../src/filling/progress.js';
import { planSteps } from '../../src/filling/steps.js';
import { submitStep } from '../../src/filling/submit-step.js';
import { SECTION_BY_ID, TABLE_CELLS } from '../../src/report/template.js';

const S1 = SECTION_BY_ID.get('s1')!;
const ASPECTS = S1.texts.filter((f) => f.heading !== '');
const INTRO = S1.texts.find((f) => f.heading === '')!;

/** Submits every step of section 一 in order with the texts given (others blank); the last draft and errors. */
function fillSection1(texts: Record<string, string>): { draft: ReportDraft; errors: Record<string, string> } {
  let draft = newDraft();
  const errors: Record<string, string> = {};
  for (const step of planSteps(['s1'])) {
    const formValue = Object.fromEntries(step.keys.map((k) => [k, texts[k] ?? '']));
    const result = submitStep(draft, { section: 's1', step: step.id, formValue });
    draft = result.draft;
    Object.assign(errors, result.outcome.fieldErrors);
  }
  return { draft, errors };
}

describe('section 一 on the filling cards', () => {
  it('takes 一 as one passage in the opening paragraph: no aspect refused, the section complete, no W7', () => {
    const { draft, errors } = fillSection1({
      [INTRO.key]: '本年度全面推进政务公开，五个方面的工作合并叙述如下。',
    });
    expect(errors).toEqual({});
    expect(sectionState(draft, 's1')).toBe('complete');
    expect(checkSection(draft, 's1')).toEqual({ errors: [], warnings: [] });
  });

  it('still refuses an aspect left blank while 一 has no text at all', () => {
    const { errors } = fillSection1({});
    expect(Object.keys(errors)).toEqual(ASPECTS.map((f) => f.key));
    expect(errors[ASPECTS[0].key]).toContain('不能空着');
  });

  it('takes 一 in parts with an aspect blank, and warns about that aspect (W7)', () => {
    const texts = Object.fromEntries(ASPECTS.slice(0, 4).map((f) => [f.key, `${f.label}的情况。`]));
    const { draft, errors } = fillSection1(texts);
    expect(errors).toEqual({});
    const { errors: sectionErrors, warnings } = checkSection(draft, 's1');
    expect(sectionErrors).toEqual([]);
    expect(warnings.map((f) => [f.rule, f.cells])).toEqual([['W7', [ASPECTS[4].key]]]);
  });
});

describe('行政事业性收费 on the card of table 二', () => {
  const step = planSteps(['s2'])[0];
  const fee = TABLE_CELLS.find((c) => c.kind === 'wan_yuan')!.key;
  const submit = (typed: string) => {
    const formValue = Object.fromEntries(step.keys.map((k) => [k, k === fee ? typed : '0']));
    return submitStep(newDraft(), { section: 's2', step: step.id, formValue });
  };

  it('takes 6 decimals (万元 to the 分), as published reports print them', () => {
    const { draft, outcome } = submit('1234.567891');
    expect(outcome.fieldErrors).toEqual({});
    expect(draft.answers[fee]).toBe(1234.567891);
  });

  it('refuses a 7th decimal next to the field, saying why in Chinese', () => {
    const { draft, outcome } = submit('1234.5678912');
    expect(outcome.fieldErrors[fee]).toBe('单位是万元，最多保留 6 位小数（精确到分），请检查是否多打了位数');
    expect(draft.answers[fee]).toBeUndefined();
  });
});
