/**
 * "Change report X atomically over its draft and its approval" as one call: the seam every change that must
 * see both goes through (a save refused once the report is under review, a submission freezing the draft it
 * read). With lowdb it is the report's critical section (report-lock.ts) around reading both and writing what
 * the change returns; with a database it becomes one transaction that locks the report's rows (or a
 * compare-and-set on their versions), and no caller changes.
 *
 * The change gets what is stored now and returns what to store; it does no storage I/O of its own, so it
 * reads nothing stale and can run again (a database retrying a transaction) without doing anything twice.
 */
import type { Storage } from '../../storage/store.js';
import { approvalRepo, writeApprovalInLock } from '../approval/repo.js';
import type { ApprovalState } from '../approval/state.js';
import type { Answers } from '../report/template.js';
import { draftRepo, writeDraftInLock } from './draft-repo.js';
import type { ReportDraft } from './draft.js';
import { inReportLock } from './report-lock.js';

/** A report as stored: its draft, last year's answers when imported, and its approval. */
export interface ReportNow {
  draft: ReportDraft;
  previous?: Answers;
  /** an empty approval (no status) when the report was never submitted */
  approval: ApprovalState;
}

/** What a change stores (each part only when given) and what it answers. */
export interface ReportChange<R> {
  draft?: ReportDraft;
  approval?: ApprovalState;
  result: R;
}

/** Runs `change` on report (round, unit) with no other change of the report in between; stores what it returns. */
export function changeReport<R>(
  storage: Storage,
  roundId: string,
  unitId: string,
  change: (now: ReportNow) => ReportChange<R> | Promise<ReportChange<R>>,
): Promise<R> {
  return inReportLock(storage, roundId, unitId, async () => {
    const { draft, previous } = await draftRepo(storage).load(roundId, unitId);
    const approval = await approvalRepo(storage).load(roundId, unitId);
    const out = await change(previous ? { draft, previous, approval } : { draft, approval });
    // Two files and no transaction across them in lowdb: the draft goes first, so a crash in between leaves
    // a saved answer rather than a submission of a draft that was never stored.
    if (out.draft) await writeDraftInLock(storage, roundId, unitId, out.draft);
    if (out.approval) await writeApprovalInLock(storage, roundId, unitId, out.approval);
    return out.result;
  });
}
