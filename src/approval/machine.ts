/**
 * The approval state machine, storage-free: filling → submitted (waiting for approver i of the chain) →
 * approved | rejected(sections) → submitted again; withdrawn before anyone decided; approved → reopened
 * (sections back to filling, stored as `rejected`) → submitted again. Each transition is a
 * function (state, input) → new state or a refusal; a refusal changes nothing, so a double tap, a second
 * approver, a card of an earlier submission or a forwarded card can never alter what is stored.
 */
import type { Answers, SectionId } from '../report/template.js';
import { latestSubmission, sentBack, type ApprovalState, type Submission } from './state.js';

/** Why an action was refused; `who` is the approver whose turn it is, when that helps the message. */
export type RefusalCode =
  | 'already_submitted'
  | 'already_approved'
  | 'no_approver'
  | 'not_submitted'
  | 'stale_version'
  | 'not_approver'
  | 'withdrawn'
  | 'rejected'
  | 'already_decided'
  | 'not_your_turn'
  | 'not_filler'
  | 'decided'
  | 'reassigned'
  /** the approved version was reopened (重新打开) and is being fixed */
  | 'reopened'
  /** 重新打开 by someone who is neither an admin of the round nor the unit's last approver */
  | 'not_reopener'
  /** 重新打开 of a report that is not approved */
  | 'not_approved';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  /** the open_id the message names (whose turn it is) */
  who?: string;
  /** the current version, for 「已更新为第 N 版」 */
  version?: number;
}

export type Transition = { ok: true; state: ApprovalState } | Refusal;

const refuse = (code: RefusalCode, extra: Omit<Refusal, 'ok' | 'code'> = {}): Refusal => ({
  ok: false,
  code,
  ...extra,
});

export interface SubmitInput {
  by: string;
  at: number;
  answers: Answers;
  fillers: Record<SectionId, string[]>;
  approvers: string[];
  warnings: string[];
  /** the message of the card submitted from, when it was a card */
  card?: string;
}

/** The refusal for a version being fixed: rejected by an approver, or reopened after its approval (and by whom). */
function backRefusal(state: ApprovalState): Refusal {
  const e = sentBack(state);
  return e?.kind === 'reopened' ? refuse('reopened', { who: e.by }) : refuse('rejected');
}

/** 提交审核: freezes the answers as the next version and hands them to the first approver. */
export function submit(state: ApprovalState, input: SubmitInput): Transition {
  if (state.status === 'submitted') return refuse('already_submitted', { who: currentApprover(state) });
  if (state.status === 'approved') return refuse('already_approved');
  if (!input.approvers.length) return refuse('no_approver');
  const version = state.version + 1;
  const submission: Submission = {
    version,
    answers: structuredClone(input.answers),
    by: input.by,
    at: input.at,
    fillers: structuredClone(input.fillers),
    approvers: [...input.approvers],
    warnings: [...input.warnings],
    ...(input.card ? { card: input.card } : {}),
  };
  return {
    ok: true,
    state: {
      ...state,
      status: 'submitted',
      version,
      step: 0,
      reopened: [],
      submissions: [...state.submissions, submission],
      history: [...state.history, { kind: 'submitted', version, by: input.by, at: input.at }],
    },
  };
}

/** The approver whose turn it is, while the report is under review. */
export function currentApprover(state: ApprovalState): string | undefined {
  if (state.status !== 'submitted') return undefined;
  return latestSubmission(state)?.approvers[state.step];
}

export interface Decision {
  by: string;
  at: number;
  /** the version and chain step written on the tapped card: every decision is bound to them */
  version: number;
  step: number;
}

/** Whether `d.by` may decide now on exactly the version and step the card was made for. */
export function checkTurn(state: ApprovalState, d: Decision): Refusal | undefined {
  const latest = latestSubmission(state);
  if (!latest || !state.status) return refuse('not_submitted');
  if (d.version !== state.version) return refuse('stale_version', { version: state.version });
  if (!latest.approvers.includes(d.by)) {
    // An approver the admin replaced while this version waited for them still holds its card.
    const handed = state.history.findLast(
      (e) => e.kind === 'reassigned' && e.version === state.version && e.from === d.by,
    );
    if (handed?.kind === 'reassigned') return refuse('reassigned', { who: handed.to });
    // A forwarded card reaches someone outside the chain: the card is real, the person is not its approver.
    return refuse('not_approver');
  }
  if (state.status === 'withdrawn') return refuse('withdrawn');
  if (state.status === 'approved') return refuse('already_approved');
  if (state.status === 'rejected') return backRefusal(state);
  const who = latest.approvers[state.step];
  if (d.step !== state.step || who !== d.by) {
    const mine = latest.approvers.indexOf(d.by);
    return refuse(mine < state.step || d.step < state.step ? 'already_decided' : 'not_your_turn', { who });
  }
  return undefined;
}

/** 通过: passes the report to the next approver, or approves it when this is the last one. */
export function approve(state: ApprovalState, d: Decision): Transition {
  const refusal = checkTurn(state, d);
  if (refusal) return refusal;
  const chain = latestSubmission(state)!.approvers;
  const last = state.step === chain.length - 1;
  const event = { version: state.version, by: d.by, at: d.at, step: state.step };
  return {
    ok: true,
    state: last
      ? { ...state, status: 'approved', history: [...state.history, { kind: 'approved', ...event }] }
      : { ...state, step: state.step + 1, history: [...state.history, { kind: 'passed', ...event }] },
  };
}

/** 驳回: sends the chosen sections back with a reason; the rest of the report stays locked. */
export function reject(
  state: ApprovalState,
  d: Decision & { reason: string; sections: SectionId[]; byName?: string },
): Transition {
  const refusal = checkTurn(state, d);
  if (refusal) return refusal;
  const event = {
    kind: 'rejected' as const,
    version: state.version,
    by: d.by,
    at: d.at,
    step: state.step,
    reason: d.reason,
    sections: [...d.sections],
    ...(d.byName ? { byName: d.byName } : {}),
  };
  return {
    ok: true,
    state: {
      ...state,
      status: 'rejected',
      reopened: [...d.sections],
      rejectedVersion: state.version,
      history: [...state.history, event],
    },
  };
}

/** Who asks to reopen, on which version, why and which sections go back; `admins` are the round's. */
export interface ReopenInput {
  by: string;
  at: number;
  /** the approved version written on the tapped card */
  version: number;
  reason: string;
  sections: SectionId[];
  admins: string[];
  byName?: string;
}

/** Whether `by` may reopen the approved report: an admin of the round, or the approver who approved it. */
export function mayReopen(state: ApprovalState, by: string, admins: string[]): boolean {
  if (admins.includes(by)) return true;
  const approved = state.history.findLast((e) => e.kind === 'approved' && e.version === state.version);
  const last = latestSubmission(state)?.approvers.at(-1);
  return by === last || approved?.by === by;
}

/**
 * Whether the report may be reopened now by `r.by` on the card's version: undefined, or the refusal. The same
 * checks as `reopen`, without a reason or sections yet (the form is not shown to someone who would be refused).
 */
export function checkReopen(
  state: ApprovalState,
  r: Pick<ReopenInput, 'by' | 'version' | 'admins'>,
): Refusal | undefined {
  const latest = latestSubmission(state);
  if (!latest || !state.status) return refuse('not_submitted');
  if (!mayReopen(state, r.by, r.admins)) return refuse('not_reopener', { who: latest.approvers.at(-1) });
  const back = sentBack(state);
  // A second tap, or a second admin, after the report was reopened: say by whom, change nothing.
  if (back?.kind === 'reopened' && back.version === r.version) return refuse('reopened', { who: back.by });
  if (state.status !== 'approved') return refuse('not_approved');
  if (r.version !== state.version) return refuse('stale_version', { version: state.version });
  return undefined;
}

/**
 * 重新打开: the approved version goes back to filling for the chosen sections (the others stay locked, as after a
 * rejection); it stays in the history as approved, and the next submission is compared with it.
 */
export function reopen(state: ApprovalState, r: ReopenInput): Transition {
  const refusal = checkReopen(state, r);
  if (refusal) return refusal;
  const event = {
    kind: 'reopened' as const,
    version: state.version,
    by: r.by,
    at: r.at,
    reason: r.reason,
    sections: [...r.sections],
    ...(r.byName ? { byName: r.byName } : {}),
  };
  return {
    ok: true,
    state: {
      ...state,
      status: 'rejected',
      reopened: [...r.sections],
      rejectedVersion: state.version,
      history: [...state.history, event],
    },
  };
}

/** 撤回: a filler takes the submission back before any approver decided on it. */
export function withdraw(state: ApprovalState, w: { by: string; at: number; version: number }): Transition {
  const latest = latestSubmission(state);
  if (!latest || !state.status) return refuse('not_submitted');
  if (w.version !== state.version) return refuse('stale_version', { version: state.version });
  if (!Object.values(latest.fillers).some((ids) => ids.includes(w.by))) return refuse('not_filler');
  if (state.status === 'withdrawn') return refuse('withdrawn');
  if (state.status === 'approved') return refuse('already_approved');
  if (state.status === 'rejected') return backRefusal(state);
  if (state.step > 0) return refuse('decided', { who: currentApprover(state) });
  return {
    ok: true,
    state: {
      ...state,
      status: 'withdrawn',
      history: [...state.history, { kind: 'withdrawn', version: state.version, by: w.by, at: w.at }],
    },
  };
}

/**
 * The admin changed a unit's approval chain to `chain` while its report waits: the waiting submission follows.
 * The steps already passed stay; the approver whose turn it is keeps it when still in the new chain (the steps
 * after follow the new chain from their place in it), else the new chain's approver at the same step (its last,
 * when the new chain is shorter) takes the report. Undefined when nothing changes: no report waiting, or its
 * way ahead is the same. Only the chain changes; the answers stay frozen and the version is the same, so the
 * new approver decides on exactly what was submitted.
 */
export function reassign(
  state: ApprovalState,
  r: { by: string; at: number; chain: string[] },
): ApprovalState | undefined {
  const latest = latestSubmission(state);
  if (state.status !== 'submitted' || !latest || !r.chain.length) return undefined;
  const from = latest.approvers[state.step];
  const kept = r.chain.indexOf(from);
  const ahead = r.chain.slice(kept >= 0 ? kept : Math.min(state.step, r.chain.length - 1));
  const approvers = [...latest.approvers.slice(0, state.step), ...ahead];
  if (approvers.join('\n') === latest.approvers.join('\n')) return undefined;
  const event = {
    kind: 'reassigned' as const,
    version: state.version,
    by: r.by,
    at: r.at,
    step: state.step,
    from,
    to: approvers[state.step],
    approvers,
  };
  return {
    ...state,
    submissions: state.submissions.map((s) => (s.version === state.version ? { ...s, approvers } : s)),
    history: [...state.history, event],
  };
}
