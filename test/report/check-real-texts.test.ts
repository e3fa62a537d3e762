/**
 * W5 on published reports' own words: where the text agrees with the printed tables, no warning; where it
 * does not (a different scope — 「区政府办代表区政府」, 「全市备案」), the warning says which phrase and cell.
 */
import { checkReport, type Finding } from '../../src/report/check.js';
import { parseWrittenNumber } from '../../src/report/rules/chinese-number.js';
import { textOverlap } from '../../src/report/rules/previous-year.js';
import { narrative, readFixture, realAnswers } from './helpers/real-report.js';

const w5 = (name: string): Finding[] =>
  checkReport(realAnswers(readFixture(name))).warnings.filter((f) => f.rule === 'W5');

describe('W5 on the fixtures’ real texts', () => {
  it('淮安市 2024: 受理 3119, 含上年度结转 34, 行政复议 351, 行政诉讼 46 all agree with its tables', () => {
    const text = readFixture('huaian-city-2024.pdftotext.txt');
    const a = realAnswers(text);
    expect(a).toMatchObject({ 't3.new.tot': 3119, 't3.carry_in.tot': 34, 't4.review.total': 351 });
    expect(narrative(text)).toContain('（二）依申请公开情况');
    expect(w5('huaian-city-2024.pdftotext.txt')).toEqual([]);
  });

  it('淮安市 2024: the same text against a different table is caught, phrase by phrase', () => {
    const a = {
      ...realAnswers(readFixture('huaian-city-2024.pdftotext.txt')),
      't3.new.tot': 3000,
      't4.review.total': 350,
    };
    const found = checkReport(a).warnings.filter((f) => f.rule === 'W5');
    expect(found.map((f) => [f.actual, f.expected, f.cells])).toEqual([
      [3119, 3000, ['s1.intro', 't3.new.tot', 't3.carry_in.tot']],
      [351, 350, ['s1.intro', 't4.review.total']],
    ]);
  });

  it('上高县机关事务管理中心 2022: 「未收到申请公开信息」 agrees with its all-zero table', () => {
    const text = readFixture('shanggao-jiguan-2022.txt');
    // Its table 三 is printed one cell a line; every number in it is 0.
    const table3 = text.slice(text.indexOf('三、收到和处理'), text.indexOf('四、政府信息公开行政复议'));
    expect(table3.match(/^\s*\d+\s*$/gm)!.every((n) => n.trim() === '0')).toBe(true);
    const zeros = { 't3.new.tot': 0, 't3.carry_in.tot': 0, 't3.carry_out.tot': 0 };
    const a = { ...realAnswers(text), ...zeros };
    expect(checkReport(a).warnings.filter((f) => f.rule === 'W5')).toEqual([]);
    const found = checkReport({ ...a, 't3.new.tot': 2 }).warnings.filter((f) => f.rule === 'W5');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('未收到申请');
  });

  it.each([
    ['01_huaian-hongze-district-gov_2023.txt'],
    ['04_suqian-city-gov_2023.txt'],
    ['06_shuyang-county-gov_2025.txt'],
    ['07_shuyang-county-drc_2023.txt'],
    ['08_shanghai-stcsm_2024.txt'],
    ['09_shanghai-gov-office_2025.txt'],
  ])('real-reports/%s: the numbers in its text agree with its tables', (name) => {
    expect(w5(`real-reports/${name}`)).toEqual([]);
    // …and they were read: against other totals the same text is flagged.
    const a = realAnswers(readFixture(`real-reports/${name}`));
    for (const key of Object.keys(a)) if (key !== 's1.intro') a[key] = 99_999;
    expect(checkReport(a).warnings.filter((f) => f.rule === 'W5').length).toBeGreaterThan(0);
  });

  it('洪泽区 2024 writes 受理 17 for 区政府办 while its table counts 95: flagged', () => {
    const found = w5('real-reports/02_huaian-hongze-district-gov_2024.txt');
    expect(found.map((f) => [f.actual, f.expected])).toEqual([[17, 95]]);
  });

  it('宿迁市 2024 writes the city-wide 备案 cases (134, 57) beside its own table (170, 77): flagged', () => {
    const found = w5('real-reports/05_suqian-city-gov_2024.txt');
    expect(found.map((f) => [f.actual, f.expected, f.cells.slice(1)])).toEqual([
      [134, 170, ['t4.review.total']],
      [57, 77, ['t4.direct.total', 't4.post.total']],
    ]);
  });
});

describe('numbers written in Chinese', () => {
  it.each([
    ['3119', 3119],
    ['3,119', 3119],
    ['３１１９', 3119],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十三', 23],
    ['一百零五', 105],
    ['三千零一', 3001],
    ['一万二千', 12000],
    ['〇', 0],
  ])('%s is %d', (text, value) => {
    expect(parseWrittenNumber(text)).toBe(value);
  });

  it('refuses digit-by-digit years', () => {
    expect(parseWrittenNumber('二〇二四')).toBeUndefined();
  });
});

describe('W6 on consecutive real years', () => {
  const between = (name: string, from: string, to: string) => {
    const t = readFixture(`real-reports/${name}`);
    const start = t.indexOf(from) + from.length;
    const end = t.indexOf(to, start);
    return t.slice(start, end < 0 ? undefined : end);
  };
  const S5 = ['五、存在的主要问题及改进情况', '六、其他需要报告的事项'] as const;
  const HONGZE = ['01_huaian-hongze-district-gov_2023.txt', '02_huaian-hongze-district-gov_2024.txt'];
  const SUQIAN = ['04_suqian-city-gov_2023.txt', '05_suqian-city-gov_2024.txt'];

  it('measures how much of 宿迁市 and 洪泽区 2024 section 五 repeats 2023: some, under half', () => {
    for (const [before, after] of [SUQIAN, HONGZE]) {
      const share = textOverlap(between(after, ...S5), between(before, ...S5));
      expect(share).toBeGreaterThan(0.1);
      expect(share).toBeLessThan(0.5);
    }
  });

  it('does not flag 洪泽区’s one-sentence fee statement repeated word for word, flags a copied 五', () => {
    const text = (name: string) => ({
      's5.problems': between(name, ...S5),
      's6.text': between(name, S5[1], '\u0000'),
    });
    const [before, after] = HONGZE.map(text);
    expect(textOverlap(after['s6.text'], before['s6.text'])).toBe(1);
    const w6 = (now: Record<string, string>) =>
      checkReport(now, { previous: before }).warnings.filter((f) => f.rule === 'W6');
    expect(w6(after)).toEqual([]);
    const copied = { ...after, 's5.problems': before['s5.problems'].replace(/2023/g, '2024') };
    expect(w6(copied).map((f) => [f.cells, f.actual])).toEqual([[['s5.problems'], '100%']]);
  });
});
