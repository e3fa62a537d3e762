/**
 * The 填报与审核记录 sheet: who filled which section and who submitted, passed, rejected, approved or withdrew
 * which version, when (Beijing time). People by display name only: an id the contact list did not name shows as
 * 未查到姓名, never as an open_id.
 */
import type { ApprovalState, HistoryEvent } from '../../approval/state.js';
import { SECTION_BY_ID, SECTIONS, type SectionId } from '../../report/template.js';
import type { UnitReport } from './unit-reports.js';
import { stateLabel } from './unit-state.js';

export const ACTIVITY_HEADERS = ['单位', '状态', '版本', '事项', '人员', '时间（北京时间）', '说明'];
export const ACTIVITY_WIDTHS = [24, 8, 8, 28, 24, 18, 60];

/** Shown where the contact list gave no name. */
export const UNNAMED = '未查到姓名';

/** One row of the sheet, in ACTIVITY_HEADERS order. */
export type ActivityRow = [string, string, string, string, string, string, string];

/** 「2025-01-13 10:00」 in Beijing time. */
export function beijingMinute(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Every open_id the sheet names, to look their names up at once. */
export function activityPeople(reports: UnitReport[]): string[] {
  const ids = new Set<string>();
  for (const r of reports) {
    for (const list of Object.values(fillersShown(r))) list.forEach((id) => ids.add(id));
    for (const e of r.approval.history) {
      ids.add(e.by);
      if (e.kind === 'reassigned') [e.from, e.to].forEach((id) => ids.add(id));
    }
  }
  return [...ids];
}

/** Who filled each section of the answers shown: as frozen with that submission, else the round's assignment. */
function fillersShown(r: UnitReport): Record<SectionId, string[]> {
  const version = r.source.kind === 'draft' ? undefined : r.source.version;
  return r.approval.submissions.find((s) => s.version === version)?.fillers ?? r.unit.fillers;
}

const step = (n: number) => `第 ${n + 1} 级审核`;
const sectionsText = (ids: SectionId[]) => ids.map((s) => SECTION_BY_ID.get(s)!.heading).join('、');

/** What an event was, and its note, in the admin's words. */
function describe(e: HistoryEvent, state: ApprovalState, who: (id: string) => string): [string, string] {
  switch (e.kind) {
    case 'submitted':
      return ['提交审核', ''];
    case 'withdrawn':
      return ['撤回送审', ''];
    case 'passed':
      return [`${step(e.step)}通过`, '转下一级审核'];
    case 'approved': {
      const chain = state.submissions.find((s) => s.version === e.version)?.approvers.length ?? e.step + 1;
      return [`${step(e.step)}通过`, e.step + 1 >= chain ? '审核通过，定稿' : ''];
    }
    case 'rejected':
      return [`${step(e.step)}驳回`, `退回：${sectionsText(e.sections)}；理由：${e.reason}`];
    case 'reopened':
      return ['重新打开（已通过的版本）', `退回：${sectionsText(e.sections)}；理由：${e.reason}`];
    case 'reassigned':
      return [`更换${step(e.step)}人`, `${who(e.from)} → ${who(e.to)}`];
    default:
      // A kind added after this sheet was written: still listed, in words, never its code.
      return ['其他变更', ''];
  }
}

/** The rows of every unit: its fillers per section, then its approval history, oldest first. Pure. */
export function activityRows(reports: UnitReport[], names: Record<string, string>): ActivityRow[] {
  const who = (id: string) => (names[id] && names[id] !== id ? names[id] : UNNAMED);
  const rows: ActivityRow[] = [];
  for (const r of reports) {
    const state = stateLabel(r);
    const fillers = fillersShown(r);
    const version = r.source.kind === 'draft' ? '' : `第 ${r.source.version} 版`;
    for (const s of SECTIONS)
      rows.push([
        r.unit.name,
        state,
        version,
        `填报 ${s.heading}`,
        fillers[s.id].map(who).join('、'),
        '',
        '',
      ]);
    for (const e of r.approval.history) {
      const [what, note] = describe(e, r.approval, who);
      const by = (e.kind === 'rejected' || e.kind === 'reopened') && e.byName ? e.byName : who(e.by);
      rows.push([r.unit.name, state, `第 ${e.version} 版`, what, by, beijingMinute(e.at), note]);
    }
  }
  return rows;
}
