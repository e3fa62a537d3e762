/**
 * A report's approval as data: every submission is a frozen copy of the answers with a version number, and
 * every submission, decision, reason and withdrawal is kept in `history` with who and when. Stored as one
 * object per report (approval/repo.ts), so a decision is one atomic write.
 */
import type { Answers, SectionId } from '../report/template.js';

/**
 * Where the report stands; undefined in ApprovalState means it was never submitted. `rejected` is "sent back
 * to filling for the sections in `reopened`": by an approver's 驳回, or by a reopen of the approved version
 * (重新打开); the current version's last `rejected` or `reopened` event says which (sentBack below).
 */
export type ApprovalStatus = 'submitted' | 'approved' | 'rejected' | 'withdrawn';

/** One submission: what the approvers decide on. Never changed after it is made. */
export interface Submission {
  version: number;
  answers: Answers;
  /** open_id of the filler who tapped 提交审核 */
  by: string;
  /** ms since epoch */
  at: number;
  /** who filled what, as at submission time (a round edited later does not change it) */
  fillers: Record<SectionId, string[]>;
  /**
   * who approves, first to last, as at submission time; while the submission waits, an admin replacing an
   * approver changes the steps not yet passed (machine.ts reassign, kept in the history as `reassigned`)
   */
  approvers: string[];
  /** the checker's warnings at submission time (they do not block) */
  warnings: string[];
  /**
   * the message of the card the filler tapped 提交审核 on (the summary card): patched to the outcome when an
   * approver decides, so the card in their chat never keeps a 撤回 that can no longer work
   */
  card?: string;
}

export type HistoryEvent =
  | { kind: 'submitted'; version: number; by: string; at: number }
  | { kind: 'withdrawn'; version: number; by: string; at: number }
  /** an approver earlier in the chain passed it on to the next */
  | { kind: 'passed'; version: number; by: string; at: number; step: number }
  | { kind: 'approved'; version: number; by: string; at: number; step: number }
  | {
      kind: 'rejected';
      version: number;
      by: string;
      at: number;
      step: number;
      reason: string;
      sections: SectionId[];
      /** the approver's display name at the time: the fillers' step cards quote it without a contact lookup */
      byName?: string;
    }
  /**
   * an admin of the round or the last approver reopened the approved `version` (重新打开): the chosen sections
   * go back to filling, the rest stay locked, and the approved version stays in the history with its Word file
   */
  | {
      kind: 'reopened';
      version: number;
      by: string;
      at: number;
      reason: string;
      sections: SectionId[];
      /** the display name at the time, as on a rejection */
      byName?: string;
    }
  /**
   * the admin changed the unit's approval chain while this version waited at `step`: it went from `from` to
   * `to` (the same person when only later steps changed), and its chain became `approvers`
   */
  | {
      kind: 'reassigned';
      version: number;
      by: string;
      at: number;
      step: number;
      from: string;
      to: string;
      approvers: string[];
    };

export interface ApprovalState {
  /** format of this object, for migrations */
  schema: 1;
  status?: ApprovalStatus;
  /** the latest submission's version (0 before the first) */
  version: number;
  /** index in the latest submission's approvers of the one whose turn it is */
  step: number;
  /** after a rejection or a reopen: the sections sent back, the only ones the fillers may change */
  reopened: SectionId[];
  /**
   * the version last sent back (rejected, or approved and then reopened): a resubmission shows the approver
   * what changed since it
   */
  rejectedVersion?: number;
  submissions: Submission[];
  history: HistoryEvent[];
}

/** The state of a report that was never submitted. */
export function emptyApproval(): ApprovalState {
  return { schema: 1, version: 0, step: 0, reopened: [], submissions: [], history: [] };
}

/** The submission with this version, if any. */
export function submissionOf(state: ApprovalState, version: number): Submission | undefined {
  return state.submissions.find((s) => s.version === version);
}

/** The latest submission, if any. */
export function latestSubmission(state: ApprovalState): Submission | undefined {
  return submissionOf(state, state.version);
}

/** The versions that were approved by the last approver (their Word file can be fetched again). */
export function approvedVersions(state: ApprovalState): number[] {
  return state.history.filter((e) => e.kind === 'approved').map((e) => e.version);
}

/** True when filling this section is refused: under review, approved, or not among the sections sent back. */
export function isSectionLocked(state: ApprovalState | undefined, section: SectionId): boolean {
  if (!state?.status) return false;
  if (state.status === 'submitted' || state.status === 'approved') return true;
  if (state.status === 'rejected') return !state.reopened.includes(section);
  return false;
}

/** The event that sent the current version back to filling (驳回 or 重新打开), while it is being fixed. */
export function sentBack(
  state: ApprovalState | undefined,
): Extract<HistoryEvent, { kind: 'rejected' | 'reopened' }> | undefined {
  if (state?.status !== 'rejected') return undefined;
  const e = state.history.findLast(
    (h) => (h.kind === 'rejected' || h.kind === 'reopened') && h.version === state.version,
  );
  return e?.kind === 'rejected' || e?.kind === 'reopened' ? e : undefined;
}
