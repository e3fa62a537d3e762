import {
  COMPUTED_CELLS,
  INPUT_CELLS,
  TABLE_CELLS,
  TABLE_CELL_BY_KEY,
  TABLE3,
  sectionOfKey,
} from '../../src/report/template.js';

describe('the official template', () => {
  it('has the cells of report-format.md: 10 in 二, 25×7 in 三, 3×5 in 四', () => {
    expect(TABLE_CELLS.filter((c) => c.table === 't2')).toHaveLength(10);
    expect(TABLE_CELLS.filter((c) => c.table === 't3')).toHaveLength(25 * 7);
    expect(TABLE_CELLS.filter((c) => c.table === 't4')).toHaveLength(15);
    expect(new Set(TABLE_CELLS.map((c) => c.key)).size).toBe(TABLE_CELLS.length);
  });

  it('asks for 24 rows × 6 columns of 三 and computes the 总计 column and the （七） row', () => {
    expect(INPUT_CELLS.filter((c) => c.table === 't3')).toHaveLength(24 * 6);
    expect(TABLE_CELL_BY_KEY.get('t3.r7.np')?.sumOf).toHaveLength(21);
    expect(TABLE_CELL_BY_KEY.get('t3.new.tot')?.sumOf).toEqual([
      't3.new.np',
      't3.new.biz',
      't3.new.res',
      't3.new.npo',
      't3.new.law',
      't3.new.oth',
    ]);
    expect(TABLE_CELL_BY_KEY.get('t4.review.total')?.sumOf).toHaveLength(4);
    expect(TABLE3.rows.map((r) => r.id)).toContain('r6_3');
  });

  it('orders computed cells so that each sum only uses inputs or earlier sums', () => {
    const known = new Set(INPUT_CELLS.map((c) => c.key));
    for (const cell of COMPUTED_CELLS) {
      for (const term of cell.sumOf ?? []) expect(known.has(term)).toBe(true);
      known.add(cell.key);
    }
  });

  it('maps keys to their section', () => {
    expect(sectionOfKey('t3.new.np')).toBe('s3');
    expect(sectionOfKey('s6.fee.billed')).toBe('s6');
    expect(sectionOfKey('meta.phone')).toBeUndefined();
  });
});
