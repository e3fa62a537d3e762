/**
 * A read spreadsheet and its people, resolved, become the units of a round — with every problem at once, by
 * row, in Chinese, naming the unit, so one edit of the sheet fixes them all (as round-file.ts does for JSON).
 */
import { createHash } from 'node:crypto';
import type { Directory } from '../../people/directory.js';
import { refKey, type PersonRef } from '../../people/person-ref.js';
import { resolvePeople, type Resolutions } from '../../people/resolve.js';
import { unprintable } from '../../report/printable.js';
import { SECTIONS, type SectionId } from '../../report/template.js';
import { ID_PATTERN, type Unit } from '../round.js';
import { readSheet, type Sheet } from './read-sheet.js';
import type { SheetRefusal } from './refusals.js';

export interface SheetProblem {
  /** the spreadsheet's row, absent for a problem of the whole sheet (a missing column) */
  row?: number;
  /** the whole sentence, naming the row and the unit */
  text: string;
}

export interface SheetRound {
  /** true when there is no problem: the units can open a round as they are */
  ready: boolean;
  /**
   * One per named, distinct unit, with the people that resolved (for the preview); while there are problems a
   * unit may lack a section's filler or an approver, so only a ready result may become a round.
   */
  units: Unit[];
  /** the spreadsheet row of each unit, by unit id */
  rowOf: Record<string, number>;
  /** the display name of everyone in `units`, by open_id, so a preview needs no further lookups */
  names: Record<string, string>;
  problems: SheetProblem[];
  /** columns not understood and ignored, to mention in the preview */
  ignoredColumns: string[];
}

/** Rows whose unit is named like this are the template's examples, not units. */
const EXAMPLE = /^示例/;

/** Every person the sheet names, to resolve in one go. */
export function sheetRefs(sheet: Sheet): PersonRef[] {
  return sheet.rows.flatMap((r) => [...Object.values(r.sections).flat(), ...r.allSections, ...r.approvers]);
}

/** How a unit name compares: spaces and character widths do not count. */
function unitKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** A unit id derived from its name alone, so sending the corrected sheet again gives the same ids. */
export function unitIdFor(name: string, length = 10): string {
  return `u-${createHash('sha256').update(unitKey(name)).digest('hex').slice(0, length)}`;
}

/** Reads, resolves and checks a round spreadsheet in one go; a refused file costs no lookup. */
export async function roundFromSheetFile(
  bytes: Uint8Array,
  fileName: string,
  directory: Directory,
): Promise<SheetRefusal | ({ ok: true } & SheetRound)> {
  const read = await readSheet(bytes, fileName);
  if (!read.ok) return read;
  const people = await resolvePeople(sheetRefs(read.sheet), directory);
  return { ok: true, ...roundFromSheet(read.sheet, people) };
}

/** The units of a read sheet, given its people resolved (resolvePeople of sheetRefs), and every problem. */
export function roundFromSheet(sheet: Sheet, people: Resolutions): SheetRound {
  const problems: SheetProblem[] = [];
  // A section nobody can fill for lack of a column is one problem of the sheet, not one per row.
  const missing = sheet.columns.allSections
    ? []
    : SECTIONS.filter((s) => !sheet.columns.sections.includes(s.id));
  if (missing.length > 0)
    problems.push({
      text:
        `表格没有${missing.map((s) => `「${s.heading}」`).join('')}列，也没有「填报人」列：` +
        '请加上这些列，每个单位写上这一部分的填报人；或者加一列「填报人」，由他们填写所有部分',
    });
  if (!sheet.columns.approvers)
    problems.push({
      text: '表格没有「审核人」列：每个单位至少要有一名审核人，请加一列「审核人」（按审核顺序写，多人用「、」隔开）',
    });

  const units: Unit[] = [];
  const rowOf: Record<string, number> = {};
  const names: Record<string, string> = {};
  const firstRowOf = new Map<string, number>();
  const idOwner = new Map<string, string>();
  const givenIds = new Map<string, number>();
  const allGiven = new Set(
    sheet.rows.flatMap((r) => (r.unitId && ID_PATTERN.test(r.unitId) ? [r.unitId] : [])),
  );

  for (const row of sheet.rows) {
    const name = row.unitName;
    const label = name ? `第 ${row.row} 行「${name}」` : `第 ${row.row} 行`;
    const problem = (text: string) => problems.push({ row: row.row, text: `${label}${text}` });
    if (!name) {
      problem('：没有单位名称（这一行写了人员，却没有写是哪个单位）');
      continue;
    }
    const unprintableName = unprintable(name, '单位名称');
    if (unprintableName) {
      problem(`：${unprintableName}`);
      continue;
    }
    if (EXAMPLE.test(name)) {
      problem('是模板里的示例：请删掉这一行，或改成真实的单位和人员');
      continue;
    }
    const key = unitKey(name);
    const earlier = firstRowOf.get(key);
    if (earlier !== undefined) {
      problem(`：单位名称与第 ${earlier} 行重复（每个单位只能写一行）`);
      continue;
    }
    firstRowOf.set(key, row.row);

    const unresolved = new Map<string, { problem: string; places: Set<Place> }>();
    const resolve = (refs: PersonRef[], place: Place): string[] =>
      refs.flatMap((ref) => {
        const r = people.of(ref);
        if (r.ok) {
          names[r.person.openId] = r.person.name;
          return [r.person.openId];
        }
        const entry = unresolved.get(refKey(ref)) ?? { problem: r.problem, places: new Set<Place>() };
        entry.places.add(place);
        unresolved.set(refKey(ref), entry);
        return [];
      });

    const fillers = {} as Record<SectionId, string[]>;
    const written = new Set<SectionId>();
    const fromAll = resolve(row.allSections, 'all');
    for (const s of SECTIONS) {
      const own = row.sections[s.id];
      if (own || row.allSections.length) written.add(s.id);
      fillers[s.id] = own ? unique(resolve(own, s.id)) : unique(fromAll);
    }
    const chain = resolve(row.approvers, 'approvers');

    for (const { problem: text, places } of unresolved.values()) problem(`${placesText(places)}：${text}`);
    const unfilled = SECTIONS.filter((s) => !written.has(s.id) && !missing.includes(s));
    if (unfilled.length === SECTIONS.length) problem('：六个部分都还没有填报人');
    else if (unfilled.length > 0)
      problem(`：${unfilled.map((s) => `${s.part}（${s.title}）`).join('、')}还没有填报人`);
    if (row.approvers.length === 0 && sheet.columns.approvers)
      problem('：没有审核人，每个单位至少要有一名（按审核顺序写，多人用「、」隔开）');
    const twice = unique(chain.filter((id, i) => chain.indexOf(id) !== i));
    for (const id of twice) problem(`：审核人「${names[id]}」写了不止一次，审核顺序里每人只能出现一次`);

    let id = unitIdFor(name);
    // Another name with the same short hash, or a renamed unit keeping the id this name once had: rare enough
    // that a longer hash is a fine tie-break.
    if ((idOwner.has(id) && idOwner.get(id) !== key) || (allGiven.has(id) && row.unitId !== id))
      id = unitIdFor(name, 24);
    idOwner.set(id, key);
    // A sheet written from a running round carries its ids: a renamed unit keeps its id, and so its reports.
    if (row.unitId !== undefined) {
      const sameIdRow = givenIds.get(row.unitId);
      if (!ID_PATTERN.test(row.unitId))
        problem(`：编号「${row.unitId}」无效（编号由年报助手生成，请不要修改；新增的单位请留空）`);
      else if (sameIdRow !== undefined)
        problem(`：编号「${row.unitId}」与第 ${sameIdRow} 行重复（复制的行请清空编号）`);
      else {
        givenIds.set(row.unitId, row.row);
        id = row.unitId;
      }
    }
    units.push({ id, name, fillers, approvers: unique(chain) });
    rowOf[id] = row.row;
  }

  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    ready: problems.length === 0,
    units,
    rowOf,
    names,
    problems,
    ignoredColumns: sheet.ignoredColumns,
  };
}

/** Where in a row a person was named: a section's own column, the 填报人 column, or the 审核人 columns. */
type Place = SectionId | 'all' | 'approvers';

/** 「第一部分、第三部分的填报人和审核人」 */
function placesText(places: Set<Place>): string {
  const parts = SECTIONS.filter((s) => places.has(s.id)).map((s) => s.part);
  const words = [
    ...(parts.length ? [`${parts.join('、')}的填报人`] : []),
    ...(places.has('all') ? ['填报人'] : []),
    ...(places.has('approvers') ? ['审核人'] : []),
  ];
  return words.join('和');
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
