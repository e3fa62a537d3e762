/**
 * The round's workbook (.xlsx): one sheet per statistics table (二, 三, 四) with a row per unit and the total rows,
 * the check findings of every unit, and who filled and approved what, when.
 */
import { excel } from '../sheet/exceljs.js';
import type { Round } from '../round.js';
import { ACTIVITY_HEADERS, ACTIVITY_WIDTHS, activityRows } from './activity.js';
import { FINDING_HEADERS, FINDING_WIDTHS, findingRows } from './findings.js';
import { addListSheet } from './sheet-style.js';
import { addTableSheet } from './table-sheet.js';
import type { UnitReport } from './unit-reports.js';

export const FINDINGS_SHEET = '检查结果';
export const ACTIVITY_SHEET = '填报与审核记录';

/** Builds the workbook of a round's units; `names` maps the open_ids of activityPeople to display names. */
export async function buildWorkbook(
  round: Pick<Round, 'name'>,
  reports: UnitReport[],
  names: Record<string, string>,
): Promise<Buffer> {
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'nianbao';
  wb.title = round.name;
  // The totals are formulas: a spreadsheet opening the file recomputes them from the unit rows.
  wb.calcProperties.fullCalcOnLoad = true;
  for (const table of ['t2', 't3', 't4'] as const) addTableSheet(wb, table, reports);
  addListSheet(wb, FINDINGS_SHEET, FINDING_HEADERS, FINDING_WIDTHS, findingRows(reports));
  addListSheet(wb, ACTIVITY_SHEET, ACTIVITY_HEADERS, ACTIVITY_WIDTHS, activityRows(reports, names));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
