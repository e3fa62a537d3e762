/**
 * The filling flow over storage: what the card-action and message handlers call. Each function loads the
 * round and the report, runs the pure flow (flow.ts), saves the draft when it changed, and returns what to
 * show: a screen (cards/fill-screen.ts turns it into a card), a toast, or a chat reply.
 */
import type { Storage } from '../../storage/store.js';
import type { Answers, SectionId } from '../report/template.js';
import { formatDeadline } from '../rounds/deadline.js';
import { roundRepo, type UnitRef } from '../rounds/round-repo.js';
import { overseenBy, roundProgress } from '../rounds/round-progress.js';
import { parseFillAction, type FillAction } from './actions.js';
import { draftRepo } from './draft-repo.js';
import {
  fillAction,
  fillChat,
  fillCommand,
  type FillContext,
  type FillResult,
  type Screen,
  type Toast,
} from './flow.js';
import { changeReport } from './report-change.js';
import { progressView } from './view.js';
import { lockReason } from '../approval/lock.js';
import { rejectionNote } from '../approval/rejection-note.js';
import type { ApprovalState } from '../approval/state.js';
import { approvalRepo } from '../approval/repo.js';
import { nextReminderLine } from '../reminders/next.js';
import type { ReportDraft } from './draft.js';
import { namedReview, owesFilling, type NameOf } from './review-standing.js';
import { sectionReadView } from './section-read.js';
import { readOnlySections } from '../consolidated/read-only.js';

export interface FillReply {
  screen?: Screen;
  toast?: Toast;
  /** a plain chat answer (a text too long, a locked report, nothing assigned) */
  text?: string;
  /**
   * The person's open step card with what it must show now (a chat message or its undo changed the text):
   * patched in place when its message is known, else sent anew.
   */
  refresh?: { screen: Screen; messageId?: string };
}

/** The reply's refresh of the open step card, with the card's message when the draft knows it. */
function refreshOf(result: FillResult, openId: string): Pick<FillReply, 'refresh'> {
  if (!result.refresh) return {};
  const messageId = result.draft.chat[openId]?.messageId;
  return { refresh: { screen: result.refresh, ...(messageId ? { messageId } : {}) } };
}

/** The flow's context for a unit of a round. */
export function fillContext(ref: UnitRef, previous?: Answers, approval?: ApprovalState): FillContext {
  const rejection = rejectionNote(approval);
  const readOnly = readOnlySections(ref.round);
  return {
    ids: { round_id: ref.round.id, unit_id: ref.unit.id },
    unitName: ref.unit.name,
    roundName: ref.round.name,
    year: ref.round.year,
    deadline: ref.round.deadline,
    fillers: ref.unit.fillers,
    ...(previous ? { previous } : {}),
    ...(rejection ? { rejection } : {}),
    ...(readOnly ? { readOnly } : {}),
  };
}

const NOTHING_ASSIGNED = '你还没有被分配年报填报任务。如有疑问，请联系本单位的管理员。';

/** What every filling tap or chat text of a round the admin closed (关闭本轮) is answered with. */
export const ROUND_CLOSED = '这一轮已经关闭，不能再填报';

/** The unit card's line for a closed round: when, and that nothing typed was lost. */
function closedLine(round: UnitRef['round']): string {
  return `${ROUND_CLOSED}（管理员于 ${formatDeadline(round.closedAt!)} 关闭），已填写的内容都保留着。`;
}

/** The unit card of a closed round: states only, no button that would be refused. */
function closedOverview(result: FillResult, ref: UnitRef): FillReply {
  if (result.screen?.kind !== 'overview') return { text: ROUND_CLOSED };
  return { screen: { kind: 'overview', view: { ...result.screen.view, closed: closedLine(ref.round) } } };
}

/** 填报 from someone with nothing to fill: an admin or approver is shown where to look instead. */
async function notAFillerText(storage: Storage, openId: string): Promise<string> {
  const { rounds, units } = await overseenBy(storage, openId);
  if (rounds.length) return '你是年报管理员，没有需要你填写的部分。发送「进度」查看各单位的填报和审核情况。';
  if (units.length)
    return '你是年报审核人，没有需要你填写的部分。报告提交审核后会发给你；发送「进度」查看填报情况。';
  return NOTHING_ASSIGNED;
}

/**
 * A tap on a filling card; undefined when the value is not a filling action (another route handles it).
 * `messageId` is the tapped card's message: when the answer opens a text step, chat messages refresh that card.
 */
export async function fillCardAction(
  storage: Storage,
  openId: string,
  value: unknown,
  form: Record<string, unknown>,
  messageId?: string,
  names: NameOf = (id) => id,
): Promise<FillReply | undefined> {
  const action = parseFillAction(value);
  if (!action) return undefined;
  const ref = await roundRepo(storage).unit(action.round_id, action.unit_id);
  if (!ref) return { toast: { type: 'error', content: '找不到这份年报，可能是很早以前的卡片' } };
  if (ref.round.closedAt) {
    // Looking at the unit card is still fine; everything else would change the report or lead to a change.
    if (action.action !== 'overview') return { toast: { type: 'warning', content: ROUND_CLOSED } };
    const { draft, previous } = await draftRepo(storage).load(ref.round.id, ref.unit.id);
    return closedOverview(fillCommand(draft, fillContext(ref, previous), openId), ref);
  }
  return changeReport<FillReply>(
    storage,
    ref.round.id,
    ref.unit.id,
    async ({ draft, previous, approval }) => {
      const review = await namedReview(approval, names);
      const ctx = { ...fillContext(ref, previous, approval), ...(review ? { review } : {}) };
      // Under review or approved the report is read-only; after a rejection only the sections sent back open.
      // Asked in the same critical section as the save, so a submission cannot slip in between. 不是，这是提问
      // changes no answer: it is answered whatever the review.
      const locked =
        action.section &&
        action.action !== 'chat_not_text' &&
        (lockReason(approval, action.section) ?? readOnlyReason(ctx, action.section));
      if (locked) return { result: lockedReply(draft, ctx, openId, action, locked) };
      // The summary's 提交审核 would be refused while the report is with the approver or approved: the unit card.
      if (action.action === 'summary' && review && review.status !== 'rejected') {
        const r = fillAction(draft, ctx, openId, { ...action, action: 'overview' });
        const toast: Toast = { type: 'info', content: lockReason(approval, 's1') ?? '' };
        return { result: { ...(r.screen ? { screen: r.screen } : {}), toast: r.toast ?? toast } };
      }
      const r = withCardMessage(fillAction(draft, ctx, openId, action, form), openId, messageId);
      const reply: FillReply = {
        ...(r.screen ? { screen: r.screen } : {}),
        ...(r.toast ? { toast: r.toast } : {}),
        ...refreshOf(r, openId),
      };
      return r.changed ? { draft: r.draft, result: reply } : { result: reply };
    },
  );
}

/** Why a section nobody types (a consolidated report's summed table) cannot change, or undefined. */
function readOnlyReason(ctx: FillContext, section: SectionId): string | undefined {
  return ctx.readOnly?.sections.includes(section) ? ctx.readOnly.reason : undefined;
}

/**
 * A tap on a locked section: 查看 (open_section) shows it read-only to its fillers; anything that would change
 * it is refused with the reason.
 */
function lockedReply(
  draft: ReportDraft,
  ctx: FillContext,
  openId: string,
  action: FillAction,
  locked: string,
): FillReply {
  const section = action.section!;
  if (action.action !== 'open_section') return { toast: { type: 'warning', content: locked } };
  if (!ctx.fillers[section]?.includes(openId))
    return { toast: { type: 'error', content: '这一部分没有分配给你，不能查看' } };
  return { screen: { kind: 'section', view: sectionReadView(draft, ctx, section, locked) } };
}

/**
 * Remembers which card shows the person's open text step (saved with the same write, only when it changed).
 * Only a tap answered with a step card is that card: the card answering a chat message is another one.
 */
function withCardMessage(result: FillResult, openId: string, messageId: string | undefined): FillResult {
  const focus = result.draft.chat[openId];
  if (result.screen?.kind !== 'step') return result;
  if (!result.changed || !focus || !messageId || focus.messageId === messageId) return result;
  const chat = { ...result.draft.chat, [openId]: { ...focus, messageId } };
  return { ...result, draft: { ...result.draft, chat } };
}

/**
 * 填报: one unit card per unit the person fills in (usually one). Units of closed rounds are left out while
 * another round is open (last year's closed round is not news); when all are closed, they are shown closed.
 */
export async function fillCommandReplies(
  storage: Storage,
  openId: string,
  names: NameOf = (id) => id,
): Promise<FillReply[]> {
  const all = await roundRepo(storage).unitsOfFiller(openId);
  if (!all.length) return [{ text: await notAFillerText(storage, openId) }];
  const open = all.filter((ref) => !ref.round.closedAt);
  const units = open.length ? open : all;
  const drafts = draftRepo(storage);
  const replies: FillReply[] = [];
  for (const ref of units) {
    const { draft, previous } = await drafts.load(ref.round.id, ref.unit.id);
    const approval = await approvalRepo(storage).load(ref.round.id, ref.unit.id);
    const review = await namedReview(approval, names);
    const ctx = { ...fillContext(ref, previous, approval), ...(review ? { review } : {}) };
    const result = fillCommand(draft, ctx, openId);
    if (ref.round.closedAt) replies.push(closedOverview(result, ref));
    else
      replies.push(
        result.screen ? { screen: result.screen } : { text: result.toast?.content ?? NOTHING_ASSIGNED },
      );
  }
  return replies;
}

/**
 * 进度: the progress card of each unit the person fills in (`only`: just that unit, for the card button).
 * `names` turns an open_id into a display name (the contact API; it may be slow, so it is awaited here).
 * `now` is the handlers' clock: the card's 下次提醒 line is the next reminder after it.
 */
export async function progressReplies(
  storage: Storage,
  openId: string,
  names: (openId: string) => string | Promise<string> = (id) => id,
  only?: { round_id: string; unit_id: string },
  now: number = Date.now(),
): Promise<FillReply[]> {
  const units = (await roundRepo(storage).unitsOfFiller(openId)).filter(
    (ref) => !only || (ref.round.id === only.round_id && ref.unit.id === only.unit_id),
  );
  if (!units.length && !only) return overseerProgress(storage, openId, names, now);
  if (!units.length) return [{ text: NOTHING_ASSIGNED }];
  const own = await Promise.all(units.map((ref) => unitProgress(storage, ref, openId, names, now)));
  // An admin who also fills (a small office) still gets the cards of the rounds they run.
  if (only) return own;
  const { rounds } = await overseenBy(storage, openId);
  return [...own, ...(await adminProgress(storage, currentRounds(rounds), names, now))];
}

/** The rounds still running, or every round when none is (last year's closed round is not news). */
function currentRounds<T extends { closedAt?: string }>(rounds: T[]): T[] {
  const open = rounds.filter((r) => !r.closedAt);
  return open.length ? open : rounds;
}

/** The admin's progress card of each round, first page. */
async function adminProgress(
  storage: Storage,
  rounds: UnitRef['round'][],
  names: (openId: string) => string | Promise<string>,
  now: number,
): Promise<FillReply[]> {
  const replies: FillReply[] = [];
  for (const round of rounds)
    replies.push({
      screen: {
        kind: 'round_progress',
        view: await roundProgress(storage, round, { now, names, admin: true }),
      },
    });
  return replies;
}

/** The progress card of one unit, with the fillers' names and the person's next reminder. */
async function unitProgress(
  storage: Storage,
  ref: UnitRef,
  openId: string,
  names: (openId: string) => string | Promise<string>,
  now: number,
): Promise<FillReply> {
  const { draft, previous } = await draftRepo(storage).load(ref.round.id, ref.unit.id);
  const fillerNames = Object.fromEntries(
    await Promise.all(
      Object.entries(ref.unit.fillers).map(async ([s, ids]) => [s, await Promise.all(ids.map(names))]),
    ),
  );
  const approval = await approvalRepo(storage).load(ref.round.id, ref.unit.id);
  const review = await namedReview(approval, names);
  const ctx = { ...fillContext(ref, previous, approval), ...(review ? { review } : {}) };
  const view = progressView(draft, ctx, fillerNames);
  // Only someone the scheduler would remind hears of the next reminder (nobody once the report is submitted).
  const owes = owesFilling(draft, ref.unit, openId, review, previous);
  const nextReminder = owes ? await nextReminderLine(storage, ref.round, openId, now) : undefined;
  const fills = Object.values(ref.unit.fillers).some((ids) => ids.includes(openId));
  const turn = review?.status === 'submitted' && review.approver === openId;
  return {
    screen: {
      kind: 'progress',
      view: {
        ...view,
        ...(nextReminder ? { nextReminder } : {}),
        ...(fills ? { fills } : {}),
        ...(turn ? { reviewAction: { submission: review.version, step: review.step } } : {}),
      },
    },
  };
}

/**
 * 进度 for someone who fills nothing: an admin gets each round they run, an approver each unit they approve;
 * anyone else is told they have no task.
 */
async function overseerProgress(
  storage: Storage,
  openId: string,
  names: (openId: string) => string | Promise<string>,
  now: number,
): Promise<FillReply[]> {
  const { rounds, units } = await overseenBy(storage, openId);
  const replies = await adminProgress(storage, currentRounds(rounds), names, now);
  for (const ref of units) replies.push(await unitProgress(storage, ref, openId, names, now));
  return replies.length ? replies : [{ text: NOTHING_ASSIGNED }];
}

/**
 * A plain chat message: fills the text field the person has open, or holds it for 填入 when it may not be
 * report text; undefined when no text field is open.
 */
export async function fillChatMessage(
  storage: Storage,
  openId: string,
  text: string,
): Promise<FillReply | undefined> {
  const drafts = draftRepo(storage);
  for (const ref of await roundRepo(storage).unitsOfFiller(openId)) {
    const { draft } = await drafts.load(ref.round.id, ref.unit.id);
    if (!draft.chat[openId]) continue;
    // The step was open when the admin closed the round: the text is not stored, and the person is told why.
    if (ref.round.closedAt) return { text: `${ROUND_CLOSED}，这段文字没有保存。` };
    type ChatOutcome = ReturnType<typeof fillChat> | { locked: string };
    const result = await changeReport<ChatOutcome>(
      storage,
      ref.round.id,
      ref.unit.id,
      ({ draft: current, previous, approval }) => {
        const focus = current.chat[openId];
        const locked = focus && lockReason(approval, focus.section);
        if (locked) return { result: { locked } };
        const r = fillChat(current, fillContext(ref, previous, approval), openId, text);
        return r.changed ? { draft: r.draft, result: r } : { result: r };
      },
    );
    if ('locked' in result) return { text: result.locked };
    if (!result.handled) continue;
    return {
      ...(result.screen ? { screen: result.screen } : {}),
      ...refreshOf(result, openId),
      ...(result.reply ? { text: result.reply } : {}),
    };
  }
  return undefined;
}
