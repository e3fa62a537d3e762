/**
 * exceljs, loaded when a spreadsheet is first read or written: it takes about a second to load, and most bot
 * starts (and most test files) never touch a spreadsheet. Types come from the static import, which costs nothing.
 */
import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | undefined;

/** The exceljs module, loaded once. */
export function excel(): Promise<typeof ExcelJS> {
  return (loaded ??= import('exceljs').then((m) => m.default));
}
