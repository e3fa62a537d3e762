/**
 * Approvals in storage: one small collection per report (`approvals/<round>/<unit>`, beside the draft's
 * `reports/<round>/<unit>`), holding one ApprovalState, so a decision is one atomic write of one small file.
 * Updates run in the report's critical section (filling/report-lock.ts), shared with its draft: two approvers
 * (or a double tap delivered twice) must not both read the old state and both decide.
 */
import type { Storage, Store } from '../../storage/store.js';
import { inReportLock } from '../filling/report-lock.js';
import { emptyApproval, type ApprovalState } from './state.js';

const SCHEMA = { version: 1 };
const KEY = 'state';

export interface ApprovalRepo {
  /** the stored approval (an empty one when the report was never submitted) */
  load(roundId: string, unitId: string): Promise<ApprovalState>;
  /** true when something was ever stored for the report */
  exists(roundId: string, unitId: string): Promise<boolean>;
  /**
   * Runs `change` on the current state with no other change of the same report (its approval or its draft) in
   * between, in the report's critical section; stores
   * the state it returns unless it returns undefined (a refusal stores nothing).
   */
  update<R>(
    roundId: string,
    unitId: string,
    change: (
      state: ApprovalState,
    ) => Promise<{ state?: ApprovalState; result: R }> | { state?: ApprovalState; result: R },
  ): Promise<R>;
}

/** The collection name of a report's approval. */
export const approvalCollection = (roundId: string, unitId: string) => `approvals/${roundId}/${unitId}`;

const openApproval = (storage: Storage, roundId: string, unitId: string): Promise<Store<ApprovalState>> =>
  storage.open<ApprovalState>(approvalCollection(roundId, unitId), SCHEMA);

/** Stores the state as is: only for code already in the report's critical section (report-change.ts). */
export async function writeApprovalInLock(
  storage: Storage,
  roundId: string,
  unitId: string,
  state: ApprovalState,
): Promise<void> {
  await (await openApproval(storage, roundId, unitId)).write(KEY, state);
}

/** Approvals kept in `storage`. */
export function approvalRepo(storage: Storage): ApprovalRepo {
  const open = (roundId: string, unitId: string) => openApproval(storage, roundId, unitId);

  async function load(roundId: string, unitId: string): Promise<ApprovalState> {
    return (await (await open(roundId, unitId)).read(KEY)) ?? emptyApproval();
  }

  return {
    load,
    async exists(roundId, unitId) {
      const names = await storage.list(`approvals/${roundId}/`);
      return names.includes(approvalCollection(roundId, unitId));
    },
    update(roundId, unitId, change) {
      return inReportLock(storage, roundId, unitId, async () => {
        const { state, result } = await change(await load(roundId, unitId));
        if (state) await writeApprovalInLock(storage, roundId, unitId, state);
        return result;
      });
    },
  };
}
