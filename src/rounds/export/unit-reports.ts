/** Loads what the export needs of every unit of a round: its state, the answers shown, its approval story. */
import type { Storage } from '../../../storage/store.js';
import { approvalRepo } from '../../approval/repo.js';
import type { ApprovalState } from '../../approval/state.js';
import { draftRepo } from '../../filling/draft-repo.js';
import { sectionState, type SectionState } from '../../filling/progress.js';
import { SECTIONS, type Answers, type SectionId } from '../../report/template.js';
import type { Round, Unit } from '../round.js';
import { exportState, shownAnswers, type ExportState, type ShownAnswers } from './unit-state.js';

/** One unit as the workbook and the zip see it. */
export interface UnitReport extends ShownAnswers {
  unit: Unit;
  state: ExportState;
  approval: ApprovalState;
  /** last year's answers when stored (for the cross-year checks) */
  previous?: Answers;
}

/** Every unit of the round, in the round's order. Reads only. */
export async function loadUnitReports(storage: Storage, round: Round): Promise<UnitReport[]> {
  const drafts = draftRepo(storage);
  const approvals = approvalRepo(storage);
  const out: UnitReport[] = [];
  // One unit at a time: a round may have hundreds, and each load opens two small files.
  for (const unit of round.units) {
    const { draft, previous } = await drafts.load(round.id, unit.id);
    const approval = await approvals.load(round.id, unit.id);
    const sections = Object.fromEntries(
      SECTIONS.map((s) => [s.id, sectionState(draft, s.id, previous)]),
    ) as Record<SectionId, SectionState>;
    const state = exportState(approval, sections);
    out.push({
      unit,
      state,
      approval,
      ...shownAnswers(state, approval, draft),
      ...(previous ? { previous } : {}),
    });
  }
  return out;
}
