/**
 * The three official tables as grids of merged cells, the way the 2021 format prints them
 * (国办公开办函〔2021〕30号): which header spans which columns, which label runs down which rows.
 * Rendering to Word is a mechanical walk over these grids; every label comes from template.ts.
 */
import type { ParsedAnswers } from '../report/compute.js';
import {
  TABLE2,
  TABLE3,
  TABLE4,
  table2Key,
  table3Key,
  table4Key,
  type Answers,
  type TableId,
} from '../report/template.js';
import { numberText } from './format.js';

export interface GridCell {
  text: string;
  colSpan: number;
  /** rows this cell runs down; the rows below hold no cell of their own at its columns */
  rowSpan: number;
  /** header: column heading or block heading; label: a row's label; value: a number */
  role: 'header' | 'label' | 'value';
  /** the canonical key of a value cell */
  key?: string;
}

export interface TableGrid {
  table: TableId;
  /** column widths in millimetres; they add up to the A4 text width */
  columnWidths: number[];
  /** how many top rows are column headings (repeated when the table breaks across pages) */
  headerRows: number;
  /** origin cells only, like HTML: a cell covered by a rowSpan from above is left out */
  rows: GridCell[][];
}

/** A4 (210 mm) minus the 28 mm / 26 mm side margins of 党政机关公文格式 GB/T 9704. */
export const TEXT_WIDTH_MM = 156;

const header = (text: string, colSpan = 1, rowSpan = 1): GridCell => ({
  text,
  colSpan,
  rowSpan,
  role: 'header',
});
const label = (text: string, colSpan = 1, rowSpan = 1): GridCell => ({
  text,
  colSpan,
  rowSpan,
  role: 'label',
});

type Values = { answers: Answers; parsed: ParsedAnswers };
const value = ({ answers, parsed }: Values, key: string, colSpan = 1): GridCell => ({
  text: numberText(answers, parsed, key),
  colSpan,
  rowSpan: 1,
  role: 'value',
  key,
});

/** 表二: one table of four blocks, each a full-width 「第二十条第（…）项」 row, its header row and its data rows. */
export function table2Grid(values: Values): TableGrid {
  const width = Math.max(...TABLE2.blocks.map((b) => b.columns.length));
  const labelWidth = 45;
  const valueWidth = (TEXT_WIDTH_MM - labelWidth) / width;
  const rows: GridCell[][] = [];
  for (const block of TABLE2.blocks) {
    rows.push([header(block.heading, width + 1)]);
    // A single-column block's one value spans what the three-column block uses (as printed officially).
    const span = (i: number) => (i === block.columns.length - 1 ? width - i : 1);
    rows.push([header(TABLE2.contentHeader), ...block.columns.map((c, i) => header(c.label, span(i)))]);
    for (const row of block.rows) {
      const cells = block.columns.map((c, i) => value(values, table2Key(row.id, c.id), span(i)));
      rows.push([label(row.label), ...cells]);
    }
  }
  return { table: 't2', columnWidths: [labelWidth, ...Array(width).fill(valueWidth)], headerRows: 0, rows };
}

/**
 * 表三: the note over three header rows and the three label columns; 申请人情况 over the seven value columns;
 * 自然人 and 总计 down two rows, 法人或其他组织 over its five columns; then 三、本年度办理结果 and the result
 * groups (（三）不予公开 …) running down their rows.
 */
export function table3Grid(values: Values): TableGrid {
  const labelColumns = 1 + Math.max(...TABLE3.rows.map((r) => r.parents.length));
  const columns = TABLE3.columns as { id: string; label: string; group?: string }[];
  const rows: GridCell[][] = [
    [header(TABLE3.note, labelColumns, 3), header(TABLE3.applicantHeader, columns.length)],
    [],
    [],
  ];
  for (let i = 0; i < columns.length;) {
    const group = columns[i].group;
    if (!group) {
      rows[1].push(header(columns[i].label, 1, 2));
      i++;
      continue;
    }
    let end = i;
    while (end < columns.length && columns[end].group === group) rows[2].push(header(columns[end++].label));
    rows[1].push(header(group, end - i));
    i = end;
  }

  const samePrefix = (a: string[], b: string[], depth: number) =>
    a.length > depth && b.length > depth && a.slice(0, depth + 1).every((p, k) => p === b[k]);
  TABLE3.rows.forEach((row, index) => {
    const cells: GridCell[] = [];
    row.parents.forEach((parent, depth) => {
      if (index > 0 && samePrefix(TABLE3.rows[index - 1].parents, row.parents, depth)) return;
      let span = 1;
      while (samePrefix(TABLE3.rows[index + span]?.parents ?? [], row.parents, depth)) span++;
      cells.push(label(parent, 1, span));
    });
    cells.push(label(row.label, labelColumns - row.parents.length));
    for (const col of columns) cells.push(value(values, table3Key(row.id, col.id)));
    rows.push(cells);
  });

  const labelWidths = [6, 16, 42];
  const valueWidth = (TEXT_WIDTH_MM - 64) / columns.length;
  return {
    table: 't3',
    columnWidths: [...labelWidths.slice(0, labelColumns), ...Array(columns.length).fill(valueWidth)],
    headerRows: 3,
    rows,
  };
}

/**
 * 表四: 行政复议 over five columns and down two rows; 行政诉讼 over ten, with 未经复议直接起诉 and 复议后起诉
 * under it; then the five result columns three times and one row of numbers.
 */
export function table4Grid(values: Values): TableGrid {
  const n = TABLE4.columns.length;
  const top: GridCell[] = [];
  const middle: GridCell[] = [];
  TABLE4.groups.forEach((group, i) => {
    if (!group.parent) {
      top.push(header(group.label, n, 2));
      return;
    }
    middle.push(header(group.label, n));
    if (TABLE4.groups[i - 1]?.parent === group.parent) return;
    const siblings = TABLE4.groups.filter((g) => g.parent === group.parent).length;
    top.push(header(group.parent, n * siblings));
  });
  const labels = TABLE4.groups.flatMap(() => TABLE4.columns.map((c) => header(c.label)));
  const numbers = TABLE4.groups.flatMap((g) =>
    TABLE4.columns.map((c) => value(values, table4Key(g.id, c.id))),
  );
  const total = TABLE4.groups.length * n;
  return {
    table: 't4',
    columnWidths: Array(total).fill(TEXT_WIDTH_MM / total),
    headerRows: 3,
    rows: [top, middle, labels, numbers],
  };
}
