/**
 * The approver's taps over storage: 通过 (pass on, or approve as the last one), 驳回 (the form, then the
 * decision), and 返回审核. Every decision is bound to the version and step on the card; a refusal stores nothing.
 */
import { SECTION_BY_ID } from '../report/template.js';
import type { UnitRef } from '../rounds/round-repo.js';
import { fillersOf } from '../rounds/round.js';
import { parseRejectForm } from './actions.js';
import {
  decisionKey,
  NOT_FOUND,
  toastOnly,
  unitOf,
  type ApprovalDeps,
  type ApprovalReply,
  type Outgoing,
  unitToChange,
} from './context.js';
import { fillerNotice, outdatedAnswer, submitterPatch } from './current.js';
import { approve, checkTurn, reject, type Transition } from './machine.js';
import type { ApprovalNotice } from './notice.js';
import { refusalText } from './refusals.js';
import { approvalCollection, approvalRepo } from './repo.js';
import { peopleOf, reviewView } from './review-view.js';
import { refusalToast, settledNotice } from './settled.js';
import { handOver } from './submit.js';
import { latestSubmission, submissionOf, type Submission } from './state.js';

type Card = { round_id: string; unit_id: string; submission: number; step: number };

/** 通过. */
export async function approveSubmission(
  d: ApprovalDeps,
  openId: string,
  value: Card,
): Promise<ApprovalReply> {
  const { ref, instead } = await unitToChange(d.storage, value, '审核');
  if (!ref) return instead;
  const decision = { by: openId, at: d.now(), version: value.submission, step: value.step };
  const t = await approvalRepo(d.storage).update<Transition>(ref.round.id, ref.unit.id, (state) => {
    const r = approve(state, decision);
    return r.ok ? { state: r.state, result: r } : { result: r };
  });
  if (!t.ok) return outdatedAnswer(d, ref, openId, t);
  const state = t.state;
  const { sub, base } = await settledNotice(d, ref, state, value, openId);
  const { names } = base;
  const patches = submitterPatch(ref, state, names, decisionKey(ref, sub.version, `card${value.step}`));
  if (state.status === 'submitted') {
    const next = sub.approvers[state.step];
    const hand = handOver(ref, state, names);
    const passed: ApprovalNotice = { ...base, kind: 'passed', next };
    return {
      toast: { type: 'success', content: `已通过，已转给 ${names[next] ?? next}` },
      screen: { kind: 'notice', notice: { ...base, kind: 'decided', decision: 'passed', next } },
      sends: [
        ...hand.sends,
        // Every filler follows the report, not only the one who tapped 提交审核.
        ...toldOfDecision(sub, ref, openId).map((to) => ({
          to,
          screen: { kind: 'notice' as const, notice: passed },
          key: decisionKey(ref, sub.version, `passed${value.step}:${to}`),
        })),
      ],
      files: hand.files,
      patches,
    };
  }
  const everyone = [...new Set([...fillersOf(ref.unit), ...sub.approvers])];
  const approved: ApprovalNotice = { ...base, kind: 'approved' };
  const tally = await roundTally(d, ref);
  // The admins chase the units still open: each hears of this one with the round's count, once per decision.
  // An admin who decided it himself reads the count on his toast instead of a message about his own tap.
  const admins = [...new Set(ref.round.admins)].filter((id) => id !== openId);
  return {
    toast: {
      type: 'success',
      content: ref.round.admins.includes(openId) ? `已通过，审核完成。${tally}` : '已通过，审核完成',
    },
    screen: { kind: 'notice', notice: { ...base, kind: 'decided', decision: 'approved' } },
    sends: everyone
      .filter((id) => id !== openId)
      .map((to) => ({
        to,
        screen: { kind: 'notice', notice: approved },
        key: decisionKey(ref, sub.version, `approved:${to}`),
      })),
    files: [
      {
        ref,
        file: { year: ref.round.year, unit: ref.unit.name, answers: sub.answers },
        version: sub.version,
        final: true,
        to: everyone,
        key: decisionKey(ref, sub.version, 'final'),
      },
    ],
    patches,
    texts: admins.map((to) => ({
      to,
      text: `${ref.unit.name}的年报已审核通过（第 ${sub.version} 版）。${tally}。`,
      key: decisionKey(ref, sub.version, `admin-approved:${to}`),
    })),
  };
}

/** Who hears of a decision: whoever submitted the version and every filler of the report, not the decider. */
function toldOfDecision(sub: Submission, ref: UnitRef, decider: string): string[] {
  const fillers = [...Object.values(sub.fillers).flat(), ...fillersOf(ref.unit)];
  return [...new Set([sub.by, ...fillers])].filter((id) => id !== decider);
}

/** 「本轮已通过 5/30 个单位」: the units of the round whose report is approved, this one included. */
async function roundTally(d: ApprovalDeps, ref: UnitRef): Promise<string> {
  // Only reports ever submitted have an approval file: list them instead of opening one per unit.
  const stored = new Set(await d.storage.list(`approvals/${ref.round.id}/`));
  const repo = approvalRepo(d.storage);
  let approved = 0;
  for (const unit of ref.round.units)
    if (
      stored.has(approvalCollection(ref.round.id, unit.id)) &&
      (await repo.load(ref.round.id, unit.id)).status === 'approved'
    )
      approved += 1;
  return `本轮已通过 ${approved}/${ref.round.units.length} 个单位`;
}

/** The approver card again, for whoever is in the chain (返回审核 from the 驳回 form). */
export async function showReview(d: ApprovalDeps, openId: string, value: Card): Promise<ApprovalReply> {
  const ref = await unitOf(d.storage, value);
  if (!ref) return NOT_FOUND;
  const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
  const sub = submissionOf(state, value.submission);
  if (!sub || !sub.approvers.includes(openId)) {
    // An approver the admin replaced opens an old 催办 or approver card: say who has the report now.
    const turn = checkTurn(state, { by: openId, at: 0, version: value.submission, step: value.step });
    if (turn?.code === 'reassigned') return refusalToast(d, turn);
    return toastOnly('warning', '你不是这份年报的审核人');
  }
  const view = reviewView(ref, state, sub, await d.names(peopleOf(state, ref)), value.step);
  const refusal = checkTurn(state, { by: openId, at: 0, version: value.submission, step: value.step });
  if (refusal) view.outcome = { text: refusalText(refusal, view.names), color: 'grey' };
  else if (ref.round.closedAt) view.outcome = { text: '这一轮已经关闭，不能再审核', color: 'grey' };
  return { screen: { kind: 'review', view }, sends: [], files: [] };
}

/** 驳回 tapped: the form asking for the reason and the sections (nothing is stored yet). */
export async function openReject(d: ApprovalDeps, openId: string, value: Card): Promise<ApprovalReply> {
  const { ref, instead } = await unitToChange(d.storage, value, '审核');
  if (!ref) return instead;
  const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
  const refusal = checkTurn(state, { by: openId, at: 0, version: value.submission, step: value.step });
  if (refusal) return outdatedAnswer(d, ref, openId, refusal);
  const view = reviewView(ref, state, latestSubmission(state)!, await d.names(peopleOf(state, ref)));
  return { screen: { kind: 'reject', view, form: {} }, sends: [], files: [] };
}

/** 确认驳回: the reason and sections from the form; only the fillers of those sections are asked to fix them. */
export async function confirmReject(
  d: ApprovalDeps,
  openId: string,
  value: Card,
  form: Record<string, unknown>,
): Promise<ApprovalReply> {
  const { ref, instead } = await unitToChange(d.storage, value, '审核');
  if (!ref) return instead;
  const parsed = parseRejectForm(form);
  if (!parsed.reason || !parsed.sections) {
    const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
    const refusal = checkTurn(state, { by: openId, at: 0, version: value.submission, step: value.step });
    if (refusal) return outdatedAnswer(d, ref, openId, refusal);
    const view = reviewView(ref, state, latestSubmission(state)!, await d.names(peopleOf(state, ref)));
    const typed = {
      ...(typeof form.reason === 'string' ? { reason: form.reason } : {}),
      ...(Array.isArray(form.sections) ? { sections: form.sections.map(String) } : {}),
    };
    return {
      toast: { type: 'error', content: parsed.errors.reason ?? parsed.errors.sections ?? '请补全后再确认' },
      screen: { kind: 'reject', view, form: { ...typed, errors: parsed.errors } },
      sends: [],
      files: [],
    };
  }
  const decision = {
    by: openId,
    at: d.now(),
    version: value.submission,
    step: value.step,
    reason: parsed.reason,
    sections: parsed.sections,
    byName: (await d.names([openId]))[openId] ?? openId,
  };
  const t = await approvalRepo(d.storage).update<Transition>(ref.round.id, ref.unit.id, (state) => {
    const r = reject(state, decision);
    return r.ok ? { state: r.state, result: r } : { result: r };
  });
  if (!t.ok) return outdatedAnswer(d, ref, openId, t);
  const { sub, base } = await settledNotice(d, ref, t.state, value, openId);
  const { names } = base;
  const headings = parsed.sections.map((s) => SECTION_BY_ID.get(s)!.heading);
  const asked = [...new Set(parsed.sections.flatMap((s) => sub.fillers[s] ?? []))];
  // Everyone who submitted or fills the report learns it, with the reason and which sections went to whom;
  // each card says whether the person has something to fix.
  const sends: Outgoing[] = toldOfDecision(sub, ref, openId).flatMap((to) => {
    const notice = fillerNotice(ref, t.state, to, names);
    return notice
      ? [{ to, screen: { kind: 'notice', notice }, key: decisionKey(ref, sub.version, `rejected:${to}`) }]
      : [];
  });
  return {
    toast: { type: 'success', content: `已驳回，已通知 ${asked.map((id) => names[id] ?? id).join('、')}` },
    screen: {
      kind: 'notice',
      notice: { ...base, kind: 'decided', decision: 'rejected', reason: parsed.reason, sections: headings },
    },
    sends,
    files: [],
    patches: submitterPatch(ref, t.state, names, decisionKey(ref, sub.version, 'card-rejected')),
  };
}
