/**
 * The people forms of the admin's cards, read into units and changes: a new unit (name, fillers of every
 * section, the approval chain), new fillers for chosen sections, a new approval chain. Form input names are the
 * contract with cards/admin-unit.ts.
 */
import type { Directory } from '../people/directory.js';
import { unprintable } from '../report/printable.js';
import { SECTIONS, type SectionId } from '../report/template.js';
import { unitIdFor } from '../rounds/sheet/round-from-sheet.js';
import type { Unit } from '../rounds/round.js';
import { pickedPeople } from './picked-people.js';

/** Input names of the forms (cards/admin-unit.ts uses the same). */
export const FIELDS = {
  unitName: 'unit_name',
  fillers: 'unit_fillers',
  fillersText: 'unit_fillers_text',
  /** approval chain: one select_person per level, first to last */
  chain: ['chain_1', 'chain_2', 'chain_3'],
  chainText: 'chain_text',
  /** which sections new fillers take over */
  sections: 'fill_sections',
} as const;

type Read<T> = { ok: true; value: T; names: Record<string, string> } | { ok: false; message: string };

const sectionIds = SECTIONS.map((s) => s.id);

/** The approval chain of a form: the level pickers in order, then anyone written. */
export async function readChain(
  form: Record<string, unknown>,
  directory?: Directory,
): Promise<Read<string[]>> {
  const picked = await pickedPeople(
    FIELDS.chain.map((f) => form[f]),
    form[FIELDS.chainText],
    directory,
  );
  if (picked.problems.length) return { ok: false, message: picked.problems.join('；') };
  if (!picked.ids.length) return { ok: false, message: '请至少选择一名审核人（第一级）' };
  return { ok: true, value: picked.ids, names: picked.names };
}

/** The fillers of a form: the picker, then anyone written. */
export async function readFillers(
  form: Record<string, unknown>,
  directory?: Directory,
): Promise<Read<string[]>> {
  const picked = await pickedPeople([form[FIELDS.fillers]], form[FIELDS.fillersText], directory);
  if (picked.problems.length) return { ok: false, message: picked.problems.join('；') };
  if (!picked.ids.length) return { ok: false, message: '请至少选择一名填报人' };
  return { ok: true, value: picked.ids, names: picked.names };
}

/** The sections chosen for new fillers; 'all' or nothing chosen means every section. */
export function readSections(form: Record<string, unknown>): SectionId[] {
  const v = form[FIELDS.sections];
  const list = (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((s): s is SectionId =>
    sectionIds.includes(s as SectionId),
  );
  return list.length ? sectionIds.filter((s) => list.includes(s)) : sectionIds;
}

/** A new unit from its form: every section filled by the chosen fillers (changed per section afterwards). */
export async function readNewUnit(form: Record<string, unknown>, directory?: Directory): Promise<Read<Unit>> {
  const rawName = form[FIELDS.unitName];
  const name = typeof rawName === 'string' ? rawName.trim().replace(/\s+/g, ' ') : '';
  if (!name) return { ok: false, message: '请写上单位名称（报告标题里的机关全称）' };
  if (name.length > 60) return { ok: false, message: '单位名称太长了（最多 60 个字）' };
  // The name is the Word file's title: refused here rather than as a file that cannot be made.
  const unprintableName = unprintable(name, '单位名称');
  if (unprintableName) return { ok: false, message: unprintableName };
  const fillers = await readFillers(form, directory);
  if (!fillers.ok) return fillers;
  const chain = await readChain(form, directory);
  if (!chain.ok) return chain;
  return {
    ok: true,
    value: {
      id: unitIdFor(name),
      name,
      fillers: Object.fromEntries(sectionIds.map((s) => [s, fillers.value])) as Record<SectionId, string[]>,
      approvers: chain.value,
    },
    names: { ...fillers.names, ...chain.names },
  };
}
