/**
 * The workbook's columns of each statistics table: every canonical cell of the table in printed order, under a
 * two-level header named as in the official table — the row (「（三）不予公开 3.危及“三安全一稳定”」) above, the
 * column (「自然人」) below. Labels come from template.ts only.
 */
import {
  TABLE2,
  TABLE3,
  TABLE4,
  TABLE_CELLS,
  table2Key,
  table3Key,
  table4Key,
  type TableId,
} from '../../report/template.js';

/** One cell's column: its key, the upper header (the official row) and the lower (the official column). */
export interface ExportColumn {
  key: string;
  group: string;
  label: string;
  /** a total the format computes (ⓒ) */
  computed: boolean;
}

/** The table's title as its sheet is named: 「三 收到和处理政府信息公开申请情况」. */
export const TABLE_SHEETS: Record<TableId, string> = {
  t2: `二 ${TABLE2.title}`,
  t3: `三 ${TABLE3.title}`,
  t4: `四 ${TABLE4.title}`,
};

const computed = (key: string) => Boolean(TABLE_CELLS.find((c) => c.key === key)?.sumOf);

// The heading every result row shares (三、本年度办理结果) would only lengthen each header: the sub-groups stay.
const RESULTS = TABLE3.rows.find((r) => r.id === 'r1')!.parents[0];

function table2(): ExportColumn[] {
  return TABLE2.blocks.flatMap((block) =>
    block.rows.flatMap((row) =>
      block.columns.map((col) => ({
        key: table2Key(row.id, col.id),
        group: `${block.heading} ${row.label}`,
        label: col.label,
        computed: false,
      })),
    ),
  );
}

function table3(): ExportColumn[] {
  return TABLE3.rows.flatMap((row) => {
    const group = [...row.parents.filter((p) => p !== RESULTS), row.label].join(' ');
    return TABLE3.columns.map((col) => {
      const key = table3Key(row.id, col.id);
      const label = 'group' in col && col.group ? `${col.group}·${col.label}` : col.label;
      return { key, group, label, computed: computed(key) };
    });
  });
}

function table4(): ExportColumn[] {
  return TABLE4.groups.flatMap((g) =>
    TABLE4.columns.map((col) => {
      const key = table4Key(g.id, col.id);
      return {
        key,
        group: g.parent ? `${g.parent} ${g.label}` : g.label,
        label: col.label,
        computed: computed(key),
      };
    }),
  );
}

/** The columns of one table, in printed order (10, 175 and 15 cells). */
export function tableColumns(table: TableId): ExportColumn[] {
  return table === 't2' ? table2() : table === 't3' ? table3() : table4();
}
