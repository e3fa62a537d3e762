/**
 * What the filling flow asks, inside the report's critical section, before it changes a report: is this section
 * locked by the review? A report under review or approved is read-only; after a rejection only the sections sent
 * back may change.
 */
import type { SectionId } from '../report/template.js';
import { isSectionLocked, sentBack, type ApprovalState } from './state.js';

/**
 * The sentence for a locked section given the approval state, or undefined when it may be filled. Pure, so a
 * change can ask it inside the report's critical section (report-change.ts) about the state it will write on.
 */
export function lockReason(state: ApprovalState | undefined, section: SectionId): string | undefined {
  if (!isSectionLocked(state, section)) return undefined;
  if (state?.status === 'approved') return '这份年报已审核通过，不能再修改';
  if (state?.status === 'rejected')
    return sentBack(state)?.kind === 'reopened'
      ? '重新打开时只开放了其他部分，这一部分保持锁定，不能修改'
      : '审核人只退回了其他部分，这一部分保持锁定，不能修改';
  return '年报已提交审核，审核期间不能修改；如需修改，请先撤回';
}
