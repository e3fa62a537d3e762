/**
 * The totals computed so far, shown on every card so a person sees the sums the official table will print
 * (总计 column, （七）总计 row, the balance of 三, the 总计 of 四) before the checker has to complain.
 */
import { fmt } from '../report/finding.js';
import { parseAnswers } from '../report/compute.js';
import {
  TABLE3,
  TABLE3_RESULT_ROWS,
  TABLE4,
  table3Key,
  table4Key,
  type Answers,
} from '../report/template.js';
import type { Step } from './steps.js';

const T3_INPUT = TABLE3.columns.filter((c) => !c.computed);
const T3_TOTAL_COLUMN = TABLE3.columns.find((c) => c.computed)!;
const T3_TOTAL_ROW = TABLE3.rows.find((r) => r.computed)!;
const T4_INPUT = TABLE4.columns.filter((c) => !c.computed);
const T4_TOTAL = TABLE4.columns.find((c) => c.computed)!;
const row3 = (id: string) => TABLE3.rows.find((r) => r.id === id)!;

/** Sum of the keys that are known, and how many of them are. */
function partialSum(given: Record<string, number>, keys: string[]): { sum: number; known: number } {
  let sum = 0;
  let known = 0;
  for (const k of keys)
    if (given[k] !== undefined) {
      sum += given[k];
      known += 1;
    }
  return { sum, known };
}

function describe(name: string, s: { sum: number; known: number }, of: number): string {
  const partial = s.known < of ? `（已填 ${s.known}/${of} 格）` : '';
  return `${name} ${fmt(s.sum)} 件${partial}`;
}

/** One line per total, in Chinese, for the rows/groups of this step and the whole table they belong to. */
export function stepTotals(answers: Answers, step: Step): string[] {
  const { given } = parseAnswers(answers);
  if (step.section === 's3') return table3Totals(given, step);
  if (step.section === 's4') {
    return TABLE4.groups.map((g) => {
      const s = partialSum(
        given,
        T4_INPUT.map((c) => table4Key(g.id, c.id)),
      );
      return describe(`${g.parent}${g.label} ${T4_TOTAL.label}`, s, T4_INPUT.length);
    });
  }
  return [];
}

function table3Totals(given: Record<string, number>, step: Step): string[] {
  const lines: string[] = [];
  const rowIds = new Set(step.keys.map((k) => k.split('.')[1]));
  for (const id of rowIds) {
    const keys = T3_INPUT.map((c) => table3Key(id, c.id));
    lines.push(describe(`${row3(id).short} ${T3_TOTAL_COLUMN.label}`, partialSum(given, keys), keys.length));
  }
  const all = (rows: string[]) => rows.flatMap((r) => T3_INPUT.map((c) => table3Key(r, c.id)));
  const left = partialSum(given, all(['new', 'carry_in']));
  const results = partialSum(given, all(TABLE3_RESULT_ROWS));
  const out = partialSum(given, all(['carry_out']));
  lines.push(
    describe(`${row3('new').short}+${row3('carry_in').short}`, left, all(['new', 'carry_in']).length),
  );
  lines.push(describe(T3_TOTAL_ROW.short, results, all(TABLE3_RESULT_ROWS).length));
  lines.push(describe(row3('carry_out').short, out, T3_INPUT.length));
  return lines;
}
