/**
 * Table 二 (主动公开政府信息情况): each row found by its label in the section's rows. Reports print
 * 「规范性文件」 for 「行政规范性文件」, so the label without its leading 「行政」 is accepted too.
 */
import { TABLE2, TABLE_CELL_BY_KEY, table2Key } from '../report/template.js';
import { TableOutcome, countReason, fitValues } from './cells-out.js';
import { labelCore } from './normalize.js';
import type { RawRow } from './types.js';

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
      if (!values) {
        out.miss(keys, countReason(found.values.length, keys.length));
        continue;
      }
      keys.forEach((key, i) => out.put(key, values[i], TABLE_CELL_BY_KEY.get(key)!.label));
    }
  }
  return out;
}
