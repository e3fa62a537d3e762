/**
 * Approvals in storage: one small collection per report (`approvals/<round>/<unit>`, beside the draft's
 * `reports/<round>/<unit>`), holding one ApprovalState, so a decision is one atomic write of one small file.
 * Updates of one report's approval run one at a time in this process: two approvers (or a double tap
 * delivered twice) must not both read the old state and both decide.
 */
import type { Storage, Store } from '../../storage/store.js';
import { emptyApproval, type ApprovalState } from './state.js';

const SCHEMA = { version: 1 };
const KEY = 'state';

export interface ApprovalRepo {
  /** the stored approval (an empty one when the report was never submitted) */
  load(roundId: string, unitId: string): Promise<ApprovalState>;
  /** true when something was ever stored for the report */
  exists(roundId: string, unitId: string): Promise<boolean>;
  /**
   * Runs `change` on the current state with no other update of the same report's approval in between; stores
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

const CHAINS = new WeakMap<Storage, Map<string, Promise<unknown>>>();

/** The collection name of a report's approval. */
export const approvalCollection = (roundId: string, unitId: string) => `approvals/${roundId}/${unitId}`;

/** Approvals kept in `storage`. */
export function approvalRepo(storage: Storage): ApprovalRepo {
  let chains = CHAINS.get(storage);
  if (!chains) CHAINS.set(storage, (chains = new Map()));
  const locks = chains;
  const open = (roundId: string, unitId: string): Promise<Store<ApprovalState>> =>
    storage.open<ApprovalState>(approvalCollection(roundId, unitId), SCHEMA);

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
      const key = `${roundId}/${unitId}`;
      const before = locks.get(key) ?? Promise.resolve();
      const run = before
        .catch(() => undefined)
        .then(async () => {
          const { state, result } = await change(await load(roundId, unitId));
          if (state) await (await open(roundId, unitId)).write(KEY, state);
          return result;
        });
      const tail = run.catch(() => undefined);
      locks.set(key, tail);
      void tail.then(() => {
        if (locks.get(key) === tail) locks.delete(key);
      });
      return run;
    },
  };
}
