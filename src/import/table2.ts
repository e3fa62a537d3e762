/**
 * Table 二 (主动公开政府信息情况): each row found by its label in the section's rows. Reports print
 * 「规范性文件」 for 「行政规范性文件」, so the label without its leading 「行政」 is accepted too. A row whose
 * cells ran together is split only where its digits leave no choice.
 */
import { TABLE2, TABLE_CELL_BY_KEY, table2Key } from '../report/template.js';
import { TableOutcome, countReason, fitValues, putCell } from './cells-out.js';
import { labelCore } from './normalize.js';
import { printedRun, rowSplits, twoSplits } from './split-runs.js';
import type { RawRow } from './types.js';

/**
 * A row whose cells ran together: table 二 has no sums, so it is read only when its digits allow one split
 * (「规章000」); 「行政规范性文件1243156」 is 12/43/156 or 124/31/56, and is named unread.
 */
function readJoined(out: TableOutcome, row: RawRow, keys: string[]): void {
  const { splits, complete } = rowSplits(row.values, { cells: keys.length });
  const run = printedRun(row.values);
  if (complete && splits.length === 1) return keys.forEach((key, i) => putCell(out, key, splits[0][i]));
  out.miss(
    keys,
    splits.length === 0
      ? `原文这一行的数字连在一起（「${run}」），拆不出 ${keys.length} 格`
      : `原文这一行的数字连在一起（「${run}」），可以拆成 ${twoSplits(splits)} 等多种分法，这张表没有合计可以判断，请人工核对`,
  );
}

function matchers(label: string): string[] {
  const core = labelCore(label);
  return core.startsWith('行政') && core.length > 4 ? [core, core.slice(2)] : [core];
}

/** Reads table 二 from the rows of its section. */
export function readTable2(rows: RawRow[]): TableOutcome {
  const out = new TableOutcome();
  const used = new Set<RawRow>();
  for (const block of TABLE2.blocks) {
    for (const row of block.rows) {
      const keys = block.columns.map((c) => table2Key(row.id, c.id));
      const names = matchers(row.label);
      const candidates = rows.filter((r) => !used.has(r));
      // The official spelling first, then the variants; the first such row in print order.
      const found =
        candidates.find((r) => labelCore(r.label) === names[0]) ??
        names.map((n) => candidates.find((r) => labelCore(r.label).includes(n))).find((r) => r);
      if (!found) {
        out.miss(keys, '原文中没有找到这一行');
        continue;
      }
      used.add(found);
      const values = fitValues(found.values, found.spareBlanks, keys.length);
      if (values) keys.forEach((key, i) => out.put(key, values[i], TABLE_CELL_BY_KEY.get(key)!.label));
      else if (found.joined) readJoined(out, found, keys);
      else out.miss(keys, countReason(found.values.length, keys.length));
    }
  }
  return out;
}
