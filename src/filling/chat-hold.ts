/**
 * Chat text that may not be report text is held until the person taps 填入 (or 不是，这是提问), and the last
 * chat fill can be undone with one tap. Pure, like chat-text.ts: (draft, input) → (new draft, outcome).
 * The held text lives in the draft (ChatFocus.held), so a restart between the message and the tap loses
 * nothing; it expires when the person leaves the step or sends another message.
 */
import type { SectionId } from '../report/template.js';
import type { ChatDoubt } from './chat-doubt.js';
import { applyChatText, nextChatId, type ChatTextOutcome } from './chat-text.js';
import { bumpVersion, cloneDraft, type HeldText, type ReportDraft } from './draft.js';

/** Holds a message for confirmation, replacing one held before; undefined when no text field is open. */
export function holdChatText(
  draft: ReportDraft,
  openId: string,
  text: string,
  doubt: ChatDoubt,
): { draft: ReportDraft; held: HeldText } | undefined {
  const focus = draft.chat[openId];
  if (!focus) return undefined;
  const next = cloneDraft(draft);
  const held = { id: nextChatId(next), text, doubt };
  next.chat[openId] = { ...focus, held };
  return { draft: next, held };
}

/** Why a tap on a confirmation card finds nothing to confirm. */
export type HeldGone =
  /** a newer message is held in its place */
  | 'replaced'
  /** it was filled in already (a second tap of 填入) */
  | 'filled'
  /** the step was left, another message was filled, or 不是 was tapped */
  | 'gone';

export type ConfirmOutcome = { status: 'gone'; why: HeldGone } | ChatTextOutcome;

/** 填入: stores the held message `id` as if it had been sent now. */
export function confirmHeld(
  draft: ReportDraft,
  openId: string,
  id: string,
): { draft: ReportDraft; outcome: ConfirmOutcome } {
  const held = draft.chat[openId]?.held;
  if (!held || held.id !== id) {
    const why: HeldGone = held ? 'replaced' : draft.chatFills?.[openId]?.id === id ? 'filled' : 'gone';
    return { draft, outcome: { status: 'gone', why } };
  }
  const { draft: next, outcome } = applyChatText(draft, openId, held.text);
  if (outcome.status !== 'saved') return { draft: withoutHeld(draft, openId), outcome };
  // The fill takes the held message's id: the card that asked becomes the card that can undo it.
  const fill = next.chatFills![openId];
  next.chatFills![openId] = { ...fill, id };
  return { draft: next, outcome: { ...outcome, id } };
}

/** 不是，这是提问: forgets the held message `id`; returns why it was held (for the answer), when it was. */
export function dropHeld(
  draft: ReportDraft,
  openId: string,
  id: string,
): { draft: ReportDraft; doubt?: ChatDoubt } {
  const held = draft.chat[openId]?.held;
  if (!held || held.id !== id) return { draft };
  return { draft: withoutHeld(draft, openId), doubt: held.doubt };
}

function withoutHeld(draft: ReportDraft, openId: string): ReportDraft {
  const next = cloneDraft(draft);
  delete next.chat[openId].held;
  return next;
}

export type UndoOutcome =
  { status: 'undone'; section: SectionId; key: string } | { status: 'refused'; message: string };

/**
 * 撤销: puts back exactly what the field held before the fill `id`, as long as it is the person's last chat
 * fill and nothing in the section changed since (else the undo would throw away a later change).
 */
export function undoChatFill(
  draft: ReportDraft,
  openId: string,
  id: string,
): { draft: ReportDraft; outcome: UndoOutcome } {
  const fill = draft.chatFills?.[openId];
  const refuse = (message: string) => ({ draft, outcome: { status: 'refused' as const, message } });
  if (!fill) return refuse('找不到这次填入的记录，不能撤销；请在卡片上直接修改这一栏');
  if (fill.id !== id)
    return refuse('之后又填入了新的文字，只能撤销最近一次填入（点最新那条消息上的「撤销」）');
  if (fill.undone) return refuse('这次填入已经撤销过了');
  if (draft.sections[fill.section].version !== fill.version)
    return refuse('填入之后这一部分又有改动，不能再撤销；请在卡片上直接修改这一栏');
  const next = cloneDraft(draft);
  if (fill.before === undefined) delete next.answers[fill.key];
  else next.answers[fill.key] = fill.before;
  if (fill.beforePrefilled) next.prefilled[fill.key] = fill.beforePrefilled;
  bumpVersion(next, fill.section);
  next.chatFills![openId] = { ...fill, undone: true };
  return { draft: next, outcome: { status: 'undone', section: fill.section, key: fill.key } };
}
