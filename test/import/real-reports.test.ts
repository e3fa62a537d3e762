/**
 * One test per published report in fixtures/real-reports: every table cell is read right, or is named in
 * `unread` — exactly the cells the file does not give. Expected unread keys and a few printed numbers are
 * stated here by hand from the files (OCR slips, lost labels, blank cells, the one-row （六）).
 */
import { readFileSync } from 'node:fs';
import { importText } from '../../src/import/index.js';
import type { ImportResult } from '../../src/import/index.js';
import { checkReport } from '../../src/report/check.js';
import { SECTION_BY_ID, TABLE3, TABLE_CELLS, table3Key } from '../../src/report/template.js';
import { fixturePath } from '../support/fixtures.js';

const DIR = fixturePath('real-reports');
const load = (name: string): { text: string; result: ImportResult } => {
  const text = readFileSync(`${DIR}/${name}`, 'utf8');
  return { text, result: importText(text) };
};
const COLUMNS = TABLE3.columns.map((c) => c.id);
const S1_ASPECTS = SECTION_BY_ID.get('s1')!
  .texts.filter((f) => f.heading !== '')
  .map((f) => f.key);
const R6 = ['r6_1', 'r6_2', 'r6_3'].flatMap((r) => COLUMNS.map((c) => table3Key(r, c)));
const unreadKeys = (r: ImportResult) => r.unread.map((u) => u.key).sort();
const tableCellsRead = (r: ImportResult) =>
  TABLE_CELLS.filter((c) => r.file.answers[c.key] !== undefined).length;

/** Every table cell is either read or unread, never both, never neither. */
function expectComplete(r: ImportResult): void {
  const unread = new Set(r.unread.map((u) => u.key));
  for (const cell of TABLE_CELLS) expect(unread.has(cell.key)).toBe(r.file.answers[cell.key] === undefined);
  for (const u of r.unread) expect(u.reason).not.toBe('');
}

describe('real published reports', () => {
  it('01 洪泽区 2023 (pdftotext): a one-row （六） is named unread, not guessed; an OCR-slipped label still matches', () => {
    const { result } = load('01_huaian-hongze-district-gov_2023.txt');
    expectComplete(result);
    expect(result.format).toBe('pdftotext');
    expect([result.file.unit, result.file.year]).toEqual(['洪泽区人民政府', 2023]);
    expect(unreadKeys(result)).toEqual([...R6].sort());
    expect(result.unread[0].reason).toContain('（六）其他处理」只印了一行');
    expect(result.notes.some((n) => n.includes('「（六）其他处理」只有一行'))).toBe(true);
    const a = result.file.answers;
    // 「2.其他法律行政止公开」 (characters lost in the PDF) is r3_2; its neighbours keep their numbers.
    expect([a['t3.r3_1.np'], a['t3.r3_2.np'], a['t3.r3_6.np'], a['t3.r4_1.np'], a['t3.r4_2.np']]).toEqual([
      1, 0, 1, 10, 3,
    ]);
    expect([a['t3.r2.np'], a['t3.r7.tot'], a['t3.carry_out.np']]).toEqual([4, 21, 0]);
    expect([a['t2.norm.repealed'], a['t2.norm.valid'], a['t2.license'], a['t2.fee']]).toEqual([
      5, 5, 550, 7730.28,
    ]);
    // The printed totals of 四 are kept as printed (0), so the checker can flag them (E6).
    expect([
      a['t4.review.upheld'],
      a['t4.review.corrected'],
      a['t4.review.total'],
      a['t4.post.upheld'],
    ]).toEqual([10, 1, 0, 5]);
  });

  it('02 洪泽区 2024 (pdftotext): a group label on the row line, the one-row （六） again', () => {
    const { result } = load('02_huaian-hongze-district-gov_2024.txt');
    expectComplete(result);
    expect([result.file.unit, result.file.year]).toEqual(['淮安市洪泽区人民政府', 2024]);
    expect(unreadKeys(result)).toEqual([...R6].sort());
    const a = result.file.answers;
    expect([a['t3.r4_1.np'], a['t3.r4_2.np'], a['t3.r3_3.tot'], a['t3.new.tot']]).toEqual([31, 1, 1, 95]);
    expect([a['t2.norm.issued'], a['t2.license'], a['t2.penalty'], a['t2.coercion']]).toEqual([
      3, 9487, 2776, 84,
    ]);
    expect([a['t4.review.total'], a['t4.direct.total'], a['t4.post.other'], a['t4.post.total']]).toEqual([
      2, 1, 1, 3,
    ]);
  });

  it('04 宿迁市 2023 (tab-separated): abbreviated （六） labels are placed by their numbering', () => {
    const { result } = load('04_suqian-city-gov_2023.txt');
    expectComplete(result);
    expect(result.format).toBe('tabular');
    expect([result.file.unit, result.file.year]).toEqual(['宿迁市', 2023]);
    expect(result.unread).toEqual([]);
    const a = result.file.answers;
    expect([a['t3.r6_1.np'], a['t3.r6_2.np'], a['t3.r6_3.tot'], a['t3.r7.law']]).toEqual([40, 10, 291, 7]);
    expect([a['t2.norm.repealed'], a['t2.fee']]).toEqual([489, 59237.2449]);
    expect([a['t4.review.total'], a['t4.post.other'], a['t4.post.total']]).toEqual([440, 67, 89]);
  });

  it('05 宿迁市 2024 (tab-separated): read whole, and its 上年结转 equals the 2023 report’s 结转下年度', () => {
    const { result } = load('05_suqian-city-gov_2024.txt');
    expectComplete(result);
    expect(result.unread).toEqual([]);
    const a = result.file.answers;
    expect([a['t3.carry_out.tot'], a['t3.r6_1.npo'], a['t2.fee'], a['t4.direct.other']]).toEqual([
      125, 1, 72701.2578, 11,
    ]);
    const previous = load('04_suqian-city-gov_2023.txt').result.file.answers;
    for (const c of COLUMNS) expect(a[table3Key('carry_in', c)]).toBe(previous[table3Key('carry_out', c)]);
  });

  it('06 沭阳县 2025 (OCR Markdown): half-width brackets, three tables of 四, the OCR’s 沐阳 kept as printed', () => {
    const { result } = load('06_shuyang-county-gov_2025.txt');
    expectComplete(result);
    expect([result.file.unit, result.file.year]).toEqual(['沐阳县人民政府', 2025]);
    expect(result.unread).toEqual([]);
    const a = result.file.answers;
    expect([a['t3.r2.law'], a['t3.r3_3.np'], a['t3.r6_1.np'], a['t3.r6_2.np'], a['t3.r7.tot']]).toEqual([
      2, 2, 9, 7, 718,
    ]);
    expect([a['t4.review.total'], a['t4.direct.upheld'], a['t4.post.pending']]).toEqual([61, 3, 1]);
    expect(a['t2.fee']).toBe(4068.208);
    // Its 一 has no （三）政府信息管理: the platform text goes where it belongs, management stays empty.
    expect(String(a['s1.platform'])).toMatch(/^（三）精细化建设公开平台/);
    expect(a['s1.management']).toBeUndefined();
    expect(result.notes.some((n) => n.includes('（三）政府信息管理'))).toBe(true);
    // 一 is written in parts, one left out: a warning (W7) for that aspect, not an error that blocks it.
    const { errors, warnings } = checkReport(a);
    expect(errors).toEqual([]);
    expect(warnings.map((f) => [f.rule, f.cells])).toEqual([['W7', ['s1.management']]]);
  });

  it('07 沭阳县发改局 2023 (web page): the blank 法人 columns are named unread, 规范性文件 is 行政规范性文件', () => {
    const { result } = load('07_shuyang-county-drc_2023.txt');
    expectComplete(result);
    const blank = TABLE3.rows.flatMap((r) =>
      ['biz', 'res', 'npo', 'law', 'oth'].map((c) => table3Key(r.id, c)),
    );
    expect(unreadKeys(result)).toEqual(blank.sort());
    expect(result.unread.every((u) => u.reason.includes('「-」'))).toBe(true);
    const a = result.file.answers;
    expect([
      a['t2.norm.issued'],
      a['t2.norm.valid'],
      a['t3.r1.np'],
      a['t3.r1.tot'],
      a['t4.review.pending'],
    ]).toEqual([8, 18, 26, 26, 1]);
    expect(String(a['s5.improvements'])).toMatch(/^（二）整改措施/);
  });

  it('08 上海市科委 2024 (garbled extraction): rows without labels placed by order, the lost total named', () => {
    const { result } = load('08_shanghai-stcsm_2024.txt');
    expectComplete(result);
    expect([result.file.unit, result.file.year]).toEqual(['上海市科委', 2024]);
    expect(unreadKeys(result)).toEqual(['t3.carry_out.tot']);
    expect(result.unread[0].reason).toContain('总计列未被抽取');
    expect(result.notes.some((n) => n.includes('10 行原文没有印出行名'))).toBe(true);
    const a = result.file.answers;
    expect([
      a['t3.r2.np'],
      a['t3.r3_5.np'],
      a['t3.r4_1.np'],
      a['t3.r4_2.tot'],
      a['t3.r6_1.biz'],
      a['t3.r6_3.np'],
    ]).toEqual([0, 1, 4, 6, 2, 4]);
    expect([a['t2.norm.issued'], a['t2.norm.valid'], a['t2.license'], a['t4.review.total']]).toEqual([
      13, 55, 97, 1,
    ]);
    // Its heading 五 is lost; the text after table 四 from 「（一）主要问题」 on is taken as 五, and said so.
    expect(result.notes.some((n) => n.includes('从「（一）主要问题」起的文字作为第五部分'))).toBe(true);
    expect(String(a['s5.problems'])).toMatch(/^（一）主要问题\n市科委 2024 年根据本市机构改革工作安排/);
    expect(String(a['s5.improvements'])).toMatch(/^根据上述问题，市科委采取以下措施/);
    // Its 一 is one passage with no （一）…（五）: written, so no E7, and not in parts, so no W7.
    expect(S1_ASPECTS.every((key) => a[key] === undefined)).toBe(true);
    const rules = (fs: { rule: string }[]) => fs.map((f) => f.rule);
    const { errors, warnings } = checkReport(a);
    expect([rules(errors), rules(warnings)]).toEqual([[], []]);
  });

  it('09 上海市政府办公厅 2025 (one row a line): a number with a remark, a lost cell, two rows on a line', () => {
    const { result } = load('09_shanghai-gov-office_2025.txt');
    expectComplete(result);
    expect([result.file.unit, result.file.year]).toEqual(['上海市人民政府办公厅', 2025]);
    expect(unreadKeys(result)).toEqual(['t2.reg.repealed']);
    expect(result.unread[0].reason).toContain('[抽取丢失]');
    const a = result.file.answers;
    expect([
      a['t2.reg.issued'],
      a['t2.reg.valid'],
      a['t2.norm.repealed'],
      a['t2.penalty'],
      a['t2.coercion'],
    ]).toEqual([22, 235, 55, 0, 0]);
    expect(result.notes.some((n) => n.includes('「22（其中修订 16 件）」，取 22'))).toBe(true);
    expect([a['t3.carry_in.law'], a['t3.r6_1.tot'], a['t3.carry_out.tot'], a['t4.post.total']]).toEqual([
      4, 43, 293, 22,
    ]);
    // 五 prints the improvements first: each text goes by what its sub-heading names.
    expect(String(a['s5.improvements'])).toMatch(/^（一）2024 年工作中存在问题的改进情况/);
    expect(String(a['s5.problems'])).toMatch(/^（二）2025 年工作中存在的主要问题/);
  });

  it('10 上海市政府办公厅 2019: recognised as the 2019 trial format, its table 二 not mis-read', () => {
    const { text, result } = load('10_shanghai-gov-office_2019_OLDFORMAT.txt');
    expectComplete(result);
    expect(result.notes.some((n) => n.includes('检测到 2019 年试行格式'))).toBe(true);
    const t2 = TABLE_CELLS.filter((c) => c.table === 't2').map((c) => c.key);
    for (const key of t2)
      expect(result.unread.find((u) => u.key === key)?.reason).toContain('2019 年试行格式');
    // Table 三's rows, read straight from the file: the tab lines between its column line and 四.
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.startsWith('列：自然人'));
    const ids = TABLE3.rows.map((r) => r.id).filter((id) => !id.startsWith('r6_'));
    ids.splice(ids.indexOf('r7'), 0, 'r6');
    const rows = lines.slice(start + 1, start + 1 + ids.length).map((l) => l.split('\t'));
    expect(rows.every((cells) => cells.length === 8)).toBe(true);
    expect(lines[start + 1 + ids.length]).toBe('');
    const blankT3 = rows.flatMap((cells, r) =>
      cells
        .slice(1)
        .flatMap((cell, c) => (cell === '-' && ids[r] !== 'r6' ? [table3Key(ids[r], COLUMNS[c])] : [])),
    );
    const t4Line = lines[lines.findIndex((l) => l.startsWith('列：行政复议')) + 1].split('\t');
    const t4Keys = TABLE_CELLS.filter((c) => c.table === 't4').map((c) => c.key);
    const blankT4 = t4Keys.filter((_, i) => t4Line[i] === '-');
    expect(unreadKeys(result)).toEqual([...t2, ...R6, ...blankT3, ...blankT4].sort());
    const a = result.file.answers;
    expect([a['t3.new.np'], a['t3.r1.oth'], a['t3.r7.np'], a['t3.r7.tot'], a['t4.direct.total']]).toEqual([
      821, 1, 767, 805, 9,
    ]);
    expect(tableCellsRead(result)).toBe(TABLE_CELLS.length - result.unread.length);
  });
});
