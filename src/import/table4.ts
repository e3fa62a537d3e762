/**
 * Table 四 (行政复议、行政诉讼): fifteen numbers in the official order — 行政复议, 未经复议直接起诉,
 * 复议后起诉, each 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计. Reports print them as one row or
 * as three tables of five; either way they are read in order, and only when exactly fifteen are found.
 */
import { TABLE4, TABLE_CELL_BY_KEY, table4Key } from '../report/template.js';
import { TableOutcome } from './cells-out.js';
import type { RawRow } from './types.js';

const KEYS = TABLE4.groups.flatMap((g) => TABLE4.columns.map((c) => table4Key(g.id, c.id)));

/** Reads table 四 from the rows of its section. */
export function readTable4(rows: RawRow[]): TableOutcome {
  const out = new TableOutcome();
  const values = rows.flatMap((r) => r.values);
  if (values.length !== KEYS.length) {
    out.miss(
      KEYS,
      values.length
        ? `第四部分读到 ${values.length} 个数，应为 ${KEYS.length} 个，无法确定各数所在的格`
        : '第四部分没有读到数字',
    );
    return out;
  }
  KEYS.forEach((key, i) => out.put(key, values[i], TABLE_CELL_BY_KEY.get(key)!.label));
  return out;
}
