/**
 * E3 (row totals), E4 (（七）总计) and E5 (the balance printed in table 三) — without cascades.
 *
 * E3 and E4 check a report's printed totals as printed: each total against its printed terms (a term that is
 * itself a total and not printed falls back to its sum). Only imported reports print totals; in the bot they
 * are computed and E3/E4 never fire.
 *
 * One wrong number should give one finding. So:
 * - E5 per applicant column uses the printed （七）总计 and the sum of the result rows as two candidates and
 *   fires only when neither balances the column: when the printed total is wrong, E4 alone says so.
 * - E5 for the 总计 column is implied by the six applicant columns; it is checked only when one of those
 *   cannot be (e.g. an import that printed only totals).
 * - When exactly one row finding (E3) and one column finding (E4 or E5) differ by the same amount, a single
 *   cell explains both: they are reported once, under the column rule, naming that cell and its likely value.
 */
import { finding, fmt, sumSentence, type Finding } from '../finding.js';
import { TABLE3, TABLE3_RESULT_ROWS, SECTIONS, table3Key } from '../template.js';
import type { RuleContext } from './context.js';
import type { ParsedAnswers } from '../compute.js';

const PART = SECTIONS.find((s) => s.table === 't3')!.part;
const INPUT_COLUMNS = TABLE3.columns.filter((c) => !c.computed);
const TOTAL_COLUMN = TABLE3.columns.find((c) => c.computed)!;
const TOTAL_ROW = TABLE3.rows.find((r) => r.computed)!;
const rowById = (id: string) => TABLE3.rows.find((r) => r.id === id)!;
const columnName = (id: string) => TABLE3.columns.find((c) => c.id === id)!.label;

/** A printed number, else its sum (for terms that are totals themselves). */
const printed = (p: ParsedAnswers, key: string): number | undefined => p.given[key] ?? p.computed[key];

interface Mismatch {
  /** the row (E3) or column (E4/E5) */
  id: string;
  /** the total's key (E3/E4) or the column's four keys (E5) */
  finding: Finding;
  delta: number;
  /** the arithmetic, for a merged message */
  detail: string;
}

/** E3, E4 and E5 for table 三. */
export function checkTable3(ctx: RuleContext): Finding[] {
  if (!ctx.sections.has('s3')) return [];
  const p = ctx.parsed;
  const rows = rowTotals(p);
  const columns = [...resultTotals(p), ...balances(p)];
  const merged = mergeSingleCell(p, rows, columns);
  if (merged) return [merged];
  return [...rows, ...columns].map((m) => m.finding);
}

/** E3: each row's printed 总计 against its six applicant columns. */
function rowTotals(p: ParsedAnswers): Mismatch[] {
  const out: Mismatch[] = [];
  for (const row of TABLE3.rows) {
    const totalKey = table3Key(row.id, TOTAL_COLUMN.id);
    const total = p.given[totalKey];
    if (total === undefined) continue;
    const terms = INPUT_COLUMNS.map((c) => ({ key: table3Key(row.id, c.id), name: c.label }));
    const values = terms.map((t) => printed(p, t.key));
    if (values.some((v) => v === undefined)) continue;
    const sum = values.reduce((a, b) => a! + b!, 0)!;
    if (sum === total) continue;
    const sentence = sumSentence(terms.map((t, i) => ({ name: t.name, value: values[i]! })));
    out.push({
      id: row.id,
      delta: total - sum,
      detail: sentence,
      finding: finding(
        'E3',
        [totalKey, ...terms.map((t) => t.key)],
        `${PART} ${row.short}行：各类申请人之和 ${sentence}，但${TOTAL_COLUMN.label}填的是 ${fmt(total)}`,
        { expected: sum, actual: total },
      ),
    });
  }
  return out;
}

/** E4: each column's printed （七）总计 against the result rows （一）…（六）. */
function resultTotals(p: ParsedAnswers): Mismatch[] {
  const out: Mismatch[] = [];
  const first = rowById(TABLE3_RESULT_ROWS[0]).short;
  const last = rowById(TABLE3_RESULT_ROWS[TABLE3_RESULT_ROWS.length - 1]).short;
  for (const col of TABLE3.columns) {
    const totalKey = table3Key(TOTAL_ROW.id, col.id);
    const total = p.given[totalKey];
    if (total === undefined) continue;
    const keys = TABLE3_RESULT_ROWS.map((r) => table3Key(r, col.id));
    const values = keys.map((k) => printed(p, k));
    if (values.some((v) => v === undefined)) continue;
    const sum = values.reduce((a, b) => a! + b!, 0)!;
    if (sum === total) continue;
    out.push({
      id: col.id,
      delta: total - sum,
      detail: `${fmt(sum)}`,
      finding: finding(
        'E4',
        [totalKey, ...keys],
        `${PART} ${col.label}列：办理结果各项（${first}至${last}）之和为 ${fmt(sum)}，但${TOTAL_ROW.label}填的是 ${fmt(total)}`,
        { expected: sum, actual: total },
      ),
    });
  }
  return out;
}

/** The values a cell may stand for: its sum and its printed number, when they exist. */
function candidates(p: ParsedAnswers, key: string): number[] {
  return [...new Set([p.computed[key], p.given[key]].filter((v): v is number => v !== undefined))];
}

/** E5: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度, per column. */
function balances(p: ParsedAnswers): Mismatch[] {
  const out: Mismatch[] = [];
  const evaluated = new Set<string>();
  const check = (colId: string) => {
    const keys = ['new', 'carry_in', TOTAL_ROW.id, 'carry_out'].map((r) => table3Key(r, colId));
    const options = keys.map((k) => candidates(p, k));
    if (options.some((o) => o.length === 0)) return;
    evaluated.add(colId);
    const balanced = options[0].some((n) =>
      options[1].some((ci) => options[2].some((r7) => options[3].some((co) => n + ci === r7 + co))),
    );
    if (balanced) return;
    const [n, ci, r7, co] = options.map((o) => o[0]);
    const left = sumSentence([
      { name: rowById('new').short, value: n },
      { name: rowById('carry_in').short, value: ci },
    ]);
    const right = sumSentence([
      { name: TOTAL_ROW.short, value: r7 },
      { name: rowById('carry_out').short, value: co },
    ]);
    out.push({
      id: colId,
      delta: n + ci - (r7 + co),
      detail: `${left}，${right}`,
      finding: finding('E5', keys, `${PART} ${columnName(colId)}列：${left}，但${right}`, {
        expected: n + ci,
        actual: r7 + co,
      }),
    });
  };
  for (const col of INPUT_COLUMNS) check(col.id);
  if (INPUT_COLUMNS.some((c) => !evaluated.has(c.id))) check(TOTAL_COLUMN.id);
  return out;
}

/** One row finding and one column finding off by the same amount: the cell where they cross is the typo. */
function mergeSingleCell(p: ParsedAnswers, rows: Mismatch[], columns: Mismatch[]): Finding | undefined {
  if (rows.length !== 1 || columns.length !== 1) return undefined;
  const [row, col] = [rows[0], columns[0]];
  if (Math.abs(row.delta) !== Math.abs(col.delta)) return undefined;
  // E5 crosses a row only in the rows it adds up; E4 only in the rows it sums (or the row total itself).
  const e5Rows = ['new', 'carry_in', 'carry_out'];
  if (col.finding.rule === 'E5' && !e5Rows.includes(row.id)) return undefined;
  if (col.finding.rule === 'E4' && row.id !== TOTAL_ROW.id && !TABLE3_RESULT_ROWS.includes(row.id))
    return undefined;
  const key = table3Key(row.id, col.id);
  const value = printed(p, key);
  if (value === undefined) return undefined;
  const likely =
    col.id === TOTAL_COLUMN.id
      ? row.finding.expected
      : row.id === TOTAL_ROW.id
        ? col.finding.expected
        : value + row.delta;
  const cellName = `${PART} ${rowById(row.id).short} ${columnName(col.id)}列`;
  const rowPart = `本行${TOTAL_COLUMN.label}与各类申请人之和相差 ${fmt(Math.abs(row.delta))}`;
  const colPart =
    col.finding.rule === 'E4'
      ? `本列${TOTAL_ROW.label}与办理结果各项之和也相差 ${fmt(Math.abs(col.delta))}`
      : `本列的勾稽关系（${col.detail}）也相差 ${fmt(Math.abs(col.delta))}`;
  return finding(
    col.finding.rule,
    [key, ...new Set([...row.finding.cells, ...col.finding.cells].filter((k) => k !== key))],
    `${cellName}填的 ${fmt(value)} 可能有误：${rowPart}，${colPart}；如果其他数字无误，这一格应为 ${fmt(Number(likely))}`,
    { expected: likely, actual: value },
  );
}
