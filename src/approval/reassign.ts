/**
 * An approver replaced while a report waits for them (the admin changed the unit's chain on its card): the
 * waiting submission follows the new chain (machine.ts reassign), the approver it now waits for gets the same
 * approver card and Word file a submission sends, and the one it was taken from and the filler who submitted
 * are told. Without this the report would wait for someone who is on leave, with nobody able to decide.
 */
import type { UnitRef } from '../rounds/round-repo.js';
import { decisionKey, type ApprovalDeps, type ApprovalReply } from './context.js';
import { reassign } from './machine.js';
import { approvalRepo } from './repo.js';
import { peopleOf, reviewView } from './review-view.js';
import { latestSubmission, type ApprovalState } from './state.js';

/**
 * Makes the unit's waiting report follow `ref.unit.approvers` (the chain just saved), as `by` (the admin, or
 * `cli`); undefined when no report waits or its way ahead did not change.
 */
export async function followNewChain(
  d: ApprovalDeps,
  ref: UnitRef,
  by: string,
): Promise<ApprovalReply | undefined> {
  const at = d.now();
  const state = await approvalRepo(d.storage).update<ApprovalState | undefined>(
    ref.round.id,
    ref.unit.id,
    (current) => {
      const next = reassign(current, { by, at, chain: ref.unit.approvers });
      return next ? { state: next, result: next } : { result: undefined };
    },
  );
  const event = state?.history.at(-1);
  if (!state || event?.kind !== 'reassigned') return undefined;
  const sub = latestSubmission(state)!;
  const names = await d.names(peopleOf(state, ref));
  const name = (id: string) => names[id] ?? id;
  if (event.from === event.to)
    return {
      toast: { type: 'info', content: `等待 ${name(event.to)} 审核的第 ${sub.version} 版按新的审核顺序继续` },
      sends: [],
      files: [],
    };
  // Keyed by how many times this version changed hands: a second hand-over of the same version is news too.
  const turn = state.history.filter(
    (e) => e.kind === 'reassigned' && e.version === sub.version && e.from !== e.to,
  ).length;
  const key = decisionKey(ref, sub.version, `handover${turn}`);
  const report = `${ref.unit.name}的年报（第 ${sub.version} 版）`;
  const why = by === 'cli' ? '管理员调整了审核人' : `${name(by)}调整了审核人`;
  return {
    toast: { type: 'success', content: `第 ${sub.version} 版已转给 ${name(event.to)} 审核` },
    sends: [
      {
        to: event.to,
        screen: { kind: 'review', view: reviewView(ref, state, sub, names) },
        key: `${key}:review`,
      },
    ],
    files: [
      {
        ref,
        file: { year: ref.round.year, unit: ref.unit.name, answers: sub.answers },
        version: sub.version,
        final: false,
        to: [event.to],
        key: `${key}:file`,
      },
    ],
    texts: [
      {
        to: event.from,
        text: `${report}已转给 ${name(event.to)} 审核（${why}），你不用再审核了，之前收到的审核卡片不再有效。`,
        key: `${key}:from`,
      },
      ...(sub.by !== event.from && sub.by !== event.to
        ? [
            {
              to: sub.by,
              text: `${report}已转给 ${name(event.to)} 审核（${why}）。`,
              key: `${key}:submitter`,
            },
          ]
        : []),
    ],
  };
}
