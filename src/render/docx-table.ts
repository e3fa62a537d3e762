/**
 * A TableGrid as a Word table: fixed column widths, a thin border on every cell, merged cells written as
 * gridSpan / vMerge exactly where the official tables merge them.
 */
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import type { GridCell, TableGrid } from './table-grid.js';
import { FONTS } from './docx-fonts.js';

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};
const CELL_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE };

/** Narrow cell margins (≈0.7 mm) so 表三's seven number columns and 表四's fifteen fit the A4 text width. */
const CELL_MARGINS = { top: 30, bottom: 30, left: 40, right: 40 };

export interface TableStyle {
  /** font size in points: 五号 10.5 (docx-fonts.ts SIZES.table) for all three tables */
  fontSize: number;
  /** a minimum row height in millimetres, for the small tables that have room for it */
  minRowHeight?: number;
}

function cellParagraph(cell: GridCell | undefined, style: TableStyle): Paragraph {
  const text = cell?.text ?? '';
  // Row labels read left to right like the official table; headings, group cells and numbers are centred.
  const left = cell?.role === 'label' && cell.rowSpan === 1;
  return new Paragraph({
    alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 240 },
    children: [
      new TextRun({
        text,
        font: cell?.role === 'header' ? FONTS.tableHeader : FONTS.table,
        bold: cell?.role === 'header',
        size: style.fontSize * 2,
      }),
    ],
  });
}

/** Builds the Word table of one official table. */
export function docxTable(grid: TableGrid, style: TableStyle): Table {
  const widths = grid.columnWidths.map(twips);
  const spanWidth = (start: number, span: number) =>
    widths.slice(start, start + span).reduce((a, b) => a + b, 0);
  // What runs down from above into each grid column: the origin cell and how many rows it still covers.
  const runningDown: ({ cell: GridCell; left: number } | undefined)[] = widths.map(() => undefined);

  const rows = grid.rows.map((origins, rowIndex) => {
    const cells: TableCell[] = [];
    const queue = [...origins];
    for (let col = 0; col < widths.length;) {
      const above = runningDown[col];
      if (above && above.left > 0) {
        above.left--;
        cells.push(
          new TableCell({
            children: [cellParagraph(undefined, style)],
            columnSpan: above.cell.colSpan,
            verticalMerge: VerticalMergeType.CONTINUE,
            width: { size: spanWidth(col, above.cell.colSpan), type: WidthType.DXA },
            borders: CELL_BORDERS,
            margins: CELL_MARGINS,
          }),
        );
        col += above.cell.colSpan;
        continue;
      }
      const cell = queue.shift();
      if (!cell) throw new Error(`table ${grid.table} row ${rowIndex}: no cell for grid column ${col}`);
      if (cell.rowSpan > 1) runningDown[col] = { cell, left: cell.rowSpan - 1 };
      cells.push(
        new TableCell({
          children: [cellParagraph(cell, style)],
          columnSpan: cell.colSpan,
          ...(cell.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          verticalAlign: VerticalAlignTable.CENTER,
          width: { size: spanWidth(col, cell.colSpan), type: WidthType.DXA },
          borders: CELL_BORDERS,
          margins: CELL_MARGINS,
        }),
      );
      col += cell.colSpan;
    }
    if (queue.length)
      throw new Error(`table ${grid.table} row ${rowIndex}: ${queue.length} cells beyond the grid`);
    // Every row but the last is kept with the next, so a table that fits one page is never cut in two.
    const keepNext = rowIndex < grid.rows.length - 1;
    return new TableRow({
      children: cells,
      tableHeader: rowIndex < grid.headerRows,
      cantSplit: true,
      keepNext,
      ...(style.minRowHeight
        ? { height: { value: twips(style.minRowHeight), rule: HeightRule.ATLEAST } }
        : {}),
    });
  });

  return new Table({
    rows,
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: BORDERS,
    margins: CELL_MARGINS,
  });
}
