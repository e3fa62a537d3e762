/**
 * Table 四 (行政复议、行政诉讼): fifteen numbers in the official order — 行政复议, 未经复议直接起诉,
 * 复议后起诉, each 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计. Reports print them as one row or
 * as three tables of five; either way they are read in order, and only when exactly fifteen are found.
 * Printed with nothing between them (a web page copied as text), the digits are split by each group's 总计
 * (E6); a cell is read only when every split that keeps those sums gives it the same value.
 */
import { TABLE4, TABLE_CELL_BY_KEY, table4Key } from '../report/template.js';
import { TableOutcome, putCell } from './cells-out.js';
import { agreedCells, printedRun, rowSplits, twoSplits, type SplitRule } from './split-runs.js';
import type { RawRow } from './types.js';

const KEYS = TABLE4.groups.flatMap((g) => TABLE4.columns.map((c) => table4Key(g.id, c.id)));
const WIDTH = TABLE4.columns.length;
const TOTAL = TABLE4.columns.findIndex((c) => c.computed);
/** Each group's 总计 is the sum of its other four cells. */
const RULE: SplitRule = {
  cells: KEYS.length,
  sums: TABLE4.groups.map((_, g) => ({
    at: g * WIDTH + TOTAL,
    of: TABLE4.columns.map((_c, i) => g * WIDTH + i).filter((i) => i !== g * WIDTH + TOTAL),
  })),
};

/** Reads table 四 from the rows of its section. */
export function readTable4(rows: RawRow[]): TableOutcome {
  const out = new TableOutcome();
  const values = rows.flatMap((r) => r.values);
  if (values.length === KEYS.length) {
    KEYS.forEach((key, i) => out.put(key, values[i], TABLE_CELL_BY_KEY.get(key)!.label));
    return out;
  }
  if (values.length < KEYS.length && rows.some((r) => r.joined)) {
    readJoined(out, rows);
    return out;
  }
  out.miss(
    KEYS,
    values.length
      ? `第四部分读到 ${values.length} 个数，应为 ${KEYS.length} 个，无法确定各数所在的格`
      : '第四部分没有读到数字',
  );
  return out;
}

function readJoined(out: TableOutcome, rows: RawRow[]): void {
  const values = rows.flatMap((r) => r.values);
  const { splits, complete, bySums } = rowSplits(values, RULE);
  const run = rows.map((r) => printedRun(r.values)).join(' ');
  if (!complete)
    return out.miss(KEYS, `原文第四部分的数字连在一起（「${run}」），可能的拆法太多，未能逐一核对`);
  if (splits.length === 0)
    return out.miss(
      KEYS,
      `原文第四部分的数字连在一起（「${run}」），按各组的总计拆不开：原文的总计与各项之和对不上，无法确定各格`,
    );
  const agreed = agreedCells(splits, KEYS.length);
  KEYS.forEach((key, i) => {
    const cell = agreed[i];
    if (cell !== 'differs') return putCell(out, key, cell);
    const group = TABLE4.columns.map((_c, k) => i - (i % WIDTH) + k);
    out.miss(
      [key],
      `原文第四部分的数字连在一起（「${run}」），按各组的总计这一组仍可拆成 ${twoSplits(splits, group)} 等多种分法，这一格无法确定`,
    );
  });
  if (bySums) out.notes.push(`第四部分的数字在原文中连在一起（「${run}」），已按各组的总计拆分`);
}
