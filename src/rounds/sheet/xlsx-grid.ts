/**
 * The text of an .xlsx's visible worksheets, row by row, after checking from the zip's own directory that it is
 * a workbook of a sane size: a .docx, a zip bomb or 10,000 rows are refused before exceljs unpacks anything.
 */
import type ExcelJS from 'exceljs';
import { excel } from './exceljs.js';
import { refusals, type SheetRefusal } from './refusals.js';
import { readZipEntry, zipEntries } from './zip-entries.js';

/** One worksheet's rows that have any text, numbered as Excel numbers them. */
export interface Grid {
  name: string;
  rows: { row: number; cells: string[] }[];
}

/** An unpacked workbook larger than this is not a list of units (a 2,000-unit sheet unpacks to ~2 MB). */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/**
 * The worksheets' text, or why the file cannot be read; a worksheet may have at most `limits.rows` rows with
 * text (the units and the rows above them), the refusal names `limits.units`.
 */
export async function xlsxGrids(
  bytes: Uint8Array,
  fileName: string,
  limits: { rows: number; units: number },
): Promise<Grid[] | SheetRefusal> {
  const entries = zipEntries(bytes);
  if (!entries) return refusals.damaged();
  const names = new Set(entries.map((e) => e.name));
  if (names.has('word/document.xml')) return refusals.wordDocument();
  if (!names.has('xl/workbook.xml')) return refusals.notSpreadsheet(fileName);
  const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unpacked > MAX_UNPACKED_BYTES) return refusals.tooBigUnpacked(unpacked);

  // Counting rows in the raw XML takes milliseconds where exceljs takes seconds for 10,000 rows.
  for (const entry of entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))) {
    let xml: string;
    try {
      xml = readZipEntry(bytes, entry, MAX_UNPACKED_BYTES).toString('utf8');
    } catch {
      return refusals.damaged();
    }
    const rows = rowsWithValues(xml);
    if (rows > limits.rows) return refusals.tooManyRows(rows, limits.units);
  }

  const workbook = new (await excel()).Workbook();
  try {
    // exceljs declares its own `Buffer` type that Node 20's generic Buffer does not match; a Buffer is what it reads.
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return refusals.damaged();
  }
  return workbook.worksheets
    .filter((ws) => ws.state === undefined || ws.state === 'visible')
    .map((ws) => {
      const rows: Grid['rows'] = [];
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col - 1] = cellText(cell.value);
        });
        const dense = Array.from(cells, (c) => c ?? '');
        if (dense.some((c) => c.trim() !== '')) rows.push({ row: rowNumber, cells: dense });
      });
      return { name: ws.name, rows };
    });
}

/** Rows in a worksheet's XML that hold a value (styled empty rows do not count). */
function rowsWithValues(xml: string): number {
  let n = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?row\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?row>)/g))
    if (/<(?:\w+:)?(?:v|is)[\s>]/.test(m[0])) n++;
  return n;
}

/** A cell's text as the admin sees it: rich text joined, a link's text, a formula's result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}
