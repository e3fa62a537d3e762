/**
 * The two reference fixtures import completely, and every number equals the published one. The expected
 * numbers are taken from the fixture files by the simplest reading their layout allows (the lines after a
 * label in the Word export; the trailing numbers of the table's lines in pdftotext), not by the importer.
 */
import { readFileSync } from 'node:fs';
import { importText } from '../../src/import/index.js';
import { TABLE2, TABLE3, TABLE4, table2Key, table3Key, table4Key } from '../../src/report/template.js';
import { FIXTURES_DIR } from '../support/fixtures.js';

const FIXTURES = FIXTURES_DIR;
const read = (name: string) => readFileSync(`${FIXTURES}/${name}`, 'utf8');
const isNumber = (s: string) => /^\d+(\.\d+)?$/.test(s);

describe('the Word text export of 上高县机关事务管理中心 2022', () => {
  const text = read('shanggao-jiguan-2022.txt');
  const lines = text.split('\n').map((l) => l.trim());
  const result = importText(text);
  const after = (label: string, count: number) => {
    const at = lines.indexOf(label);
    expect(at).toBeGreaterThan(0);
    const values = lines.slice(at + 1, at + 1 + count);
    expect(values.every(isNumber)).toBe(true);
    return values.map(Number);
  };

  it('is read as a Word text export with every cell and no unread cell', () => {
    expect(result.format).toBe('word-text');
    expect(result.unread).toEqual([]);
    expect(lines[0]).toContain(`${result.file.unit}${result.file.year}年政府信息公开工作年度报告`);
    expect(result.file.unit).toBe(lines[1].match(/请与(.+?)人秘股联系/)![1]);
  });

  it('has table 二 as printed: the numbers on the lines after each row label', () => {
    for (const block of TABLE2.blocks)
      for (const row of block.rows) {
        const printed = after(row.label, block.columns.length);
        block.columns.forEach((c, i) =>
          expect(result.file.answers[table2Key(row.id, c.id)]).toBe(printed[i]),
        );
      }
  });

  it('has table 三 as printed: the seven lines after each row label, totals included', () => {
    for (const row of TABLE3.rows) {
      const printed = after(row.label, TABLE3.columns.length);
      TABLE3.columns.forEach((c, i) => expect(result.file.answers[table3Key(row.id, c.id)]).toBe(printed[i]));
    }
  });

  it('has table 四 as printed: the fifteen numbers before section 五', () => {
    const end = lines.indexOf('五、存在的主要问题及改进情况');
    const numbers = lines.slice(0, end).filter((l) => l !== '');
    const printed = numbers.slice(-15);
    expect(printed.every(isNumber)).toBe(true);
    const keys = TABLE4.groups.flatMap((g) => TABLE4.columns.map((c) => table4Key(g.id, c.id)));
    keys.forEach((key, i) => expect(result.file.answers[key]).toBe(Number(printed[i])));
  });

  it('keeps the texts as printed, split by the sub-headings of 一 and 五', () => {
    const a = result.file.answers;
    for (const [key, heading] of [
      ['s1.active', '（一）主动公开'],
      ['s1.request', '（二）依申请公开'],
      ['s1.management', '（三）政府信息管理'],
      ['s1.platform', '（四）政府信息公开平台建设'],
      ['s1.oversight', '（五）监督保障'],
      ['s5.problems', '（一）存在问题'],
      ['s5.improvements', '（二）下一步打算'],
    ])
      expect(String(a[key]).startsWith(heading)).toBe(true);
    expect(a['s1.request']).toContain('2022年，我中心未收到申请公开信息。');
    const six = lines.slice(lines.indexOf('六、其他需要报告的事项') + 1).filter((l) => l !== '');
    expect(a['s6.text']).toBe(six.join('\n'));
    expect(String(a['s1.intro']).startsWith('2022年我中心坚持')).toBe(true);
    expect(a['meta.phone']).toBe('2511247');
    expect(a['meta.postcode']).toBe('336400');
  });
});

describe('the pdftotext -layout text of 淮安市人民政府 2024', () => {
  const text = read('huaian-city-2024.pdftotext.txt');
  const lines = text.split('\n');
  const result = importText(text);
  const trailing = (line: string) => {
    const tokens = line.trim().split(/\s+/);
    let k = tokens.length;
    while (k > 0 && isNumber(tokens[k - 1])) k--;
    return { label: tokens.slice(0, k).join(''), numbers: tokens.slice(k).map(Number) };
  };
  const between = (start: string, end: string) =>
    lines.slice(
      lines.findIndex((l) => l.includes(start)),
      lines.findIndex((l) => l.includes(end)),
    );

  it('is read as pdftotext with every cell and no unread cell', () => {
    expect(result.format).toBe('pdftotext');
    expect(result.unread).toEqual([]);
    expect(result.file.year).toBe(2024);
    expect(lines[1].trim()).toBe(result.file.unit);
  });

  it('has table 二 as printed: the trailing numbers of each row label line', () => {
    const region = between('二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况');
    for (const block of TABLE2.blocks)
      for (const row of block.rows) {
        const line = region.find((l) => trailing(l).label === row.label)!;
        const { numbers } = trailing(line);
        expect(numbers).toHaveLength(block.columns.length);
        block.columns.forEach((c, i) =>
          expect(result.file.answers[table2Key(row.id, c.id)]).toBe(numbers[i]),
        );
      }
  });

  it('has table 三 as printed: the lines with seven numbers are its 25 rows in order', () => {
    const region = between('三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议');
    const rows = region.map(trailing).filter((r) => r.numbers.length === 7);
    expect(rows).toHaveLength(TABLE3.rows.length);
    TABLE3.rows.forEach((row, r) =>
      TABLE3.columns.forEach((c, i) =>
        expect(result.file.answers[table3Key(row.id, c.id)]).toBe(rows[r].numbers[i]),
      ),
    );
  });

  it('has table 四 as printed: the one line of fifteen numbers', () => {
    const region = between('四、政府信息公开行政复议', '五、存在的主要问题及改进情况');
    const [row] = region.map(trailing).filter((r) => r.numbers.length === 15);
    const keys = TABLE4.groups.flatMap((g) => TABLE4.columns.map((c) => table4Key(g.id, c.id)));
    keys.forEach((key, i) => expect(result.file.answers[key]).toBe(row.numbers[i]));
  });

  it('joins the wrapped paragraphs of section 一 and keeps page numbers out of the text', () => {
    const a = result.file.answers;
    expect(a['s1.active']).toMatch(/^（一）主动公开情况。2024 年，市政府网站主动公开各类政府信息 5500 余条/);
    expect(a['s1.active']).toContain('“建设‘四最’一流营商环境高质量推进产业发展”');
    expect(String(a['s1.platform'])).not.toMatch(/-\d-/);
    expect(a['s6.text']).toBe(
      '2024 年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费 3940 元。',
    );
    expect(result.notes.some((n) => n.includes('全文放入 s5.problems'))).toBe(true);
  });
});

describe('cells a layout does not give', () => {
  it('names a blank cell of the Word export and keeps its neighbours in their columns', () => {
    const lines = readFileSync(`${FIXTURES}/shanggao-jiguan-2022.txt`, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.trim() === '4.保护第三方合法权益');
    lines[at + 3] = '\t';
    lines[at + 4] = '\t5';
    const result = importText(lines.join('\n'));
    expect(result.unread).toEqual([{ key: 't3.r3_4.res', reason: '原文此格为空' }]);
    expect(result.file.answers['t3.r3_4.npo']).toBe(5);
    expect(result.file.answers['t3.r3_4.biz']).toBe(0);
  });

  it('names a pdftotext row with a number missing instead of shifting its numbers', () => {
    const text = readFileSync(`${FIXTURES}/huaian-city-2024.pdftotext.txt`, 'utf8');
    const line = text.split('\n').find((l) => l.includes('5.属于三类内部事务信息'))!;
    const broken = text.replace(line, line.replace(/\s1\s/, '   '));
    const result = importText(broken);
    const keys = TABLE3.columns.map((c) => table3Key('r3_5', c.id));
    expect(result.unread.map((u) => u.key)).toEqual(keys);
    expect(result.unread[0].reason).toBe('这一行读到 6 个数，应为 7 个，无法确定各数所在的列');
    expect(result.file.answers['t3.r3_6.np']).toBe(importText(text).file.answers['t3.r3_6.np']);
  });
});
