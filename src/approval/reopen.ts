/**
 * 重新打开 over storage: an admin of the round, or the unit's last approver, sends an approved report back to
 * filling for chosen sections with a required reason (an error found before it is published). The approved
 * version stays in the history with its Word file; the next submission is compared with it on the approver's
 * card and goes through the whole chain again; the unit's fillers, its approvers and the admins are told.
 */
import { SECTIONS, type SectionId } from '../report/template.js';
import { fillersOf } from '../rounds/round.js';
import type { UnitRef } from '../rounds/round-repo.js';
import { parseRejectForm } from './actions.js';
import {
  decisionKey,
  NOT_FOUND,
  toastOnly,
  unitOf,
  type ApprovalDeps,
  type ApprovalReply,
  type Outgoing,
  type RejectFormState,
  unitToChange,
} from './context.js';
import { currentScreen, reopenedNotice, submitterPatch } from './current.js';
import { checkReopen, reopen, type Refusal, type Transition } from './machine.js';
import type { ApprovalNotice } from './notice.js';
import { refusalText } from './refusals.js';
import { approvalRepo } from './repo.js';
import { peopleOf, type Names, type ReviewIds } from './review-view.js';
import { latestSubmission, type ApprovalState } from './state.js';

/** What the reopen form shows: the approved version and each section with its fillers to choose from. */
export interface ReopenView {
  ids: ReviewIds;
  unitName: string;
  year: number;
  /** the approved version being reopened */
  version: number;
  sections: { id: SectionId; heading: string; fillers: string[] }[];
  names: Names;
  /** where the form was opened: its 返回 goes back there */
  from: 'admin' | 'approver';
}

/** The value of the reopen buttons: the report, the approved version on the card, where it was tapped. */
export type ReopenValue = ReviewIds & { submission: number; from?: 'admin' | 'approver' };

/** The reopen form: a reason (required, as on 驳回) and at least one section, with reopen's own words. */
export function parseReopenForm(form: Record<string, unknown>): {
  reason?: string;
  sections?: SectionId[];
  errors: { reason?: string; sections?: string };
} {
  const parsed = parseRejectForm(form);
  const errors: { reason?: string; sections?: string } = {};
  if (parsed.errors.reason)
    errors.reason = parsed.errors.reason.startsWith('请写明')
      ? '请写明重新打开的理由：填报人、审核人和管理员都会看到它'
      : parsed.errors.reason.replace('驳回理由', '理由');
  if (parsed.errors.sections) errors.sections = '请至少选择一个要重新填写的部分';
  return { ...parsed, errors };
}

/** Everyone who names a person on the reopen cards: the report's people and whoever taps. */
async function namesFor(d: ApprovalDeps, ref: UnitRef, state: ApprovalState, openId: string) {
  return d.names([...peopleOf(state, ref), ...ref.round.admins, openId]);
}

/** The form's view of the approved report. */
function reopenView(ref: UnitRef, state: ApprovalState, names: Names, from: ReopenView['from']): ReopenView {
  return {
    ids: { round_id: ref.round.id, unit_id: ref.unit.id },
    unitName: ref.unit.name,
    year: ref.round.year,
    version: state.version,
    // Whoever fills the section now does the fix (the round may have changed since the approval).
    sections: SECTIONS.map((s) => ({ id: s.id, heading: s.heading, fillers: ref.unit.fillers[s.id] ?? [] })),
    names,
    from,
  };
}

/** The toast of a refused reopen, naming whoever the refusal refers to. */
async function refused(d: ApprovalDeps, refusal: Refusal): Promise<ApprovalReply> {
  return toastOnly('warning', refusalText(refusal, await d.names(refusal.who ? [refusal.who] : [])));
}

/** 重新打开 tapped: the form asking for the reason and the sections (nothing is stored yet). */
export async function openReopen(
  d: ApprovalDeps,
  openId: string,
  value: ReopenValue,
): Promise<ApprovalReply> {
  const { ref, instead } = await unitToChange(d.storage, value, '重新打开');
  if (!ref) return instead;
  const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
  const refusal = checkReopen(state, { by: openId, version: value.submission, admins: ref.round.admins });
  if (refusal) return refused(d, refusal);
  const view = reopenView(ref, state, await namesFor(d, ref, state, openId), value.from ?? 'approver');
  return { screen: { kind: 'reopen', view, form: {} }, sends: [], files: [] };
}

/**
 * 确认重新打开 with the form's reason and sections: the report goes back to filling for those sections, the fillers
 * of those sections get a card into each, and everyone else involved is told who reopened it, why, and what.
 */
export async function confirmReopen(
  d: ApprovalDeps,
  openId: string,
  value: ReopenValue,
  form: Record<string, unknown>,
): Promise<ApprovalReply> {
  const { ref, instead } = await unitToChange(d.storage, value, '重新打开');
  if (!ref) return instead;
  const admins = ref.round.admins;
  const parsed = parseReopenForm(form);
  if (!parsed.reason || !parsed.sections) {
    const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
    // Someone who may not reopen learns that first, whatever they typed.
    const refusal = checkReopen(state, { by: openId, version: value.submission, admins });
    if (refusal) return refused(d, refusal);
    const typed: RejectFormState = {
      ...(typeof form.reason === 'string' ? { reason: form.reason } : {}),
      ...(Array.isArray(form.sections) ? { sections: form.sections.map(String) } : {}),
      errors: parsed.errors,
    };
    const view = reopenView(ref, state, await namesFor(d, ref, state, openId), value.from ?? 'approver');
    return {
      toast: { type: 'error', content: parsed.errors.reason ?? parsed.errors.sections ?? '请补全后再确认' },
      screen: { kind: 'reopen', view, form: typed },
      sends: [],
      files: [],
    };
  }
  const byName = (await d.names([openId]))[openId] ?? openId;
  const input = {
    by: openId,
    at: d.now(),
    version: value.submission,
    reason: parsed.reason,
    sections: parsed.sections,
    admins,
    byName,
  };
  const t = await approvalRepo(d.storage).update<Transition>(ref.round.id, ref.unit.id, (state) => {
    const r = reopen(state, input);
    return r.ok ? { state: r.state, result: r } : { result: r };
  });
  if (!t.ok) return refused(d, t);
  const state = t.state;
  const sub = latestSubmission(state)!;
  const names = await namesFor(d, ref, state, openId);
  const fillers = new Set([...fillersOf(ref.unit), ...Object.values(sub.fillers).flat()]);
  const everyone = [...new Set([...fillers, ...ref.unit.approvers, ...sub.approvers, ...admins])];
  const sends: Outgoing[] = everyone
    .filter((to) => to !== openId)
    .flatMap((to) => {
      const notice = reopenedNotice(ref, state, to, names, fillers.has(to) ? 'filler' : 'other');
      return notice
        ? [{ to, screen: { kind: 'notice', notice }, key: decisionKey(ref, sub.version, `reopened:${to}`) }]
        : [];
    });
  const asked = [...new Set(parsed.sections.flatMap((s) => ref.unit.fillers[s] ?? []))];
  const mine = reopenedNotice(ref, state, openId, names, 'actor')!;
  return {
    toast: {
      type: 'success',
      content: asked.length
        ? `已重新打开，已请 ${asked.map((id) => names[id] ?? id).join('、')} 修改`
        : '已重新打开',
    },
    screen: { kind: 'notice', notice: mine },
    sends,
    files: [],
    patches: submitterPatch(ref, state, names, decisionKey(ref, sub.version, 'card-reopened')),
  };
}

/**
 * 重新打开 for a test or a script, without a card: the same checks, store and notices as 确认重新打开 on the
 * form (`version`: the approved version; the current one when left out).
 */
export async function reopenReport(
  d: ApprovalDeps,
  openId: string,
  ids: ReviewIds,
  input: { reason: string; sections: SectionId[]; version?: number },
): Promise<ApprovalReply> {
  const version = input.version ?? (await approvalRepo(d.storage).load(ids.round_id, ids.unit_id)).version;
  return confirmReopen(
    d,
    openId,
    { ...ids, submission: version, from: 'approver' },
    { reason: input.reason, sections: input.sections },
  );
}

/** 返回 on the reopen form of the last approver: the card they had after approving, or what holds now. */
export async function reopenBack(
  d: ApprovalDeps,
  openId: string,
  value: ReopenValue,
): Promise<ApprovalReply> {
  const ref = await unitOf(d.storage, value);
  if (!ref) return NOT_FOUND;
  const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
  const names = await namesFor(d, ref, state, openId);
  if (state.status === 'approved' && state.version === value.submission) {
    const notice: ApprovalNotice = {
      kind: 'decided',
      decision: 'approved',
      ids: { round_id: ref.round.id, unit_id: ref.unit.id },
      unitName: ref.unit.name,
      year: ref.round.year,
      version: state.version,
      by: openId,
      names,
    };
    return { screen: { kind: 'notice', notice }, sends: [], files: [] };
  }
  const screen = currentScreen(ref, state, openId, names);
  return screen
    ? { screen, sends: [], files: [] }
    : toastOnly('info', '年报的情况已经变了，请发送「历史」查看');
}
