/** E1–E7: for each rule, answers that break it and answers that keep it, built from the template. */
import { checkReport } from '../../src/report/check.js';
import { parseAnswers } from '../../src/report/compute.js';
import {
  COMPUTED_CELLS,
  INPUT_CELLS,
  SECTION_BY_ID,
  TABLE_CELL_BY_KEY,
  TABLE3,
  TABLE4,
  type Answers,
} from '../../src/report/template.js';
import { validAnswers, withChanges } from './helpers/sample-answers.js';

const rulesOf = (a: Answers) => {
  const r = checkReport(a);
  return [...r.errors, ...r.warnings].map((f) => f.rule);
};

/** The valid answers with every computed cell printed, as an imported report has them. */
function withPrintedTotals(a: Answers): Answers {
  const parsed = parseAnswers(a);
  const out = { ...a };
  for (const c of COMPUTED_CELLS) out[c.key] = parsed.computed[c.key];
  return out;
}

describe('a complete, consistent report', () => {
  it('has no finding, typed in or imported with printed totals', () => {
    expect(checkReport(validAnswers())).toMatchObject({ errors: [], warnings: [] });
    expect(checkReport(withPrintedTotals(validAnswers()))).toMatchObject({ errors: [], warnings: [] });
  });
});

describe('E1 every cell of tables 二, 三, 四 is filled', () => {
  it('names the one missing cell by its row and column', () => {
    const { errors } = checkReport(withChanges(validAnswers(), { 't3.r1.np': undefined }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'E1', level: 'error', cells: ['t3.r1.np'] });
    expect(errors[0].message).toBe('第三部分 予以公开行有 1 格未填写：自然人。没有的请填 0，不要留空');
  });

  it('treats whitespace as blank and 0 as filled', () => {
    expect(rulesOf(withChanges(validAnswers(), { 't2.license': '  ' }))).toEqual(['E1']);
    expect(rulesOf(withChanges(validAnswers(), { 't2.license': 0 }))).toEqual([]);
    expect(rulesOf(withChanges(validAnswers(), { 't2.license': '0' }))).toEqual([]);
  });

  it('reports a blank table once, listing all 144 inputs of 三', () => {
    const blank = validAnswers();
    for (const c of INPUT_CELLS.filter((c) => c.table === 't3')) delete blank[c.key];
    const e1 = checkReport(blank).errors.filter((f) => f.rule === 'E1');
    expect(e1).toHaveLength(1);
    expect(e1[0].cells).toHaveLength(144);
    expect(e1[0].message).toContain(`第三部分（${TABLE3.title}）的表格还没有填写`);
  });

  it('groups a partly filled table by row (三) and by group (四)', () => {
    const a = withChanges(validAnswers(), {
      't3.new.np': undefined,
      't3.new.biz': undefined,
      't3.r2.oth': undefined,
      't4.post.other': undefined,
      't2.reg.valid': undefined,
      't2.fee': undefined,
    });
    const e1 = checkReport(a).errors.filter((f) => f.rule === 'E1');
    expect(e1.map((f) => f.cells)).toEqual([
      ['t2.reg.valid', 't2.fee'],
      ['t3.new.np', 't3.new.biz'],
      ['t3.r2.oth'],
      ['t4.post.other'],
    ]);
    expect(e1[0].message).toContain(TABLE_CELL_BY_KEY.get('t2.fee')!.label.replace('第二部分 ', ''));
    expect(e1[3].message).toContain(`${TABLE4.groups[2].parent}${TABLE4.groups[2].label}`);
  });

  it('reports rows missing the same columns together (an import that printed 「-」 for organisations)', () => {
    const a = validAnswers();
    const orgColumns = TABLE3.columns.filter((c) => c.group).map((c) => c.id);
    for (const c of INPUT_CELLS.filter((c) => c.table === 't3' && orgColumns.includes(c.key.split('.')[2])))
      delete a[c.key];
    delete a['t3.r1.np'];
    const e1 = checkReport(a).errors.filter((f) => f.rule === 'E1');
    expect(e1.map((f) => f.cells.length)).toEqual([5 * 23, 6]);
    expect(e1[0].message).toBe(
      '第三部分 本年新收、上年结转、部分公开等 23 行各有 5 格未填写：商业企业、科研机构、社会公益组织、法律服务机构等 5 项（共 115 格）。没有的请填 0，不要留空',
    );
    expect(e1[1].message).toContain('第三部分 予以公开行有 6 格未填写');
  });

  it('still asks for the terms when only a printed total is given', () => {
    const a = withChanges(validAnswers(), { 't4.review.upheld': undefined, 't4.review.total': 3 });
    expect(checkReport(a).errors.map((f) => [f.rule, f.cells])).toEqual([['E1', ['t4.review.upheld']]]);
  });
});

describe('E2 values are of their type', () => {
  it('quotes the cell label and the parser message', () => {
    const { errors } = checkReport(withChanges(validAnswers(), { 't4.direct.pending': '1.5' }));
    expect(errors).toEqual([
      {
        rule: 'E2',
        level: 'error',
        cells: ['t4.direct.pending'],
        message: `${TABLE_CELL_BY_KEY.get('t4.direct.pending')!.label}：件数必须是整数，不能有小数`,
        actual: '1.5',
      },
    ]);
  });

  it('checks the fee fields of 六 too, and printed totals', () => {
    const a = withChanges(withPrintedTotals(validAnswers()), { 's6.fee.billed': '-20', 't3.r7.tot': '很多' });
    const e2 = checkReport(a).errors.filter((f) => f.rule === 'E2');
    expect(e2.map((f) => f.cells[0])).toEqual(['t3.r7.tot', 's6.fee.billed']);
    expect(e2[1].message).toBe('第六部分 信息处理费：收费通知总金额（元）：不能是负数');
  });
});

describe('E3 each row total of 三 is the sum of its applicant columns', () => {
  it('fires on a wrong printed 总计 and says what the columns add up to', () => {
    const a = withChanges(withPrintedTotals(validAnswers()), { 't3.carry_out.tot': 7 });
    const { errors } = checkReport(a);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'E3', expected: 6, actual: 7 });
    expect(errors[0].cells[0]).toBe('t3.carry_out.tot');
    expect(errors[0].message).toBe(
      '第三部分 结转下年度行：各类申请人之和 自然人(1)+商业企业(1)+科研机构(1)+社会公益组织(1)+法律服务机构(1)+其他(1)=6，但总计填的是 7',
    );
  });

  it('keeps quiet when the printed total is right', () => {
    expect(rulesOf(withChanges(validAnswers(), { 't3.carry_out.tot': 6 }))).toEqual([]);
  });
});

describe('E4 （七）总计 is the sum of the result rows', () => {
  it('fires on a wrong printed （七）总计 of one column, without an E5 cascade', () => {
    const a = withChanges(validAnswers(), { 't3.r7.np': 4 });
    const { errors } = checkReport(a);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'E4', expected: 3, actual: 4 });
    expect(errors[0].message).toBe(
      '第三部分 自然人列：办理结果各项（予以公开至其他处理·其他）之和为 3，但（七）总计填的是 4',
    );
  });

  it('keeps quiet when the printed （七）总计 is right', () => {
    expect(rulesOf(withChanges(validAnswers(), { 't3.r7.np': 3 }))).toEqual([]);
  });

  it('reports one typed-in cell of a fully printed table once, with its likely value', () => {
    const a = withChanges(withPrintedTotals(validAnswers()), { 't3.r1.biz': 5 });
    const { errors } = checkReport(a);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'E4', expected: 2, actual: 5 });
    expect(errors[0].cells.slice(0, 1)).toEqual(['t3.r1.biz']);
    expect(errors[0].cells).toEqual(expect.arrayContaining(['t3.r1.tot', 't3.r7.biz']));
    expect(errors[0].message).toContain('第三部分 予以公开 商业企业列填的 5 可能有误');
    expect(errors[0].message).toContain('这一格应为 2');
  });

  it('reports a wrong printed row total in a printed table once, as that cell', () => {
    const a = withChanges(withPrintedTotals(validAnswers()), { 't3.r2.tot': 9 });
    const { errors } = checkReport(a);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ expected: 6, actual: 9, cells: expect.arrayContaining(['t3.r2.tot']) });
    expect(errors[0].cells[0]).toBe('t3.r2.tot');
  });
});

describe('E5 本年新收 + 上年结转 = 办理结果总计 + 结转下年度, per column', () => {
  it('fires in the words of the printed note when a column does not balance', () => {
    const { errors } = checkReport(withChanges(validAnswers(), { 't3.carry_out.np': 2 }));
    expect(errors).toEqual([
      {
        rule: 'E5',
        level: 'error',
        cells: ['t3.new.np', 't3.carry_in.np', 't3.r7.np', 't3.carry_out.np'],
        message: '第三部分 自然人列：本年新收(3)+上年结转(1)=4，但办理结果总计(3)+结转下年度(2)=5',
        expected: 4,
        actual: 5,
      },
    ]);
  });

  it('keeps quiet when every column balances, also after moving applications between result rows', () => {
    expect(rulesOf(withChanges(validAnswers(), { 't3.r1.np': 0, 't3.r6_3.np': 1 }))).toEqual([]);
  });

  it('checks the 总计 column when only totals were printed', () => {
    const a = validAnswers();
    for (const c of INPUT_CELLS.filter((c) => c.table === 't3')) delete a[c.key];
    Object.assign(a, { 't3.new.tot': 10, 't3.carry_in.tot': 2, 't3.r7.tot': 9, 't3.carry_out.tot': 1 });
    const e5 = checkReport(a).errors.filter((f) => f.rule === 'E5');
    expect(e5).toHaveLength(1);
    expect(e5[0].message).toBe(
      '第三部分 总计列：本年新收(10)+上年结转(2)=12，但办理结果总计(9)+结转下年度(1)=10',
    );
  });

  it('reports a typo in 本年新收 of a printed table once', () => {
    const a = withChanges(withPrintedTotals(validAnswers()), { 't3.new.res': 9 });
    const { errors } = checkReport(a);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'E5', expected: 5, actual: 9 });
    expect(errors[0].cells[0]).toBe('t3.new.res');
  });
});

describe('E6 each group total of 四 is the sum of its results', () => {
  it('fires on a wrong printed 总计', () => {
    const { errors } = checkReport(withChanges(validAnswers(), { 't4.review.total': 4 }));
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'E6',
        expected: 3,
        actual: 4,
        message: '第四部分 行政复议：结果维持(1)+结果纠正(1)+其他结果(0)+尚未审结(1)=3，但总计填的是 4',
      }),
    ]);
    expect(errors[0].cells).toEqual([
      't4.review.total',
      't4.review.upheld',
      't4.review.corrected',
      't4.review.other',
      't4.review.pending',
    ]);
  });

  it('keeps quiet when the printed total is right', () => {
    expect(rulesOf(withChanges(validAnswers(), { 't4.review.total': 3, 't4.post.total': '1' }))).toEqual([]);
  });
});

describe('E7 each text section is written', () => {
  const s1Texts = SECTION_BY_ID.get('s1')!.texts.map((f) => f.key);
  const blank = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, undefined]));

  it('fires once per empty section, naming every text of it, whitespace counting as empty', () => {
    const { errors } = checkReport(
      withChanges(validAnswers(), {
        ...blank(s1Texts),
        's1.active': ' \n\t　',
        's5.problems': '',
        's5.improvements': undefined,
      }),
    );
    expect(errors.map((f) => [f.rule, f.cells])).toEqual([
      ['E7', s1Texts],
      ['E7', ['s5.problems', 's5.improvements']],
    ]);
    expect(errors[0].message).toBe('第一部分（总体情况）还没有写，这一部分不能空着');
    expect(errors[1].message).toBe('第五部分（存在的主要问题及改进情况）还没有写，这一部分不能空着');
  });

  it('takes section 一 written as one passage in its opening paragraph, without W7', () => {
    const onePassage = withChanges(validAnswers(), blank(s1Texts.filter((k) => k !== 's1.intro')));
    expect(rulesOf(onePassage)).toEqual([]);
    // The same report with the opening paragraph gone has nothing left of 一.
    expect(rulesOf(withChanges(onePassage, { 's1.intro': '  ' }))).toEqual(['E7']);
  });

  it('takes section 一 with one aspect written: a warning (W7) for the others, not an error', () => {
    const oneAspect = withChanges(validAnswers(), blank(s1Texts.filter((k) => k !== 's1.request')));
    const result = checkReport(oneAspect);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((f) => f.rule)).toEqual(['W7', 'W7', 'W7', 'W7']);
  });

  it('takes section 五 written as one passage, as published reports often do', () => {
    expect(rulesOf(withChanges(validAnswers(), { 's5.improvements': undefined }))).toEqual([]);
    expect(rulesOf(withChanges(validAnswers(), { 's5.problems': '  ' }))).toEqual([]);
  });

  it('fires on an empty section 六', () => {
    const { errors } = checkReport(withChanges(validAnswers(), { 's6.text': '' }));
    expect(errors.map((f) => [f.rule, f.cells, f.message])).toEqual([
      ['E7', ['s6.text'], '第六部分（其他需要报告的事项）还没有写，这一部分不能空着'],
    ]);
  });

  it('does not require the optional opening paragraph or the contact line', () => {
    expect(rulesOf(withChanges(validAnswers(), { 's1.intro': undefined, 'meta.phone': '' }))).toEqual([]);
  });
});
