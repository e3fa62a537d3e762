/**
 * The columns a round spreadsheet's first row may name, in the words admins use: 单位名称; a column per section
 * (「一、总体情况」, just 「一」, or 「第一部分」); 填报人 for all six; 审核人 (or 审核人1, 审核人2 … in order); and 编号,
 * the unit's id in a sheet written from a running round, so its units keep their ids (and their reports).
 * Section names come from the report template, so no label is spelled twice.
 */
import { SECTIONS, type SectionId } from '../../report/template.js';

export type ColumnKind =
  | { kind: 'unit' }
  | { kind: 'unitId' }
  | { kind: 'section'; section: SectionId }
  | { kind: 'fillers' }
  | { kind: 'approvers'; order: number };

/** The header texts written by write-sheet and offered in the template. */
export const COLUMN_HEADERS = {
  unit: '单位名称',
  fillers: '填报人',
  approvers: '审核人',
  unitId: '编号',
} as const;

/** The sheet of instructions the template and written sheets carry; never read as units. */
export const INSTRUCTIONS_SHEET = '填写说明';

const UNIT = new Set(['单位名称', '单位', '单位全称', '填报单位', '报告单位']);
const FILLERS = new Set(['填报人', '填报人员']);
const UNIT_ID = new Set(['编号', '单位编号', 'id']);
const APPROVERS = /^(?:审核人|审批人)(\d+|[一二三四五六七八九十])?$/;
const CHINESE_DIGITS = '一二三四五六七八九十';

/** How a header compares: width, spaces, notes in brackets and a trailing colon or * do not count. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^()]*\)|【[^【】]*】|\[[^[\]]*\]/g, '')
    .replace(/[:*]+$/, '');
}

/** What a header names, or undefined for a column nianbao does not read. */
export function columnKind(header: string): ColumnKind | undefined {
  const key = headerKey(header);
  if (!key) return undefined;
  if (UNIT.has(key)) return { kind: 'unit' };
  if (FILLERS.has(key)) return { kind: 'fillers' };
  if (UNIT_ID.has(key.toLowerCase())) return { kind: 'unitId' };
  const approvers = APPROVERS.exec(key);
  if (approvers) {
    const n = approvers[1];
    const order = n === undefined ? 0 : /\d/.test(n) ? Number(n) : CHINESE_DIGITS.indexOf(n) + 1;
    return { kind: 'approvers', order };
  }
  for (const s of SECTIONS) {
    // 「一、总体情况」 → 「一」; a heading whose title is shortened or followed by 填报人 still counts.
    const numeral = s.heading.slice(0, s.heading.indexOf('、'));
    if (
      key === numeral ||
      key.startsWith(`${numeral}、`) ||
      key.startsWith(`${numeral}.`) ||
      key.startsWith(s.part) ||
      key.startsWith(s.title) ||
      key.toLowerCase() === s.id
    )
      return { kind: 'section', section: s.id };
  }
  return undefined;
}

/** Excel's letter for a column (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
