/**
 * 提交审核 and 撤回 over storage: re-check the report, freeze it as the next version, hand it to the first
 * approver (card + Word file through the outbox), tell the fillers; or take a submission back before anyone
 * decided.
 */
import { checkReport } from '../report/check.js';
import { changeReport } from '../filling/report-change.js';
import { unitReady } from '../filling/view.js';
import { fillersOf } from '../rounds/round.js';
import type { UnitRef } from '../rounds/round-repo.js';
import {
  closedRound,
  decisionKey,
  NOT_FOUND,
  toastOnly,
  unitOf,
  type ApprovalDeps,
  type ApprovalReply,
  unitToChange,
} from './context.js';
import { submit, withdraw, type Refusal, type Transition } from './machine.js';
import { outdatedAnswer, submitterPatch } from './current.js';
import { settledNotice } from './settled.js';
import { approvalRepo } from './repo.js';
import { peopleOf, reviewView } from './review-view.js';
import { latestSubmission, type ApprovalState } from './state.js';

type Ids = { round_id: string; unit_id: string };

/** The cards and the file that hand the latest submission to the approver whose turn it is. */
export function handOver(ref: UnitRef, state: ApprovalState, names: Record<string, string>): ApprovalReply {
  const sub = latestSubmission(state)!;
  const to = sub.approvers[state.step];
  const key = decisionKey(ref, sub.version, `step${state.step}`);
  return {
    sends: [
      { to, screen: { kind: 'review', view: reviewView(ref, state, sub, names) }, key: `${key}:review` },
    ],
    files: [
      {
        ref,
        file: { year: ref.round.year, unit: ref.unit.name, answers: sub.answers },
        version: sub.version,
        final: false,
        to: [to],
        key: `${key}:file`,
      },
    ],
  };
}

/**
 * 提交审核 from the summary card (`card`: its message, patched with the outcome when an approver decides) or
 * typed in the chat.
 */
export async function submitForReview(
  d: ApprovalDeps,
  openId: string,
  ids: Ids,
  card?: string,
): Promise<ApprovalReply> {
  const ref = await unitOf(d.storage, ids);
  if (!ref) return NOT_FOUND;
  if (!fillersOf(ref.unit).includes(openId)) return toastOnly('error', '只有本单位的填报人才能提交审核');
  const closed = closedRound(ref, '提交审核');
  if (closed) return closed;
  type Outcome = { refusal: Refusal } | { blocked: string } | { state: ApprovalState };
  // One critical section over the draft and the approval: no save lands between reading the draft and
  // freezing it, and a save that comes after sees the report locked.
  const outcome = await changeReport<Outcome>(
    d.storage,
    ref.round.id,
    ref.unit.id,
    ({ draft, previous, approval: state }) => {
      const check = checkReport(draft.answers, previous ? { previous } : {});
      // Already under review or approved: the machine's refusal says so, whatever the draft looks like.
      const open = state.status !== 'submitted' && state.status !== 'approved';
      if (open && !unitReady(draft, previous))
        return { result: { blocked: '还有部分没有填完，填完才能提交审核' } };
      if (open && check.errors.length)
        return { result: { blocked: `还有 ${check.errors.length} 处错误，改完才能提交审核` } };
      const t = submit(state, {
        by: openId,
        at: d.now(),
        answers: draft.answers,
        fillers: ref.unit.fillers,
        approvers: ref.unit.approvers,
        warnings: check.warnings.map((f) => f.message),
        ...(card ? { card } : {}),
      });
      return t.ok ? { approval: t.state, result: { state: t.state } } : { result: { refusal: t } };
    },
  );
  if ('blocked' in outcome) return toastOnly('error', outcome.blocked);
  // Already under review or approved: the summary card tapped is outdated, the current notice replaces it.
  if ('refusal' in outcome) return outdatedAnswer(d, ref, openId, outcome.refusal);
  const state = outcome.state;
  const sub = latestSubmission(state)!;
  const names = await d.names(peopleOf(state, ref));
  const notice = {
    kind: 'submitted' as const,
    ids,
    unitName: ref.unit.name,
    year: ref.round.year,
    version: sub.version,
    by: openId,
    names,
    approvers: sub.approvers,
    current: sub.approvers[0],
    canWithdraw: true,
  };
  const hand = handOver(ref, state, names);
  const others = fillersOf(ref.unit).filter((id) => id !== openId);
  return {
    toast: { type: 'success', content: `已提交审核，已发给 ${names[sub.approvers[0]] ?? sub.approvers[0]}` },
    screen: { kind: 'notice', notice },
    sends: [
      ...hand.sends,
      ...others.map((to) => ({
        to,
        screen: { kind: 'notice' as const, notice },
        key: decisionKey(ref, sub.version, `submitted:${to}`),
      })),
    ],
    files: hand.files,
  };
}

/** 撤回 by a filler, before any approver decided. */
export async function withdrawSubmission(
  d: ApprovalDeps,
  openId: string,
  value: Ids & { submission: number },
): Promise<ApprovalReply> {
  const { ref, instead } = await unitToChange(d.storage, value, '撤回');
  if (!ref) return instead;
  const at = d.now();
  const t = await approvalRepo(d.storage).update<Transition>(ref.round.id, ref.unit.id, (state) => {
    const r = withdraw(state, { by: openId, at, version: value.submission });
    return r.ok ? { state: r.state, result: r } : { result: r };
  });
  if (!t.ok) return outdatedAnswer(d, ref, openId, t);
  const settled = await settledNotice(d, ref, t.state, value, openId);
  const { sub } = settled;
  const base = { kind: 'withdrawn' as const, ...settled.base };
  const approver = sub.approvers[0];
  return {
    toast: { type: 'success', content: '已撤回，可以继续修改' },
    screen: { kind: 'notice', notice: { ...base, byFiller: true } },
    sends: [
      {
        to: approver,
        screen: { kind: 'notice', notice: { ...base, byFiller: false } },
        key: decisionKey(ref, sub.version, 'withdrawn'),
      },
    ],
    files: [],
    // Another filler may have taken it back: the submitter's card loses its 撤回 too.
    patches: submitterPatch(
      ref,
      t.state,
      settled.base.names,
      decisionKey(ref, sub.version, 'card-withdrawn'),
    ),
  };
}
