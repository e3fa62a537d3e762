/**
 * What the reminders need to know about approval, behind a small interface so reminders do not depend on how
 * approval stores its state (src/approval is built in parallel).
 */
import type { SectionId } from '../report/template.js';

/** A report submitted for review and waiting for one approver. */
export interface Waiting {
  /** open_id of the approver whose turn it is */
  approver: string;
  /** when it reached that approver, ISO 8601 */
  since: string;
  /** the submission's version and the approver's step in the chain: what the approval cards' buttons carry */
  submission?: number;
  step?: number;
}

/** Approval state of each unit's report; methods may answer synchronously or with a promise. */
export interface ApprovalFacts {
  waiting(roundId: string, unitId: string): Waiting | undefined | Promise<Waiting | undefined>;
  approved(roundId: string, unitId: string): boolean | Promise<boolean>;
  /**
   * sections sent back to filling, by an approver (驳回) or by reopening the approved report (重新打开): their
   * fillers owe a change even if the section was complete, and the report counts as not approved
   */
  reopened?(roundId: string, unitId: string): SectionId[] | Promise<SectionId[]>;
  /** the sections were sent back by reopening the approved report (重新打开), not by an approver's 驳回 */
  reopenedAfterApproval?(roundId: string, unitId: string): boolean | Promise<boolean>;
}

/** No approval module: nothing waits for anyone and nothing is approved yet. */
export const NO_APPROVALS: ApprovalFacts = {
  waiting: () => undefined,
  approved: () => false,
};
