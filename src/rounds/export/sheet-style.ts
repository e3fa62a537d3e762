/** The look every sheet of the workbook shares: bold wrapped headers, a frozen header, readable widths. */
import type ExcelJS from 'exceljs';

/** Makes rows 1…`headerRows` a bold, centred, wrapped header and freezes it with the first `frozenColumns`. */
export function styleHeader(ws: ExcelJS.Worksheet, headerRows: number, frozenColumns: number): void {
  for (let r = 1; r <= headerRows; r++) {
    const row = ws.getRow(r);
    row.font = { name: 'Calibri', family: 2, size: 11, bold: true };
    row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  }
  ws.views = [{ state: 'frozen', xSplit: frozenColumns, ySplit: headerRows }];
}

/** A sheet of one header row and plain rows, each column `widths[i]` characters wide. */
export function addListSheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: string[],
  widths: number[],
  rows: (string | number)[][],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow(headers);
  for (const row of rows) ws.addRow(row).alignment = { vertical: 'top', wrapText: true };
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  styleHeader(ws, 1, 1);
  return ws;
}
