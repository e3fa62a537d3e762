/**
 * The card a person should be looking at now, whatever card they tapped: an approval card is a snapshot, and
 * after a decision, a withdrawal or a resubmission its buttons point at a state that is gone. A tap on such a
 * card is answered with the current card in its place (and a toast saying why), and the card a filler
 * submitted from is patched to the outcome when an approver decides; no card is left with dead buttons.
 */
import { SECTION_BY_ID } from '../report/template.js';
import type { UnitRef } from '../rounds/round-repo.js';
import type { ApprovalReply, ApprovalScreen } from './context.js';
import { checkTurn, type Refusal, type RefusalCode } from './machine.js';
import type { ApprovalNotice } from './notice.js';
import { refusalText } from './refusals.js';
import { peopleOf, reviewView, type Names, type ReviewView } from './review-view.js';
import { latestSubmission, sentBack, type ApprovalState, type HistoryEvent } from './state.js';
import { approvalRepo } from './repo.js';
import { refusalToast } from './settled.js';
import type { ApprovalDeps } from './context.js';

/** Refusals that mean the tapped card shows a state that is gone (not: the person may not act on it at all). */
const OUTDATED: RefusalCode[] = [
  'stale_version',
  'withdrawn',
  'rejected',
  'already_approved',
  'already_decided',
  'decided',
  'already_submitted',
  'reopened',
];

const lastEvent = <K extends HistoryEvent['kind']>(state: ApprovalState, kind: K) =>
  state.history.findLast((e) => e.kind === kind && e.version === state.version) as
    Extract<HistoryEvent, { kind: K }> | undefined;

/** The outcome line an approver's card shows when it is not their turn. */
function outcome(state: ApprovalState, refusal: Refusal, names: Names): ReviewView['outcome'] {
  const color = state.status === 'approved' ? 'green' : state.status === 'rejected' ? 'red' : 'grey';
  return { text: refusalText(refusal, names), color };
}

/**
 * The notice of the report's current state as a filler reads it, or undefined before any submission. Every
 * filler of the report gets the same facts: who decided, the reason, which sections went back to whom.
 */
export function fillerNotice(
  ref: UnitRef,
  state: ApprovalState,
  openId: string,
  names: Names,
): ApprovalNotice | undefined {
  const sub = latestSubmission(state);
  if (!sub || !state.status) return undefined;
  const base = {
    ids: { round_id: ref.round.id, unit_id: ref.unit.id },
    unitName: ref.unit.name,
    year: ref.round.year,
    version: sub.version,
    names,
  };
  switch (state.status) {
    case 'submitted': {
      const passed = lastEvent(state, 'passed');
      const current = sub.approvers[state.step];
      if (state.step > 0 && passed) return { ...base, kind: 'passed', by: passed.by, next: current };
      return { ...base, kind: 'submitted', by: sub.by, approvers: sub.approvers, current, canWithdraw: true };
    }
    case 'rejected': {
      if (sentBack(state)?.kind === 'reopened') return reopenedNotice(ref, state, openId, names, 'filler');
      const e = lastEvent(state, 'rejected');
      if (!e) return undefined;
      return {
        ...base,
        kind: 'rejected',
        by: e.by,
        reason: e.reason,
        sections: e.sections.map((id) => ({
          id,
          heading: SECTION_BY_ID.get(id)!.heading,
          fillers: sub.fillers[id] ?? [],
          mine: (sub.fillers[id] ?? []).includes(openId),
        })),
      };
    }
    case 'approved':
      return { ...base, kind: 'approved', by: lastEvent(state, 'approved')?.by ?? sub.approvers.at(-1)! };
    case 'withdrawn':
      return { ...base, kind: 'withdrawn', by: lastEvent(state, 'withdrawn')?.by ?? sub.by, byFiller: true };
  }
}

/** The notice of a reopened report for one person; `role` decides what their card asks of them. */
export function reopenedNotice(
  ref: UnitRef,
  state: ApprovalState,
  openId: string,
  names: Names,
  role: 'actor' | 'filler' | 'other',
): ApprovalNotice | undefined {
  const e = state.history.findLast((h) => h.kind === 'reopened' && h.version === state.version);
  if (e?.kind !== 'reopened') return undefined;
  return {
    kind: 'reopened',
    ids: { round_id: ref.round.id, unit_id: ref.unit.id },
    unitName: ref.unit.name,
    year: ref.round.year,
    version: e.version,
    by: e.by,
    names,
    reason: e.reason,
    role,
    sections: e.sections.map((id) => {
      const fillers = ref.unit.fillers[id] ?? [];
      return { id, heading: SECTION_BY_ID.get(id)!.heading, fillers, mine: fillers.includes(openId) };
    }),
  };
}

/**
 * The card `openId` should see now: an approver of the latest submission its approver card (with 通过 / 驳回
 * when it is their turn, else what happened), a filler the notice of the current state; undefined for anyone
 * else (a forwarded card shows nothing new to a stranger).
 */
export function currentScreen(
  ref: UnitRef,
  state: ApprovalState,
  openId: string,
  names: Names,
): ApprovalScreen | undefined {
  const sub = latestSubmission(state);
  if (!sub || !state.status) return undefined;
  if (sub.approvers.includes(openId)) {
    const view = reviewView(ref, state, sub, names);
    const refusal = checkTurn(state, { by: openId, at: 0, version: sub.version, step: state.step });
    if (refusal) view.outcome = outcome(state, refusal, names);
    return { kind: 'review', view };
  }
  const fills =
    Object.values(sub.fillers).some((ids) => ids.includes(openId)) ||
    Object.values(ref.unit.fillers).some((ids) => ids.includes(openId));
  if (!fills) return undefined;
  const notice = fillerNotice(ref, state, openId, names);
  return notice ? { kind: 'notice', notice } : undefined;
}

/**
 * The answer to a refused tap: when the card is outdated, the current card in its place and a toast saying why
 * it changed; otherwise (not your turn, not your report) only the toast.
 */
export async function outdatedAnswer(
  d: ApprovalDeps,
  ref: UnitRef,
  openId: string,
  refusal: Refusal,
): Promise<ApprovalReply> {
  if (!OUTDATED.includes(refusal.code)) return refusalToast(d, refusal);
  const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
  const names = await d.names(peopleOf(state, ref));
  const screen = currentScreen(ref, state, openId, names);
  if (!screen) return refusalToast(d, refusal);
  return {
    toast: { type: 'warning', content: `${refusalText(refusal, names)}（卡片已更新）` },
    screen,
    sends: [],
    files: [],
  };
}

/**
 * The patch of the card the latest submission was made from, to what its submitter should see now; none when
 * it was submitted by typing 提交审核 (no card to patch).
 */
export function submitterPatch(
  ref: UnitRef,
  state: ApprovalState,
  names: Names,
  key: string,
): NonNullable<ApprovalReply['patches']> {
  const sub = latestSubmission(state);
  if (!sub?.card) return [];
  const screen = currentScreen(ref, state, sub.by, names);
  return screen ? [{ messageId: sub.card, screen, key }] : [];
}
