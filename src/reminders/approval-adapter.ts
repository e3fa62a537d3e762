/** ApprovalFacts read from the approval module's stored state (src/approval). */
import type { Storage } from '../../storage/store.js';
import { currentApprover } from '../approval/machine.js';
import { approvalRepo } from '../approval/repo.js';
import { sentBack, type ApprovalState } from '../approval/state.js';
import type { ApprovalFacts, Waiting } from './approval-facts.js';

/**
 * When the report reached the approver whose turn it is: its submission, the previous approver passing it on,
 * or the admin handing it to them in place of someone else.
 */
export function waitingOf(state: ApprovalState): Waiting | undefined {
  const approver = currentApprover(state);
  if (!approver) return undefined;
  const reached = state.history
    .filter(
      (e) =>
        e.version === state.version &&
        (e.kind === 'submitted' || e.kind === 'passed' || (e.kind === 'reassigned' && e.from !== e.to)),
    )
    .at(-1);
  if (!reached) return undefined;
  return { approver, since: new Date(reached.at).toISOString(), submission: state.version, step: state.step };
}

/** The approval facts of the reports in `storage`. */
export function storedApprovals(storage: Storage): ApprovalFacts {
  const repo = approvalRepo(storage);
  return {
    waiting: async (roundId, unitId) => waitingOf(await repo.load(roundId, unitId)),
    approved: async (roundId, unitId) => (await repo.load(roundId, unitId)).status === 'approved',
    reopened: async (roundId, unitId) => {
      const state = await repo.load(roundId, unitId);
      return state.status === 'rejected' ? state.reopened : [];
    },
    reopenedAfterApproval: async (roundId, unitId) =>
      sentBack(await repo.load(roundId, unitId))?.kind === 'reopened',
  };
}
