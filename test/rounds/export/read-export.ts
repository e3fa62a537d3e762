/**
 * Reads the export back as a person opening it would: the workbook with exceljs (sheets by their title, a cell's
 * column by its two header rows), the zip with jszip (its files, a Word file's tables). Shared by the export
 * tests and the round's integration test.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readDocx, type ReadTable } from '../../render/docx-reader.js';

/** Opens an .xlsx. */
export async function readWorkbook(bytes: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

/** The sheet whose title starts with `prefix` (「三」, 「检查结果」). */
export function sheetOf(wb: ExcelJS.Workbook, prefix: string): ExcelJS.Worksheet {
  const ws = wb.worksheets.find((w) => w.name.startsWith(prefix));
  if (!ws) throw new Error(`no sheet ${prefix}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

/** Every row's values from column A on (a formula cell as its { formula, result }). */
export function rowsOf(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  return ws
    .getSheetValues()
    .filter(Boolean)
    .map((r) => (r as ExcelJS.CellValue[]).slice(1));
}

/** The 1-based column of a table cell by its upper (official row) and lower (official column) header. */
export function columnOf(ws: ExcelJS.Worksheet, group: string, label: string): number {
  const hits: number[] = [];
  ws.getRow(2).eachCell((cell, col) => {
    if (cell.value === label && ws.getRow(1).getCell(col).value === group) hits.push(col);
  });
  if (hits.length !== 1) throw new Error(`${hits.length} columns under ${group} / ${label}`);
  return hits[0];
}

/** The zip's file names, sorted, and each file's bytes. */
export async function readZip(bytes: Buffer | Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files).sort()) out.set(name, await zip.file(name)!.async('nodebuffer'));
  return out;
}

/** The tables (二, 三, 四) of a Word file, as grids of cell texts. */
export async function docxTables(bytes: Buffer): Promise<ReadTable[]> {
  const doc = await readDocx(bytes);
  return doc.body.flatMap((b) => (b.kind === 'tbl' ? [b.table] : []));
}
