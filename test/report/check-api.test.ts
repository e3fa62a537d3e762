/** The checker as other parts use it: its result shape, partial answers, and checking one card step. */
import { checkReport, type Finding } from '../../src/report/check.js';
import { INPUT_CELLS, RULES, SECTIONS, TEXT_FIELDS, type Answers } from '../../src/report/template.js';
import { lastYearAnswers, validAnswers, withChanges } from './helpers/sample-answers.js';

/** A report that breaks one rule of every section and every W rule. */
function brokenEverywhere(): Answers {
  return withChanges(validAnswers(), {
    's1.active': '',
    's1.request': '共收到政府信息公开申请99件。',
    't2.license': undefined,
    't2.fee': '1234567',
    't3.carry_out.np': 2,
    't4.review.total': 9,
    's5.problems': undefined,
    's5.improvements': '',
    's6.fee.notices': '两件',
  });
}

const sectionsOf = (fs: Finding[]) => [...new Set(fs.map((f) => f.rule))].sort();

describe('checkReport', () => {
  it('splits findings by level and returns the parsed numbers', () => {
    const result = checkReport(brokenEverywhere());
    expect(result.errors.every((f) => f.level === 'error' && RULES[f.rule].level === 'error')).toBe(true);
    expect(result.warnings.every((f) => f.level === 'warning' && RULES[f.rule].level === 'warning')).toBe(
      true,
    );
    expect(sectionsOf(result.errors)).toEqual(['E1', 'E2', 'E5', 'E6', 'E7']);
    expect(sectionsOf(result.warnings)).toEqual(['W3', 'W5', 'W7']);
    expect(result.parsed.given['t2.fee']).toBe(1234567);
    expect(result.parsed.computed['t3.new.tot']).toBe(33);
  });

  it('names canonical keys in every finding and writes every message in Chinese', () => {
    const known = new Set([...INPUT_CELLS.map((c) => c.key), ...TEXT_FIELDS.map((t) => t.key)]);
    const { errors, warnings } = checkReport(brokenEverywhere(), { previous: lastYearAnswers() });
    for (const f of [...errors, ...warnings]) {
      expect(f.cells.length).toBeGreaterThan(0);
      for (const key of f.cells) expect(known.has(key) || /^(t[234]|s6\.fee)\./.test(key)).toBe(true);
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      expect(f.message).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it('never throws on partial or malformed input, and reports what is missing', () => {
    const empty = checkReport({});
    // E7 once per text section (一, 五, 六), not once per part.
    expect(empty.errors.map((f) => f.rule)).toEqual(['E1', 'E1', 'E1', 'E7', 'E7', 'E7']);
    expect(empty.warnings).toEqual([]);
    for (const bad of [null, undefined, [], 'text', 42] as unknown[])
      expect(() => checkReport(bad as Answers, { previous: bad as Answers })).not.toThrow();
    const odd = { 's1.active': 12, 's1.request': null, 't3.new.np': {} } as unknown as Answers;
    expect(() => checkReport(odd, { previous: odd })).not.toThrow();
  });
});

describe('checking one card step (options.sections)', () => {
  it('reports only the rules and cells of the chosen sections', () => {
    const broken = brokenEverywhere();
    const rulesFor = (ids: ('s1' | 's2' | 's3' | 's4' | 's5' | 's6')[]) => {
      const r = checkReport(broken, { sections: ids });
      return [...r.errors, ...r.warnings].map((f) => f.rule).sort();
    };
    expect(rulesFor(['s1'])).toEqual(['W5', 'W7']);
    expect(rulesFor(['s2'])).toEqual(['E1', 'W3']);
    expect(rulesFor(['s3'])).toEqual(['E5', 'W5']);
    expect(rulesFor(['s4'])).toEqual(['E6']);
    expect(rulesFor(['s5'])).toEqual(['E7']);
    expect(rulesFor(['s6'])).toEqual(['E2']);
    expect(rulesFor([])).toEqual([]);
    const all = checkReport(broken);
    expect(rulesFor(SECTIONS.map((s) => s.id))).toEqual(
      [...all.errors, ...all.warnings].map((f) => f.rule).sort(),
    );
  });

  it('keeps cells of other sections out of E1 and E2', () => {
    const a = withChanges(validAnswers(), { 't2.reg.valid': 'x', 't3.r1.np': undefined });
    expect(checkReport(a, { sections: ['s3'] }).errors.flatMap((f) => f.cells)).toEqual(['t3.r1.np']);
    expect(checkReport(a, { sections: ['s2'] }).errors.flatMap((f) => f.cells)).toEqual(['t2.reg.valid']);
  });
});
