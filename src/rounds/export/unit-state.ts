/**
 * Where a unit's report stands in the workbook, and which answers its row shows: the approved version once
 * approved, the latest submission while it is with the approvers (or sent back), the draft otherwise.
 */
import type { SectionState } from '../../filling/progress.js';
import {
  approvedVersions,
  latestSubmission,
  submissionOf,
  type ApprovalState,
} from '../../approval/state.js';
import type { ReportDraft } from '../../filling/draft.js';
import type { Answers, SectionId } from '../../report/template.js';

/** The five states of the workbook's 状态 column. */
export type ExportState = 'not_started' | 'filling' | 'waiting' | 'rejected' | 'approved';

/** The 状态 column's words; the 合计（已通过） formula matches APPROVED_LABEL. */
export const EXPORT_STATE_LABEL: Record<ExportState, string> = {
  not_started: '未开始',
  filling: '填报中',
  waiting: '待审核',
  rejected: '已驳回',
  approved: '已通过',
};

export const APPROVED_LABEL = EXPORT_STATE_LABEL.approved;

/** The answers a unit's row shows and where they come from. */
export interface ShownAnswers {
  answers: Answers;
  /**
   * `version`: a submission — approved, sent for review, or approved and then reopened (重新打开) to be fixed;
   * `draft`: the answers being filled
   */
  source: { kind: 'approved' | 'submission' | 'reopened'; version: number } | { kind: 'draft' };
}

/** A unit's state from its approval and its sections' filling states. Pure. */
export function exportState(approval: ApprovalState, sections: Record<SectionId, SectionState>): ExportState {
  if (approval.status === 'approved') return 'approved';
  if (approval.status === 'submitted') return 'waiting';
  if (approval.status === 'rejected') return 'rejected';
  // Never submitted, withdrawn, or a state this module does not know yet (reopened): being filled.
  const started = Object.values(sections).some((s) => s !== 'not_started');
  return started || approval.version > 0 ? 'filling' : 'not_started';
}

/** The approved version of an approved report (its last approval), if any. */
export function approvedVersion(approval: ApprovalState): number | undefined {
  return approval.status === 'approved' ? approvedVersions(approval).at(-1) : undefined;
}

/** The answers a row shows for `state`. Pure. */
export function shownAnswers(state: ExportState, approval: ApprovalState, draft: ReportDraft): ShownAnswers {
  const approved = approvedVersion(approval);
  const sub = approved !== undefined ? submissionOf(approval, approved) : undefined;
  if (state === 'approved' && sub)
    return { answers: sub.answers, source: { kind: 'approved', version: sub.version } };
  const latest = latestSubmission(approval);
  if ((state === 'waiting' || state === 'rejected') && latest) {
    const reopened = state === 'rejected' && approvedVersions(approval).includes(latest.version);
    return {
      answers: latest.answers,
      source: { kind: reopened ? 'reopened' : 'submission', version: latest.version },
    };
  }
  return { answers: draft.answers, source: { kind: 'draft' } };
}

/** The 状态 column for a unit: 「已重新打开」 for an approved report reopened to be fixed, not 「已驳回」. */
export function stateLabel(r: { state: ExportState; source: ShownAnswers['source'] }): string {
  return r.state === 'rejected' && r.source.kind === 'reopened' ? '已重新打开' : EXPORT_STATE_LABEL[r.state];
}

/** The 数据来源 column: 「第 2 版（审核通过）」, 「第 1 版送审稿」, 「第 2 版（通过后已重新打开）」, 「填报草稿」. */
export function sourceLabel(source: ShownAnswers['source']): string {
  if (source.kind === 'approved') return `第 ${source.version} 版（审核通过）`;
  if (source.kind === 'submission') return `第 ${source.version} 版送审稿`;
  if (source.kind === 'reopened') return `第 ${source.version} 版（通过后已重新打开）`;
  return '填报草稿';
}
