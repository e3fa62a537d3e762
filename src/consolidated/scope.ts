/**
 * Which units of a round a consolidated report can sum now: the approved ones (with the version approved) and
 * the ones still missing, by name and where each stands, as the admin sees them before freezing the sums.
 */
import type { Storage } from '../../storage/store.js';
import { approvalRepo } from '../approval/repo.js';
import { latestSubmission } from '../approval/state.js';
import { storedApprovals } from '../reminders/approval-adapter.js';
import { unitStanding, type UnitStanding } from '../reminders/audience.js';
import { loadUnitFacts } from '../reminders/unit-facts.js';
import type { Answers } from '../report/template.js';
import type { Round } from '../rounds/round.js';

/** An approved unit: the version its last approver passed, and its answers as approved. */
export interface ApprovedUnit {
  unitId: string;
  name: string;
  version: number;
  answers: Answers;
}

/** A unit that is not approved (yet): its name and where it stands, in the words of the admin's cards. */
export interface MissingUnit {
  unitId: string;
  name: string;
  status: Exclude<UnitStanding['status'], 'approved'>;
  /** 「审核中」「已填完，未提交审核」「填报中（2/6 个部分已填完）」 */
  state: string;
}

export interface ConsolidationScope {
  approved: ApprovedUnit[];
  missing: MissingUnit[];
}

const STATE_TEXT: Record<MissingUnit['status'], string> = {
  waiting: '审核中',
  unsubmitted: '已填完，未提交审核',
  filling: '填报中',
};

/** The round's units split into approved (summable) and missing, in the round's order. */
export async function consolidationScope(storage: Storage, round: Round): Promise<ConsolidationScope> {
  const approvals = approvalRepo(storage);
  const facts = await loadUnitFacts(storage, round, storedApprovals(storage));
  const scope: ConsolidationScope = { approved: [], missing: [] };
  for (const f of facts) {
    const standing = unitStanding(f);
    const state = await approvals.load(round.id, f.unit.id);
    const approved = state.status === 'approved' ? latestSubmission(state) : undefined;
    if (approved) {
      scope.approved.push({
        unitId: f.unit.id,
        name: f.unit.name,
        version: approved.version,
        answers: approved.answers,
      });
      continue;
    }
    const status = standing.status === 'approved' ? 'waiting' : standing.status;
    const progress = status === 'filling' ? `（${standing.complete}/${standing.total} 个部分已填完）` : '';
    scope.missing.push({
      unitId: f.unit.id,
      name: f.unit.name,
      status,
      state: STATE_TEXT[status] + progress,
    });
  }
  return scope;
}
