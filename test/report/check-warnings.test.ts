/** W1–W7: for each rule, answers that break it and answers that keep it. */
import { checkReport, type Finding } from '../../src/report/check.js';
import { textOverlap } from '../../src/report/rules/previous-year.js';
import { SECTION_BY_ID, type Answers } from '../../src/report/template.js';
import {
  CARRY_IN_TOTAL,
  NEW_TOTAL,
  lastYearAnswers,
  validAnswers,
  withChanges,
} from './helpers/sample-answers.js';

const warn = (a: Answers, previous?: Answers): Finding[] =>
  checkReport(a, previous ? { previous } : {}).warnings;
const rules = (fs: Finding[]) => fs.map((f) => f.rule);

describe('with last year consistent', () => {
  it('gives no warning and no error', () => {
    expect(checkReport(validAnswers(), { previous: lastYearAnswers() })).toMatchObject({
      errors: [],
      warnings: [],
    });
  });
});

describe('W1 上年结转 = last year 结转下年度', () => {
  it('fires per column that does not carry over', () => {
    const previous = withChanges(lastYearAnswers(), { 't3.carry_out.law': 3 });
    const w = warn(validAnswers(), previous);
    expect(w).toEqual([
      {
        rule: 'W1',
        level: 'warning',
        cells: ['t3.carry_in.law'],
        message: '第三部分 法律服务机构列：上年结转填的是 1，但上年报告的结转下年度是 3',
        expected: 3,
        actual: 1,
      },
    ]);
  });

  it('needs last year: without it, or with it blank, nothing is compared', () => {
    const changed = withChanges(validAnswers(), { 't3.carry_in.law': 4, 't3.carry_out.law': 4 });
    expect(rules(warn(changed))).toEqual([]);
    expect(rules(warn(changed, {}))).toEqual([]);
    expect(rules(warn(changed, lastYearAnswers()))).toEqual(['W1']);
  });
});

describe('W2 现行有效 = last year + 制发 − 废止', () => {
  it('fires with the arithmetic', () => {
    const w = warn(validAnswers(), withChanges(lastYearAnswers(), { 't2.norm.valid': 12 }));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ rule: 'W2', expected: 13, actual: 10 });
    expect(w[0].cells).toEqual(['t2.norm.issued', 't2.norm.repealed', 't2.norm.valid']);
    expect(w[0].message).toBe(
      '第二部分 行政规范性文件：上年现行有效件数(12)+本年制发件数(2)−本年废止件数(1)=13，但现行有效件数填的是 10',
    );
  });

  it('keeps quiet when the count carries over', () => {
    const a = withChanges(validAnswers(), { 't2.reg.issued': 5, 't2.reg.repealed': 0, 't2.reg.valid': 14 });
    expect(rules(warn(a, lastYearAnswers()))).toEqual([]);
  });
});

describe('W3 行政事业性收费 looks like 元', () => {
  it('fires at 10⁶ 万元 and more, suggesting the 万元 figure', () => {
    const w = warn(withChanges(validAnswers(), { 't2.fee': '1234567' }));
    expect(rules(w)).toEqual(['W3']);
    expect(w[0].message).toContain('应填 123.4567');
    expect(rules(warn(withChanges(validAnswers(), { 't2.fee': '999999.9999' })))).toEqual([]);
  });

  it('fires at more than ten times last year, not at eight times', () => {
    expect(rules(warn(withChanges(validAnswers(), { 't2.fee': 300 }), lastYearAnswers()))).toEqual(['W3']);
    expect(rules(warn(withChanges(validAnswers(), { 't2.fee': 100 }), lastYearAnswers()))).toEqual([]);
    // Last year 0: any amount is growth from nothing, not a unit slip.
    const noFeeLastYear = withChanges(lastYearAnswers(), { 't2.fee': 0 });
    expect(rules(warn(withChanges(validAnswers(), { 't2.fee': 300 }), noFeeLastYear))).toEqual([]);
  });
});

describe('W4 六 states the 信息处理费', () => {
  const noFeeWords = '本年度按照政务公开工作要点逐项分解任务，建议提案办理结果均已公开。';

  it('fires when neither the fee fields nor the text say anything about it', () => {
    const a = withChanges(validAnswers(), {
      's6.fee.notices': undefined,
      's6.fee.billed': undefined,
      's6.fee.collected': undefined,
      's6.text': noFeeWords,
    });
    const w = warn(a);
    expect(rules(w)).toEqual(['W4']);
    expect(w[0].cells).toEqual(['s6.fee.notices', 's6.fee.billed', 's6.fee.collected', 's6.text']);
    expect(w[0].message).toContain('本年度未收取信息处理费');
  });

  it('is satisfied by the three fee fields, or by a sentence', () => {
    expect(rules(warn(withChanges(validAnswers(), { 's6.text': noFeeWords })))).toEqual([]);
    const sentence = withChanges(validAnswers(), {
      's6.fee.notices': undefined,
      's6.text': noFeeWords + '本年度未收取信息处理费。',
    });
    expect(rules(warn(sentence))).toEqual([]);
    // 上海市人民政府办公厅 2025 writes it this way.
    const variant = withChanges(sentence, { 's6.text': '2025 年度本机关未收取信息公开处理费。' });
    expect(rules(warn(variant))).toEqual([]);
  });

  // One application moved from 予以公开 to 逾期未缴费: the table still balances.
  const unpaid = { 't3.r1.np': 0, 't3.r6_2.np': 1 };

  it('fires when applications were dropped for an unpaid fee notice but 0 notices were sent', () => {
    const w = warn(withChanges(validAnswers(), unpaid));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ rule: 'W4', cells: ['t3.r6_2.tot', 's6.fee.notices'] });
    expect(w[0].message).toContain('第三部分 其他处理·逾期未缴费 总计列是 1');
    expect(rules(warn(withChanges(validAnswers(), { ...unpaid, 's6.fee.notices': 1 })))).toEqual([]);
  });

  it('fires when the text denies sending notices, not when it says the applicant did not pay', () => {
    const denial = withChanges(validAnswers(), {
      ...unpaid,
      's6.fee.notices': undefined,
      's6.text': '本年度未发出收费通知，未收取信息处理费。',
    });
    const w = warn(denial);
    expect(rules(w)).toEqual(['W4']);
    expect(w[0]).toMatchObject({ cells: ['t3.r6_2.tot', 's6.text'], actual: '未发出收费通知' });
    const applicantDidNotPay = withChanges(denial, {
      's6.text': '1名申请人未按收费通知要求缴纳费用，本年度未收取信息处理费。',
    });
    expect(rules(warn(applicantDidNotPay))).toEqual([]);
  });
});

describe('W5 a number in the text contradicts the tables', () => {
  const request = (text: string) => withChanges(validAnswers(), { 's1.request': text });

  it('fires on 「共收到申请N件」 ≠ 本年新收, naming the table cell and the text field', () => {
    const w = warn(request('2024年，本机关共收到政府信息公开申请99件，均按时答复。'));
    expect(w).toEqual([
      {
        rule: 'W5',
        level: 'warning',
        cells: ['s1.request', 't3.new.tot', 't3.carry_in.tot'],
        message: `第一部分（二）依申请公开中写的“收到政府信息公开申请99件”与表格不一致：第三部分 本年新收 总计列是 ${NEW_TOTAL}（加上年结转为 ${NEW_TOTAL + CARRY_IN_TOTAL}）`,
        expected: NEW_TOTAL,
        actual: 99,
      },
    ]);
  });

  it('accepts 本年新收 and 本年新收 + 上年结转, in Arabic or Chinese numerals', () => {
    expect(NEW_TOTAL).toBe(33);
    for (const text of [
      '全年受理政府信息公开申请33件。',
      '全年共受理依申请公开申请39件（含上年结转6件）。',
      '全年新收政府信息公开申请三十三件。',
      '全年共收办政府信息公开申请案件３３件。',
      '共收到依申请信息公开三十九件。',
    ])
      expect(rules(warn(request(text)))).toEqual([]);
    expect(rules(warn(request('全年新收政府信息公开申请三十件。')))).toEqual(['W5']);
    expect(rules(warn(request('全年受理政府信息公开申请两件。')))).toEqual(['W5']);
  });

  it('reads 上年结转 and 结转下年度 phrases against their rows', () => {
    expect(rules(warn(request('办结30件（含上年结转6件），另有6件结转下一年度办理。')))).toEqual([]);
    const w = warn(request('办结30件（含上年结转5件），转下年度办理7件。'));
    expect(w.map((f) => f.cells)).toEqual([
      ['s1.request', 't3.carry_in.tot'],
      ['s1.request', 't3.carry_out.tot'],
    ]);
  });

  it('compares 行政复议 with 四 行政复议 总计 and 行政诉讼 with both lawsuit groups', () => {
    const intro = (text: string) => withChanges(validAnswers(), { 's1.intro': text });
    expect(rules(warn(intro('本年度发生政府信息公开行政复议3件，行政诉讼2起。')))).toEqual([]);
    expect(rules(warn(intro('本年度发生政府信息公开行政复议三件，行政诉讼案件两起。')))).toEqual([]);
    const w = warn(intro('本年度发生政府信息公开行政复议5件，行政诉讼1件。'));
    expect(w.map((f) => [f.cells, f.expected, f.actual])).toEqual([
      [['s1.intro', 't4.review.total'], 3, 5],
      [['s1.intro', 't4.direct.total', 't4.post.total'], 2, 1],
    ]);
  });

  it('reads 「未收到申请」 as none received', () => {
    expect(rules(warn(request('本年度我中心未收到申请公开信息。')))).toEqual(['W5']);
    const none = withChanges(validAnswers(), { 's1.request': '本年度我中心未收到申请公开信息。' });
    for (const col of ['np', 'biz', 'res', 'npo', 'law', 'oth'])
      Object.assign(none, { [`t3.new.${col}`]: 0, [`t3.r1.${col}`]: 0, [`t3.r2.${col}`]: 0 });
    expect(rules(warn(none))).toEqual([]);
  });

  it('ignores numbers that are not about this year’s applications', () => {
    for (const text of [
      '全年受理网络问政182件，其中自然人申请741件。',
      '较上年受理政府信息公开申请12件有所增加。',
      '受理政府信息公开申请近300件。',
      '未收到申请人的投诉，未收到行政复议申请。',
      '行政复议、行政诉讼2类案件按月备案。',
      '主动公开政府信息5500余条，制作政策解读21个。',
    ])
      expect(rules(warn(request(text)))).toEqual([]);
  });

  it('keeps quiet while the table is not filled yet', () => {
    const a = withChanges(request('共收到政府信息公开申请99件。'), { 't3.new.np': undefined });
    expect(rules(warn(a))).toEqual([]);
  });
});

describe('W6 a text repeats last year’s', () => {
  it('fires when more than half of a text is last year’s, even with the years changed', () => {
    const last = lastYearAnswers();
    const copied = String(last['s5.problems']).replace(/。/g, '，2024年继续加强。');
    const w = warn(withChanges(validAnswers(), { 's5.problems': copied }), last);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ rule: 'W6', cells: ['s5.problems'], expected: '不超过 50%' });
    expect(w[0].message).toMatch(/^第五部分（一）存在的主要问题有 \d+% 的文字与上年报告相同/);
  });

  it('keeps quiet for new text and for short fixed sentences', () => {
    const last = withChanges(lastYearAnswers(), { 's6.text': '本年度未收取信息处理费。' });
    const a = withChanges(validAnswers(), { 's6.text': '本年度未收取信息处理费。' });
    expect(rules(warn(a, last))).toEqual([]);
  });

  it('measures the share of this year’s 8-character runs found in last year’s text', () => {
    const last = '一二三四五六七八九十甲乙丙丁戊己庚辛壬癸';
    expect(textOverlap(last, last)).toBe(1);
    expect(textOverlap('子丑寅卯辰巳午未申酉戌亥', last)).toBe(0);
    expect(textOverlap('2023年一二三四五六七八', '2024年，一二三四五六七八')).toBe(1);
    const half = textOverlap('一二三四五六七八九十子丑寅卯辰巳午未', last);
    expect(half).toBeGreaterThan(0.2);
    expect(half).toBeLessThan(0.5);
  });
});

describe('W7 一 written in parts leaves an aspect blank', () => {
  const aspects = SECTION_BY_ID.get('s1')!.texts.filter((f) => f.heading !== '');

  it('names the blank aspect by its heading, one warning per aspect, in printed order', () => {
    const [, second, , fourth] = aspects;
    const w = warn(withChanges(validAnswers(), { [second.key]: undefined, [fourth.key]: ' ' }));
    expect(w.map((f) => [f.rule, f.level, f.cells])).toEqual([
      ['W7', 'warning', [second.key]],
      ['W7', 'warning', [fourth.key]],
    ]);
    expect(w[0].message).toBe(
      `第一部分${second.heading}还没有写：第一部分是按（一）至（五）分方面写的，这一方面空着。` +
        '年度要点和考评要求五个方面都写到，本年确无相关工作的也请写明',
    );
    expect(checkReport(withChanges(validAnswers(), { [second.key]: undefined })).errors).toEqual([]);
  });

  it('keeps quiet when 一 is one passage in its opening paragraph, or every aspect is written', () => {
    const onePassage = Object.fromEntries(aspects.map((f) => [f.key, undefined]));
    expect(rules(warn(withChanges(validAnswers(), onePassage)))).toEqual([]);
    expect(rules(warn(validAnswers()))).toEqual([]);
  });

  it('belongs to section 一: a card step of another section does not show it', () => {
    const a = withChanges(validAnswers(), { [aspects[2].key]: undefined });
    expect(rules(checkReport(a, { sections: ['s1'] }).warnings)).toEqual(['W7']);
    expect(rules(checkReport(a, { sections: ['s5'] }).warnings)).toEqual([]);
  });
});
