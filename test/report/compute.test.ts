/** parseAnswers/cellValue: what the checker builds on — sums only when every term is known, printed totals apart. */
import { cellValue, parseAnswers } from '../../src/report/compute.js';
import { TABLE_CELL_BY_KEY } from '../../src/report/template.js';
import { validAnswers, withChanges } from './helpers/sample-answers.js';

describe('parseAnswers', () => {
  it('sums the 总计 column, the （七）总计 row and their corner', () => {
    const p = parseAnswers(validAnswers());
    expect(p.computed['t3.new.tot']).toBe(33);
    expect(p.computed['t3.r7.np']).toBe(3);
    expect(p.computed['t3.r7.tot']).toBe(33);
    expect(p.computed['t4.review.total']).toBe(3);
  });

  it('leaves a sum out when one term is missing or invalid, and keeps the printed total apart', () => {
    const p = parseAnswers(
      withChanges(validAnswers(), { 't3.new.np': undefined, 't3.r1.biz': 'x', 't3.new.tot': 40 }),
    );
    expect(p.computed['t3.new.tot']).toBeUndefined();
    expect(p.computed['t3.r7.biz']).toBeUndefined();
    expect(p.computed['t3.r7.tot']).toBeUndefined();
    expect(p.given['t3.new.tot']).toBe(40);
    expect(p.invalid['t3.r1.biz']).toBeDefined();
    expect(cellValue(p, 't3.new.tot')).toBe(40);
  });

  it('prefers the sum to a printed total for display', () => {
    const p = parseAnswers(withChanges(validAnswers(), { 't3.new.tot': 40 }));
    expect(cellValue(p, 't3.new.tot')).toBe(33);
    expect(TABLE_CELL_BY_KEY.get('t3.new.tot')?.sumOf).toBeDefined();
  });
});
