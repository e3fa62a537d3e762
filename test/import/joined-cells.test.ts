/**
 * The text a browser gives when a web page's table is copied: a row's cells run together with no separator
 * (「一、本年新收政府信息公开申请数量452000047」). For every published report in test/fixtures, its own numbers
 * in that layout: no cell is ever read wrong, and a cell is left unread only where the report does not give it,
 * where more than one reading of the printed digits keeps every sum of the format (shown here by such a
 * reading, found by plain enumeration and judged by the checker), or where the report's own sums are wrong.
 */
import { importText, type ImportResult } from '../../src/import/index.js';
import { checkReport } from '../../src/report/check.js';
import {
  SECTIONS,
  TABLE3,
  TABLE4,
  TABLE_CELLS,
  TABLE_CELL_BY_KEY,
  table3Key,
  table4Key,
  type Answers,
} from '../../src/report/template.js';
import { FIXTURE_NAMES, published, readingsOf, writeInLayout, type WrittenRow } from './layouts.js';

const SUM_RULES = new Set(['E3', 'E4', 'E5', 'E6']);
const sectionOf = (key: string) => SECTIONS.find((s) => s.table === TABLE_CELL_BY_KEY.get(key)!.table)!.id;

/** The sum findings (E3–E6) of a table's section. */
const sumFindings = (answers: Answers, key: string) =>
  checkReport(answers, { sections: [sectionOf(key)] }).errors.filter((f) => SUM_RULES.has(f.rule));

/** Table 四 is one printed row of three groups; a reading that moves a group's digits is not needed here. */
function printedParts(row: WrittenRow, key: string): { keys: string[]; printed: string[] } {
  if (!key.startsWith('t4.')) return row;
  const group = TABLE4.groups.find((g) => key.startsWith(`t4.${g.id}.`))!;
  const keys = TABLE4.columns.map((c) => table4Key(group.id, c.id));
  return { keys, printed: keys.map((k) => row.printed[row.keys.indexOf(k)]) };
}

/** The readings of a printed part other than the published one. */
function otherReadings(answers: Answers, part: { keys: string[]; printed: string[] }): Answers[] {
  return readingsOf(part.printed.join(''), part.keys.length)
    .filter((reading) => part.keys.some((k, i) => reading[i] !== answers[k]))
    .map((reading) => {
      const changed: Answers = {};
      part.keys.forEach((k, i) => {
        if (reading[i] !== undefined) changed[k] = reading[i]!;
      });
      return changed;
    });
}

/** The answers with a part's cells replaced (a blank cell removed). */
function withPart(answers: Answers, keys: string[], changed: Answers): Answers {
  const out = { ...answers };
  for (const k of keys) delete out[k];
  return Object.assign(out, changed);
}

/**
 * Another reading of the printed digits, with `key` different from the report's, that keeps every sum of the
 * format: proof that the digits cannot tell the cell. Its own row is read otherwise, alone or together with one
 * other row (two rows can make up for each other in a column sum).
 */
function otherReading(answers: Answers, rows: WrittenRow[], key: string): Answers | undefined {
  const mine = printedParts(
    rows.find((r) => r.keys.includes(key))!,
    key,
  );
  const fits = (a: Answers) => a[key] !== answers[key] && sumFindings(a, key).length === 0;
  const own = otherReadings(answers, mine).map((changed) => withPart(answers, mine.keys, changed));
  const alone = own.find(fits);
  if (alone) return alone;
  const others = rows.filter((r) => r.keys[0].slice(0, 3) === key.slice(0, 3) && !r.keys.includes(key));
  for (const a of own)
    for (const row of others)
      for (const changed of otherReadings(answers, row)) {
        const both = withPart(a, row.keys, changed);
        if (fits(both)) return both;
      }
  return undefined;
}

describe.each(FIXTURE_NAMES)('%s copied from a web page, cells run together', (name) => {
  const report = published(name);
  const { text, rows } = writeInLayout(report.file.unit, report.file.year, report.file.answers, '');
  const result: ImportResult = importText(text);
  const given = report.file.answers;
  const unread = new Map(result.unread.map((u) => [u.key, u.reason]));

  it('prints the rows with nothing between their cells', () => {
    const first = text.split('\n').find((l) => l.startsWith(TABLE3.rows[0].label))!;
    const cells = TABLE3.columns.map((c) => given[table3Key(TABLE3.rows[0].id, c.id)] ?? '-').join('');
    expect(first).toBe(TABLE3.rows[0].label + cells);
  });

  it('never reads a number other than the published one', () => {
    for (const cell of TABLE_CELLS) {
      const read = result.file.answers[cell.key];
      if (read !== undefined) expect([cell.key, read]).toEqual([cell.key, given[cell.key]]);
    }
  });

  it('names every cell it does not read, and only for a reason', () => {
    for (const cell of TABLE_CELLS) {
      if (result.file.answers[cell.key] !== undefined) continue;
      expect(unread.get(cell.key)).toBeTruthy();
      if (given[cell.key] === undefined) continue;
      // Published but unread: the digits fit another reading, or the report's own sums do not add up.
      const broken = sumFindings(given, cell.key).length > 0;
      const other = broken ? undefined : otherReading(given, rows, cell.key);
      expect([cell.key, other !== undefined || broken]).toEqual([cell.key, true]);
      expect(unread.get(cell.key)).toMatch(/连在一起/);
    }
    // The search for another reading tries pairs of rows: a few thousand checks for the 2019 report.
  }, 30_000);
});

describe('what the sums decide, and what they cannot', () => {
  const joinedImport = (name: string) => {
    const report = published(name);
    const written = writeInLayout(report.file.unit, report.file.year, report.file.answers, '');
    return { report, written, result: importText(written.text) };
  };
  /** The readings of a table 三 row's printed digits that keep the row's own 总计 (E3), counted plainly. */
  const keepingRowTotal = (row: WrittenRow) =>
    readingsOf(row.printed.join(''), row.keys.length).filter(
      (r) => r.slice(0, -1).reduce((a: number, b) => a + (b ?? 0), 0) === r[r.length - 1],
    );

  it('宿迁市 2023: rows whose own 总计 fits two splits are decided by the column sums, every cell right', () => {
    const { report, written, result } = joinedImport('real-reports/04_suqian-city-gov_2023.txt');
    const t3Rows = written.rows.filter((r) => r.keys[0].startsWith('t3.'));
    const twoWays = t3Rows.filter((r) => keepingRowTotal(r).length > 1);
    // 本年新收 3402/99/0/4/5/1/3511 also reads 3402/9/90/4/5/1/3511, and so on.
    expect(twoWays.length).toBeGreaterThanOrEqual(2);
    for (const row of t3Rows)
      for (const key of row.keys)
        expect([key, result.file.answers[key]]).toEqual([key, report.file.answers[key]]);
    expect(result.notes.some((n) => /第三部分有 \d+ 行的数字在原文中连在一起/.test(n))).toBe(true);
  });

  it('宿迁市 2023: a group of table 四 that two splits fit is named unread, with both splits, nothing guessed', () => {
    const { report, written, result } = joinedImport('real-reports/04_suqian-city-gov_2023.txt');
    const t4 = written.rows.find((r) => r.keys[0].startsWith('t4.'))!;
    const unread = result.unread.filter((u) => u.key.startsWith('t4.'));
    expect(unread.length).toBeGreaterThan(0);
    for (const { key, reason } of unread) {
      expect(reason).toMatch(/这一组仍可拆成 [\d/]+、[\d/]+ 等多种分法/);
      expect(result.file.answers[key]).toBeUndefined();
    }
    for (const key of t4.keys.filter((k) => !unread.some((u) => u.key === k)))
      expect(result.file.answers[key]).toBe(report.file.answers[key]);
  });

  it('洪泽区 2023: its printed 行政复议 total is wrong, so table 四 cannot be split by its sums: all unread', () => {
    const { report, result } = joinedImport('real-reports/01_huaian-hongze-district-gov_2023.txt');
    const t4 = TABLE_CELLS.filter((c) => c.table === 't4').map((c) => c.key);
    expect(sumFindings(report.file.answers, t4[0]).map((f) => f.rule)).toContain('E6');
    for (const key of t4) {
      expect(result.file.answers[key]).toBeUndefined();
      expect(result.unread.find((u) => u.key === key)?.reason).toContain('对不上');
    }
  });

  it('a row of table 二 has no sum: 「行政规范性文件1243156」 is named unread with two of its splits', () => {
    const report = published('huaian-city-2024.pdftotext.txt');
    const norm = TABLE_CELLS.filter((c) => c.key.startsWith('t2.norm.')).map((c) => c.key);
    const answers = { ...report.file.answers, [norm[0]]: 12, [norm[1]]: 43, [norm[2]]: 156 };
    const { text } = writeInLayout(report.file.unit, report.file.year, answers, '');
    expect(text).toContain('\n行政规范性文件1243156\n');
    const result = importText(text);
    for (const key of norm) {
      expect(result.file.answers[key]).toBeUndefined();
      expect(result.unread.find((u) => u.key === key)?.reason).toMatch(
        /「1243156」），可以拆成 [\d/]+、[\d/]+ 等多种分法，这张表没有合计可以判断/,
      );
    }
  });

  it('the issue’s first row 45/2/0/0/0/0/47, alone in its table, is split by its own 总计', () => {
    const row = TABLE3.rows[0];
    const values = [45, 2, 0, 0, 0, 0, 47];
    const answers = Object.fromEntries(TABLE3.columns.map((c, i) => [table3Key(row.id, c.id), values[i]]));
    const { text } = writeInLayout('某某县人民政府', 2024, answers, '');
    expect(text).toContain(`\n${row.label}452000047\n`);
    const result = importText(text);
    TABLE3.columns.forEach((c, i) => expect(result.file.answers[table3Key(row.id, c.id)]).toBe(values[i]));
  });

  it('stops a search that would take too long and names the row unread', () => {
    const row = TABLE3.rows[0];
    // 41 nines, with a 总计 no split can meet: every split is tried until the step limit.
    const values = [999_999_999, 999_999_999, 999_999_999, 999_999_999, 999, 9, 9];
    const answers = Object.fromEntries(TABLE3.columns.map((c, i) => [table3Key(row.id, c.id), values[i]]));
    const started = Date.now();
    const result = importText(writeInLayout('某某县人民政府', 2024, answers, '').text);
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const c of TABLE3.columns) {
      const key = table3Key(row.id, c.id);
      expect(result.file.answers[key]).toBeUndefined();
      expect(result.unread.find((u) => u.key === key)?.reason).toContain('可能的拆法太多，未能逐一核对');
    }
  });
});
