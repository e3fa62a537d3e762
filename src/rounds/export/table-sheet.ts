/**
 * One sheet per statistics table: a row per unit (name, state, where its figures come from, every cell with the
 * computed totals), then 合计 — a real SUM over the unit rows — and 合计（已通过）, a SUMIF on the state column,
 * which is the figure the 本级 report is compiled from. Both formulas carry the value computed here, so a reader
 * that does not recalculate (or a test) sees the same number the spreadsheet will.
 */
import type ExcelJS from 'exceljs';
import { cellValue, parseAnswers } from '../../report/compute.js';
import type { TableId } from '../../report/template.js';
import { styleHeader } from './sheet-style.js';
import { tableColumns, TABLE_SHEETS } from './table-columns.js';
import type { UnitReport } from './unit-reports.js';
import { APPROVED_LABEL, sourceLabel, stateLabel } from './unit-state.js';

/** The columns before the cells: 单位, 状态, 数据来源. */
export const LEAD_HEADERS = ['单位', '状态', '数据来源'];
export const TOTAL_LABEL = '合计';
export const APPROVED_TOTAL_LABEL = '合计（已通过）';

/** Six decimals: 万元 to the 分, and no float noise in a sum. */
const round6 = (n: number) => Math.round(n * 1_000_000) / 1_000_000;

/** Adds the sheet of `table`: two header rows, one row per unit, the two total rows. */
export function addTableSheet(
  wb: ExcelJS.Workbook,
  table: TableId,
  reports: UnitReport[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(TABLE_SHEETS[table]);
  const columns = tableColumns(table);
  const lead = LEAD_HEADERS.length;
  ws.addRow([...LEAD_HEADERS, ...columns.map((c) => c.group)]);
  ws.addRow([...LEAD_HEADERS, ...columns.map((c) => (c.computed ? `${c.label}（自动计算）` : c.label))]);
  for (let i = 1; i <= lead; i++) ws.mergeCells(1, i, 2, i);
  // One merged upper header per official row, over its columns.
  let start = 0;
  columns.forEach((c, i) => {
    const last = i === columns.length - 1 || columns[i + 1].group !== c.group;
    if (!last) return;
    if (i > start) ws.mergeCells(1, lead + start + 1, 1, lead + i + 1);
    start = i + 1;
  });

  const values = reports.map((r) => {
    const parsed = parseAnswers(r.answers);
    return columns.map((c) => cellValue(parsed, c.key));
  });
  reports.forEach((r, i) =>
    ws.addRow([r.unit.name, stateLabel(r), sourceLabel(r.source), ...values[i].map((v) => v ?? null)]),
  );

  const first = 3;
  const last = first + reports.length - 1;
  const stateCol = ws.getColumn(2).letter;
  const total = ws.addRow([TOTAL_LABEL]);
  const approved = ws.addRow([APPROVED_TOTAL_LABEL]);
  columns.forEach((_, j) => {
    const col = ws.getColumn(lead + j + 1).letter;
    const sum = (pick: (i: number) => boolean) =>
      round6(values.reduce((a, row, i) => a + (pick(i) ? (row[j] ?? 0) : 0), 0));
    if (!reports.length) {
      total.getCell(lead + j + 1).value = 0;
      approved.getCell(lead + j + 1).value = 0;
      return;
    }
    const range = `${col}${first}:${col}${last}`;
    total.getCell(lead + j + 1).value = { formula: `SUM(${range})`, result: sum(() => true) };
    approved.getCell(lead + j + 1).value = {
      formula: `SUMIF($${stateCol}$${first}:$${stateCol}$${last},"${APPROVED_LABEL}",${range})`,
      result: sum((i) => reports[i].state === 'approved'),
    };
  });
  // The font named as exceljs's default: a bold without a name opens in a spreadsheet's serif fallback.
  for (const row of [total, approved]) row.font = { name: 'Calibri', family: 2, size: 11, bold: true };

  ws.getColumn(1).width = 24;
  ws.getColumn(2).width = 8;
  ws.getColumn(3).width = 16;
  for (let j = 0; j < columns.length; j++) ws.getColumn(lead + j + 1).width = 12;
  ws.getRow(1).height = 48;
  ws.getRow(2).height = 32;
  styleHeader(ws, 2, 1);
  // Printed, a page holds all of table 二 or 四 across; table 三's 178 columns run over pages, its unit names on each.
  ws.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    ...(columns.length <= 20 ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
    printTitlesColumn: 'A:B',
    printTitlesRow: '1:2',
  };
  return ws;
}
