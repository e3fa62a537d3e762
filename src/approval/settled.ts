/**
 * What every decision's answer starts with, whichever decision it was (通过, 驳回, 撤回): a refused one becomes
 * a toast naming whose turn it is; a settled one gives the submission and the common part of its notices.
 */
import type { UnitRef } from '../rounds/round-repo.js';
import { toastOnly, type ApprovalDeps, type ApprovalReply } from './context.js';
import type { Refusal } from './machine.js';
import { refusalText } from './refusals.js';
import { peopleOf, type ReviewIds } from './review-view.js';
import { latestSubmission, type ApprovalState, type Submission } from './state.js';

/** The toast for a refused decision, with the name of the person it refers to. */
export async function refusalToast(d: ApprovalDeps, refusal: Refusal): Promise<ApprovalReply> {
  return toastOnly('warning', refusalText(refusal, await d.names(refusal.who ? [refusal.who] : [])));
}

/** The latest submission after a decision, and the fields every notice about it carries. */
export async function settledNotice(
  d: ApprovalDeps,
  ref: UnitRef,
  state: ApprovalState,
  ids: ReviewIds,
  by: string,
) {
  const sub: Submission = latestSubmission(state)!;
  const names = await d.names(peopleOf(state, ref));
  return {
    sub,
    base: { ids, unitName: ref.unit.name, year: ref.round.year, version: sub.version, by, names },
  };
}
