/**
 * Finding a cell of a read-back table (Word or HTML) the way a reader does: the row by the labels down its left,
 * the column by the headings over it, merged cells counted once.
 */
import { pathOf, type ReadTable } from './docx-reader.js';

export const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

const column = (table: ReadTable, rows: number[], col: number) => rows.map((r) => table[r][col]);

/** The grid row whose label cells (columns 0 … labelColumns-1) read as this path, merged cells once. */
export function rowByLabels(table: ReadTable, labelColumns: number, path: string[], from = 0): number {
  const found = range(from, table.length).filter(
    (r) => JSON.stringify(pathOf(table[r].slice(0, labelColumns))) === JSON.stringify(path),
  );
  expect(found).toHaveLength(1);
  return found[0];
}

/** The grid columns whose header cells (rows 0 … headerRows-1) read as this path. */
export function columnsByHeaders(table: ReadTable, headerRows: number, path: string[]): number[] {
  return range(0, table[0].length).filter(
    (c) => JSON.stringify(pathOf(column(table, range(0, headerRows), c))) === JSON.stringify(path),
  );
}
