/**
 * The consolidated report's tables are sums of approved reports (src/consolidated/sum.ts). Every rule of the
 * format holds for such a sum: the table rules are equations between cells, and an equation that holds in each
 * report holds in their sum. Checked here for any number of random valid reports, built by construction.
 */
import fc from 'fast-check';
import { sumAnswers } from '../../src/consolidated/sum.js';
import { checkReport } from '../../src/report/check.js';
import { TABLE2, table2Key, type Answers } from '../../src/report/template.js';
import { params } from '../fuzz/runs.js';
import { textAnswers, unitYears } from './valid-reports.js';

const ids = (r: ReturnType<typeof checkReport>) =>
  [...r.errors, ...r.warnings].map((f) => `${f.rule} ${f.message}`);

/** A consolidated report: the sums, with texts the office wrote (here: the first report's). */
const consolidatedOf = (reports: Answers[]): Answers => ({
  ...sumAnswers(reports),
  ...textAnswers(reports[0]),
});

describe('the consolidated report (cell-wise sum of approved reports)', () => {
  it('every rule of the format holds for a sum: the sum of any N valid reports passes every rule, against the sum of their last years', () => {
    fc.assert(
      fc.property(fc.array(unitYears, { minLength: 1, maxLength: 6 }), (units) => {
        // The generator is right by construction: each unit passes on its own, against its own last year.
        for (const u of units) expect(ids(checkReport(u.current, { previous: u.previous }))).toEqual([]);
        const now = consolidatedOf(units.map((u) => u.current));
        const before = consolidatedOf(units.map((u) => u.previous));
        expect(ids(checkReport(now, { previous: before }))).toEqual([]);
        expect(ids(checkReport(now))).toEqual([]);
      }),
      // A fifth of the fuzz runs: each case checks up to 13 reports (60 cases in npm test, 400 in npm run fuzz).
      { ...params, numRuns: Math.max(1, Math.round(params.numRuns / 5)) },
    );
  });

  it('adds fees in 万元 and 元 to the 分 (0.1 + 0.2 is 0.3, never a float with too many places)', () => {
    const fee = table2Key(TABLE2.blocks[3].rows[0].id, TABLE2.blocks[3].columns[0].id);
    const sum = sumAnswers([
      { [fee]: '0.1', 's6.fee.billed': 0.1 },
      { [fee]: 0.2, 's6.fee.billed': '0.2' },
    ]);
    expect(sum[fee]).toBe(0.3);
    expect(sum['s6.fee.billed']).toBe(0.3);
  });

  it('W3 (行政事业性收费 more than ten times last year) is a plausibility warning, not an equation: a sum can trip it where no unit does', () => {
    // A unit that began charging this year has no last-year figure to compare with; added to a unit whose fee
    // stayed the same, the sum grows more than tenfold. The consolidated report then shows the warning, which
    // does not block its submission.
    const fee = table2Key(TABLE2.blocks[3].rows[0].id, TABLE2.blocks[3].columns[0].id);
    const w3 = (now: Answers, before: Answers) =>
      checkReport(now, { previous: before, sections: ['s2'] }).warnings.filter((f) => f.rule === 'W3');
    // Exactly ten times is not more than ten times, however small (found by the property above: 0.000001 × 10
    // is 0.000009999999999999999 in floating point).
    expect(w3({ [fee]: 0.00001 }, { [fee]: 0.000001 })).toEqual([]);
    expect(w3({ [fee]: 0.00003 }, { [fee]: 0.000003 })).toEqual([]);
    expect(w3({ [fee]: 0.000031 }, { [fee]: 0.000003 })).toHaveLength(1);
    expect(w3({ [fee]: 50 }, { [fee]: 0 })).toEqual([]);
    expect(w3({ [fee]: 1 }, { [fee]: 1 })).toEqual([]);
    expect(
      w3(sumAnswers([{ [fee]: 50 }, { [fee]: 1 }]), sumAnswers([{ [fee]: 0 }, { [fee]: 1 }])),
    ).toHaveLength(1);
  });
});
