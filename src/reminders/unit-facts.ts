/** Loads where each unit's report stands (section states from the draft, approval state) for the scheduler. */
import type { Storage } from '../../storage/store.js';
import { draftRepo } from '../filling/draft-repo.js';
import { sectionState, type SectionState } from '../filling/progress.js';
import { SECTIONS, type SectionId } from '../report/template.js';
import type { Round } from '../rounds/round.js';
import type { ApprovalFacts } from './approval-facts.js';
import type { UnitFacts } from './audience.js';

/** The facts of every unit of the round, in the round's order. */
export async function loadUnitFacts(
  storage: Storage,
  round: Round,
  approvals: ApprovalFacts,
): Promise<UnitFacts[]> {
  const drafts = draftRepo(storage);
  return Promise.all(
    round.units.map(async (unit) => {
      const { draft, previous } = await drafts.load(round.id, unit.id);
      const sections = Object.fromEntries(
        SECTIONS.map((s) => [s.id, sectionState(draft, s.id, previous)]),
      ) as Record<SectionId, SectionState>;
      const [waiting, approved, reopened, afterApproval] = await Promise.all([
        approvals.waiting(round.id, unit.id),
        approvals.approved(round.id, unit.id),
        approvals.reopened?.(round.id, unit.id) ?? [],
        approvals.reopenedAfterApproval?.(round.id, unit.id) ?? false,
      ]);
      return {
        unit,
        sections,
        approved,
        ...(waiting ? { waiting } : {}),
        ...(reopened.length ? { reopened } : {}),
        ...(reopened.length && afterApproval ? { reopenedAfterApproval: true } : {}),
      };
    }),
  );
}
