import { ALL_STEPS, planSteps, STEP_BY_ID } from '../../src/filling/steps.js';
import { INPUT_CELLS, FEE_FIELDS, TEXT_FIELDS, TABLE3, SECTIONS } from '../../src/report/template.js';

describe('the step plan', () => {
  it('asks every input cell, fee field and text exactly once, and never a computed cell', () => {
    const asked = ALL_STEPS.flatMap((s) => s.keys);
    const expected = [
      ...INPUT_CELLS.map((c) => c.key),
      ...FEE_FIELDS.map((f) => f.key),
      ...TEXT_FIELDS.map((t) => t.key),
    ];
    expect(asked.length).toBe(new Set(asked).size);
    expect(new Set(asked)).toEqual(new Set(expected));
    expect(asked.some((k) => k.endsWith('.tot') || k.endsWith('.total') || k.includes('.r7.'))).toBe(false);
  });

  it('keeps sections apart and in printed order', () => {
    for (const s of SECTIONS) {
      const steps = planSteps([s.id]);
      expect(steps.length).toBeGreaterThan(0);
      expect(steps.every((st) => st.section === s.id)).toBe(true);
      for (const st of steps)
        expect(
          st.keys.every((k) => k.startsWith(s.id) || k.startsWith(`t${s.id[1]}`) || k.startsWith('meta.')),
        ).toBe(true);
    }
    expect(planSteps(['s4', 's1']).map((s) => s.section)[0]).toBe('s1');
  });

  it('splits table 三 as the official table groups its rows, at most 8 rows of 6 applicant columns a card', () => {
    const s3 = planSteps(['s3']);
    expect(s3.map((s) => s.id)).toEqual([
      's3.question',
      's3.intake',
      's3.r1r2',
      's3.r3',
      's3.r4r5',
      's3.r6out',
    ]);
    expect(s3[0]).toMatchObject({ kind: 'question', keys: [] });
    for (const step of s3.slice(1)) {
      expect(step.keys.length % 6).toBe(0);
      expect(step.keys.length).toBeLessThanOrEqual(48);
    }
    // The titles come from the template, e.g. the merged heading 「（三）不予公开」.
    const denied = TABLE3.rows.find((r) => r.id === 'r3_1')!.parents[1];
    expect(STEP_BY_ID.get('s3.r3')!.title).toBe(denied);
    expect(STEP_BY_ID.get('s3.r6out')!.keys.slice(-6)).toEqual(
      TABLE3.columns.filter((c) => !c.computed).map((c) => `t3.carry_out.${c.id}`),
    );
  });

  it('fills table 二 and table 四 in one step each, and 六 with the fee fields and its text together', () => {
    expect(planSteps(['s2'])).toHaveLength(1);
    expect(planSteps(['s2'])[0].keys).toHaveLength(10);
    expect(planSteps(['s4'])[0].keys).toHaveLength(12);
    expect(planSteps(['s6'])[0].keys).toEqual([
      's6.fee.notices',
      's6.fee.billed',
      's6.fee.collected',
      's6.text',
    ]);
    expect(planSteps(['s5']).map((s) => s.kind)).toEqual(['text', 'text']);
  });
});
