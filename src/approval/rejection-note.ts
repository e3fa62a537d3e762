/**
 * The rejection a filler is fixing, as the step cards of the sections sent back show it: the reason, who gave
 * it and when. It stays there until the report is submitted again (the approver's card was the only place it
 * could be read before, and it was replaced by the first step card opened).
 */
import type { SectionId } from '../report/template.js';
import { sentBack, type ApprovalState } from './state.js';

export interface RejectionNote {
  reason: string;
  /** the approver's display name (the open_id when the name was not known) */
  by: string;
  /** ms since epoch */
  at: number;
  /** the sections sent back */
  sections: SectionId[];
  /** sent back by a reopen of the approved version (重新打开), not by an approver's 驳回 */
  reopened?: boolean;
}

/**
 * The rejection (or reopen) being fixed, or undefined when the report is not sent back (never, or resubmitted
 * since).
 */
export function rejectionNote(state: ApprovalState | undefined): RejectionNote | undefined {
  const e = sentBack(state);
  if (!e || !state) return undefined;
  return {
    reason: e.reason,
    by: e.byName ?? e.by,
    at: e.at,
    sections: [...state.reopened],
    ...(e.kind === 'reopened' ? { reopened: true } : {}),
  };
}
