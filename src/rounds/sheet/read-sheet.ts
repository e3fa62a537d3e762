/**
 * An admin's round spreadsheet (.xlsx, or .csv as Chinese Excel saves it), read into rows of units and people as
 * written — or refused as a whole with a Chinese sentence saying why. Nobody is resolved here: a refused file
 * costs no directory lookup (round-from-sheet.ts turns rows into units once people are resolved).
 */
import { SECTIONS, type SectionId } from '../../report/template.js';
import { parsePeople, type PersonRef } from '../../people/person-ref.js';
import { columnKind, columnLetter, INSTRUCTIONS_SHEET, type ColumnKind } from './columns.js';
import { decodeText, parseCsv } from './csv.js';
import { refusals, type SheetRefusal } from './refusals.js';
import { xlsxGrids, type Grid } from './xlsx-grid.js';

/** A file larger than this is not a list of units (2,000 units as .xlsx are ~150 KB). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A county has tens of units, a city a few hundred; beyond this a file is a mistake (or an attack). */
export const MAX_UNITS = 2000;
/** The header may sit below a title row or two; it is looked for in this many first rows. */
const HEADER_SEARCH_ROWS = 10;

/** One unit's line of the sheet, people as written. */
export interface SheetRow {
  /** the spreadsheet's own row number (row 2 is the first unit under a header in row 1) */
  row: number;
  /** as written, spaces collapsed; '' when the row names people but no unit */
  unitName: string;
  /** the 编号 column's id, in a sheet written from a round (write-sheet.ts); absent for a new unit */
  unitId?: string;
  /** the people of each section's own column, when the sheet has one and the cell is not empty */
  sections: Partial<Record<SectionId, PersonRef[]>>;
  /** the 填报人 column: fills every section whose own cell is empty */
  allSections: PersonRef[];
  /** the approvers in order: 审核人 columns by their number, each cell's people left to right */
  approvers: PersonRef[];
}

export interface Sheet {
  /** the worksheet read, or the file name of a CSV */
  sheetName: string;
  /** the header's row number */
  headerRow: number;
  /** which people columns the header has */
  columns: { sections: SectionId[]; allSections: boolean; approvers: boolean };
  rows: SheetRow[];
  /** columns that were not understood and were ignored, e.g. 「备注（F 列）」 */
  ignoredColumns: string[];
}

export type SheetRead = { ok: true; sheet: Sheet } | SheetRefusal;

/** Reads a round spreadsheet from its bytes; the file name tells a CSV from the rest. */
export async function readSheet(bytes: Uint8Array, fileName: string): Promise<SheetRead> {
  if (bytes.length > MAX_FILE_BYTES) return refusals.tooBig(bytes.length, MAX_FILE_BYTES);
  if (bytes.length === 0) return refusals.empty();
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  // The limit holds for the worksheets before the header is known: allow the rows the header may sit below.
  const maxRows = MAX_UNITS + HEADER_SEARCH_ROWS;

  // Compound files (OLE2) are the old binary formats; an .xlsx with an opening password is one too.
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    if (extension === 'xlsx' || extension === 'xlsm') return refusals.encrypted();
    if (extension === 'doc' || extension === 'wps') return refusals.wordDocument();
    return refusals.oldFormat();
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) return refusals.pdf();

  let grids: Grid[];
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    const read = await xlsxGrids(bytes, fileName, { rows: maxRows, units: MAX_UNITS });
    if (!Array.isArray(read)) return read;
    grids = read;
  } else if (extension === 'csv' || extension === 'txt') {
    const text = decodeText(bytes);
    if (text === undefined) return refusals.unreadableText(fileName);
    grids = [{ name: fileName, rows: parseCsv(text) }];
    if (grids[0].rows.length > maxRows) return refusals.tooManyRows(grids[0].rows.length, MAX_UNITS);
  } else if (extension === 'xls' || extension === 'et') return refusals.oldFormat();
  else return refusals.notSpreadsheet(fileName);

  return sheetOf(grids);
}

/** The first worksheet with a header row that names the unit column, read into rows. */
function sheetOf(grids: Grid[]): SheetRead {
  const nonEmpty = grids.filter((g) => g.rows.length > 0 && g.name !== INSTRUCTIONS_SHEET);
  if (nonEmpty.length === 0) return refusals.empty();
  for (const grid of nonEmpty) {
    const header = grid.rows
      .slice(0, HEADER_SEARCH_ROWS)
      .find((r) => r.cells.some((c) => columnKind(c)?.kind === 'unit'));
    if (header) return rowsOf(grid, header);
  }
  const first = nonEmpty[0].rows[0].cells.map((c) => c.trim()).filter(Boolean);
  return refusals.noUnitColumn(first.slice(0, 12).map((c) => (c.length > 20 ? `${c.slice(0, 20)}…` : c)));
}

function rowsOf(grid: Grid, header: Grid['rows'][number]): SheetRead {
  const kinds = header.cells.map((c) => columnKind(c));
  const duplicate = duplicateColumn(header.cells, kinds);
  if (duplicate) return duplicate;
  const data = grid.rows.filter((r) => r.row > header.row);
  if (data.length > MAX_UNITS) return refusals.tooManyRows(data.length, MAX_UNITS);
  if (data.length === 0) return refusals.noUnits(header.row);

  const unitCol = kinds.findIndex((k) => k?.kind === 'unit');
  const idCol = kinds.findIndex((k) => k?.kind === 'unitId');
  const sectionCols = new Map<SectionId, number>();
  kinds.forEach((k, i) => k?.kind === 'section' && sectionCols.set(k.section, i));
  const fillersCol = kinds.findIndex((k) => k?.kind === 'fillers');
  const approverCols = kinds
    .map((k, i) => ({ k, i }))
    .flatMap(({ k, i }) => (k?.kind === 'approvers' ? [{ order: k.order, i }] : []))
    .sort((a, b) => a.order - b.order || a.i - b.i)
    .map((c) => c.i);

  const cell = (r: Grid['rows'][number], i: number) => (i >= 0 ? (r.cells[i] ?? '').trim() : '');
  const rows: SheetRow[] = data.map((r) => {
    const sections: SheetRow['sections'] = {};
    for (const [s, i] of sectionCols) {
      const people = parsePeople(cell(r, i));
      if (people.length) sections[s] = people;
    }
    const unitId = cell(r, idCol);
    return {
      row: r.row,
      unitName: cell(r, unitCol).replace(/\s+/g, ' '),
      ...(unitId ? { unitId } : {}),
      sections,
      allSections: parsePeople(cell(r, fillersCol)),
      approvers: approverCols.flatMap((i) => parsePeople(cell(r, i))),
    };
  });

  const ignoredColumns: string[] = [];
  const width = Math.max(header.cells.length, ...data.map((r) => r.cells.length));
  for (let i = 0; i < width; i++) {
    if (kinds[i]) continue;
    const name = (header.cells[i] ?? '').trim();
    if (name) ignoredColumns.push(`${name}（${columnLetter(i)} 列）`);
    else if (data.some((r) => cell(r, i))) ignoredColumns.push(`${columnLetter(i)} 列（没有列名）`);
  }

  return {
    ok: true,
    sheet: {
      sheetName: grid.name,
      headerRow: header.row,
      columns: {
        sections: SECTIONS.map((s) => s.id).filter((s) => sectionCols.has(s)),
        allSections: fillersCol >= 0,
        approvers: approverCols.length > 0,
      },
      rows,
      ignoredColumns,
    },
  };
}

/** Two columns of the same meaning (two 单位名称, two 「一」, two 填报人) cannot both be right. */
function duplicateColumn(headers: string[], kinds: (ColumnKind | undefined)[]): SheetRefusal | undefined {
  const byMeaning = new Map<string, number[]>();
  kinds.forEach((k, i) => {
    if (!k || k.kind === 'approvers') return;
    const key = k.kind === 'section' ? k.section : k.kind;
    byMeaning.set(key, [...(byMeaning.get(key) ?? []), i]);
  });
  for (const [key, cols] of byMeaning)
    if (cols.length > 1) {
      const section = SECTIONS.find((s) => s.id === key);
      return refusals.duplicateColumn(section?.heading ?? headers[cols[0]].trim(), cols.map(columnLetter));
    }
  return undefined;
}
