/**
 * A crude reading of the fixtures' published reports, enough for W5: the prose of section 一 and the printed
 * totals W5 compares with. (The real importer is src/import/; this must not depend on it.)
 */
import { readFileSync } from 'node:fs';
import { FIXTURES_DIR } from '../../support/fixtures.js';
import { TABLE3, TABLE4, table3Key, table4Key, type Answers } from '../../../src/report/template.js';

export const FIXTURES = FIXTURES_DIR;

const T3_TOTAL = TABLE3.columns.find((c) => c.computed)!.id;
const T4_TOTAL = TABLE4.columns.find((c) => c.computed)!.id;

/** Reads a fixture under test/fixtures. */
export function readFixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

/** The report's text before table 二: the preamble and section 一. */
export function narrative(text: string): string {
  const lines = text.split('\n');
  const end = lines.findIndex((l) => /^\s*(#+\s*)?[一二]、主动公开政府信息情况/.test(l));
  return lines.slice(0, end < 0 ? lines.length : end).join('\n');
}

/** The printed 总计 of a table-三 row found by its exact label: the 7th number, or the sum of six. */
function rowTotal(text: string, rowId: string): number | undefined {
  const label = TABLE3.rows.find((r) => r.id === rowId)!.label;
  const line = text.split('\n').find((l) =>
    l
      .trim()
      .replace(/^\|\s*/, '')
      .startsWith(label),
  );
  if (!line) return undefined;
  const numbers = (line.slice(line.indexOf(label) + label.length).match(/\d+/g) ?? []).map(Number);
  if (numbers.length >= 7) return numbers[6];
  if (numbers.length === 6) return numbers.reduce((a, b) => a + b, 0);
  return numbers.at(-1);
}

/** The 15 numbers of table 四: lines of numbers only, after its heading. */
function table4Numbers(text: string): number[] {
  const lines = text.split('\n');
  let start = -1;
  lines.forEach((l, i) => {
    if (/政府信息公开行政复议、行政诉讼情况\s*$/.test(l)) start = i;
  });
  const numbers: number[] = [];
  for (const l of lines.slice(start + 1)) {
    if (numbers.length >= 15) break;
    if (/^[\s|\d]+$/.test(l) && /\d/.test(l)) numbers.push(...l.match(/\d+/g)!.map(Number));
  }
  return numbers;
}

/** Partial answers: section 一's prose as s1.intro and the printed totals of 三 and 四 that W5 reads. */
export function realAnswers(text: string): Answers {
  const a: Answers = { 's1.intro': narrative(text) };
  for (const row of ['new', 'carry_in', 'carry_out']) {
    const v = rowTotal(text, row);
    if (v !== undefined) a[table3Key(row, T3_TOTAL)] = v;
  }
  const t4 = table4Numbers(text);
  if (t4.length === 15) TABLE4.groups.forEach((g, i) => (a[table4Key(g.id, T4_TOTAL)] = t4[i * 5 + 4]));
  return a;
}
