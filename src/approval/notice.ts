/** The short cards of the approval flow, as data: what happened, to which version, by whom. */
import type { SectionId } from '../report/template.js';
import type { Names, ReviewIds } from './review-view.js';

interface NoticeBase {
  ids: ReviewIds;
  unitName: string;
  year: number;
  version: number;
  /** who acted */
  by: string;
  names: Names;
}

export type ApprovalNotice =
  /** to the fillers: sent, to whom; 撤回 while nobody decided */
  | (NoticeBase & { kind: 'submitted'; approvers: string[]; current: string; canWithdraw: boolean })
  /**
   * to every filler and the submitter: the reason and which sections went back to whom; each sees which are
   * theirs (none: their sections stay locked, nothing to do)
   */
  | (NoticeBase & {
      kind: 'rejected';
      reason: string;
      sections: { id: SectionId; heading: string; mine: boolean; fillers: string[] }[];
    })
  /**
   * to everyone involved (the unit's fillers, its approvers, the round's admins) and to whoever reopened it:
   * the approved `version` went back to filling for `sections`, why, by whom; a filler sees which are theirs,
   * with a button into each. `role` says whose card it is.
   */
  | (NoticeBase & {
      kind: 'reopened';
      reason: string;
      sections: { id: SectionId; heading: string; mine: boolean; fillers: string[] }[];
      role: 'actor' | 'filler' | 'other';
    })
  /** to every filler: an earlier approver passed the report on */
  | (NoticeBase & { kind: 'passed'; next: string })
  /** to every filler and approver: approved by the last approver */
  | (NoticeBase & { kind: 'approved' })
  /** to the approver whose turn it was: the filler took it back */
  | (NoticeBase & { kind: 'withdrawn'; byFiller: boolean })
  /** the approver's own card after deciding */
  | (NoticeBase & {
      kind: 'decided';
      decision: 'passed' | 'approved' | 'rejected';
      next?: string;
      reason?: string;
      sections?: string[];
    });
