/**
 * Where a report stands in its review, as the filling cards (填报, 进度) show it: submitted and waiting for whom,
 * approved by whom, or rejected with the sections sent back. Pure: the service resolves the names afterwards.
 * The cards offer only the buttons that work in that state (issue 11 §2.2, §2.9): a locked section opens
 * read-only, an approved report offers its Word file instead of 查看修改 and 提交审核.
 */
import { currentApprover } from '../approval/machine.js';
import { latestSubmission, sentBack, type ApprovalState } from '../approval/state.js';
import { SECTIONS, type SectionId } from '../report/template.js';
import { sectionsOf, type Unit } from '../rounds/round.js';
import type { ReportDraft } from './draft.js';
import { sectionState } from './progress.js';
import type { Answers } from '../report/template.js';

/** The review of a report that was submitted at least once and not withdrawn since. */
export interface ReviewStanding {
  status: 'submitted' | 'approved' | 'rejected';
  /** the latest submission's version: the one waiting, approved or rejected */
  version: number;
  /** when it was submitted (submitted) or decided (approved, rejected), ms since epoch */
  at: number;
  /** who has it now (submitted), who approved or who rejected it: an open_id until the service names it */
  who: string;
  /** the approver whose turn it is (submitted) as an open_id, for the 去审核 button of that approver */
  approver?: string;
  /** the chain step it waits at (submitted) */
  step: number;
  /** after a rejection: the sections sent back, the only ones that may change */
  reopened: SectionId[];
  /** the rejection's reason (or the reopen's) */
  reason?: string;
  /** sent back by a reopen of the approved version (重新打开), not by an approver's 驳回 */
  byReopen?: boolean;
  /** submitted and nobody has decided yet: a filler may still take it back (撤回) */
  withdrawable: boolean;
}

/** The review standing of a report, or undefined when it was never submitted or was withdrawn (filling again). */
export function reviewStanding(state: ApprovalState): ReviewStanding | undefined {
  const latest = latestSubmission(state);
  if (!latest || !state.status || state.status === 'withdrawn') return undefined;
  const base = { version: latest.version, step: state.step, reopened: state.reopened };
  if (state.status === 'submitted') {
    const approver = currentApprover(state) ?? latest.approvers[0] ?? latest.by;
    return {
      ...base,
      status: 'submitted',
      at: latest.at,
      who: approver,
      approver,
      withdrawable: state.step === 0,
    };
  }
  // A version sent back by a reopen was approved first: the reopen is what the cards report.
  const decision =
    sentBack(state) ??
    [...state.history].reverse().find((e) => e.version === latest.version && e.kind === state.status);
  return {
    ...base,
    status: state.status,
    at: decision?.at ?? latest.at,
    who: decision?.by ?? latest.by,
    ...(decision?.kind === 'rejected' || decision?.kind === 'reopened' ? { reason: decision.reason } : {}),
    ...(decision?.kind === 'reopened' ? { byReopen: true } : {}),
    withdrawable: false,
  };
}

/** True when the section cannot be changed in this standing (the same rule as approval/state.ts isSectionLocked). */
export function lockedIn(review: ReviewStanding | undefined, section: SectionId): boolean {
  if (!review) return false;
  return review.status === 'rejected' ? !review.reopened.includes(section) : true;
}

/**
 * True when the scheduler would remind this person about this unit (reminders/audience.ts lateFillers): one of
 * their sections is unfinished, or sent back by an approver; nobody while the report is with the approvers or
 * approved. The 进度 card announces a next reminder only then.
 */
export function owesFilling(
  draft: ReportDraft,
  unit: Unit,
  openId: string,
  review: ReviewStanding | undefined,
  previous?: Answers,
): boolean {
  const mine = sectionsOf(unit, openId);
  if (!mine.length) return false;
  if (review?.status === 'submitted' || review?.status === 'approved') return false;
  const reopened = new Set(review?.status === 'rejected' ? review.reopened : []);
  return SECTIONS.some(
    (s) => mine.includes(s.id) && (reopened.has(s.id) || sectionState(draft, s.id, previous) !== 'complete'),
  );
}

/** Turns an open_id into a display name (the contact API, possibly slow). */
export type NameOf = (openId: string) => string | Promise<string>;

/** The review standing with the name of who has or decided it, for the cards. */
export async function namedReview(state: ApprovalState, names: NameOf): Promise<ReviewStanding | undefined> {
  const review = reviewStanding(state);
  return review && { ...review, who: await names(review.who) };
}
