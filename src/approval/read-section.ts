/**
 * 阅读全文 on the approver card: one section of a submission with its whole text. The approver card holds six
 * sections, three tables and the diff in Feishu's 30 KB, so a long section is shortened there; here it is read
 * in full, inside Feishu, a page at a time when even one section is longer than a card.
 */
import {
  isInvolved,
  NOT_FOUND,
  toastOnly,
  unitOf,
  type ApprovalDeps,
  type ApprovalReply,
} from './context.js';
import type { ApprovalValue } from './actions.js';
import { approvalRepo } from './repo.js';
import { peopleOf, reviewView } from './review-view.js';
import { submissionOf } from './state.js';

/** The section card of the tapped submission, for whoever takes part in the report. */
export async function readSection(
  d: ApprovalDeps,
  openId: string,
  value: ApprovalValue<'read_section'>,
): Promise<ApprovalReply> {
  const ref = await unitOf(d.storage, value);
  if (!ref) return NOT_FOUND;
  const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
  const sub = submissionOf(state, value.submission);
  if (!sub) return NOT_FOUND;
  if (!isInvolved(ref, openId) && !sub.approvers.includes(openId))
    return toastOnly('error', '你不是这个单位的填报人、审核人或管理员，不能查看');
  const view = reviewView(ref, state, sub, await d.names(peopleOf(state, ref)), value.step);
  return {
    screen: { kind: 'section', view, section: value.section, page: value.page },
    sends: [],
    files: [],
  };
}
