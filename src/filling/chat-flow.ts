/**
 * The chat side of the filling conversation, pure like flow.ts: a plain message while a text step is open,
 * and the taps on the small card that answers it (填入 / 不是，这是提问 / 撤销). A message that reads as report
 * text is filled at once; one that may not be (chat-doubt.ts) is held until 填入.
 */
import type { SectionId } from '../report/template.js';
import type { FillAction } from './actions.js';
import { chatDoubt, type ChatDoubt } from './chat-doubt.js';
import { confirmHeld, dropHeld, holdChatText, undoChatFill, type HeldGone } from './chat-hold.js';
import { applyChatText, type ChatTextOutcome } from './chat-text.js';
import { fieldName, type ChatNoticeView } from './chat-view.js';
import type { ReportDraft } from './draft.js';
import type { FillContext, FillResult, Screen } from './flow.js';
import { checkText, cleanText } from './read-form.js';
import { stepView } from './view.js';

const stepScreen = (draft: ReportDraft, ctx: FillContext, section: SectionId, step: string): Screen => ({
  kind: 'step',
  view: stepView(draft, ctx, section, step)!,
});

/** The 「已填入」 card of a fill, and the step card to refresh with the new text. */
function filled(
  draft: ReportDraft,
  ctx: FillContext,
  outcome: Extract<ChatTextOutcome, { status: 'saved' }>,
): Pick<FillResult, 'screen' | 'refresh'> {
  const view: ChatNoticeView = {
    ids: ctx.ids,
    state: 'filled',
    section: outcome.section,
    field: fieldName(outcome.key),
    chat: outcome.id,
    mode: outcome.mode,
    length: outcome.length,
  };
  return {
    screen: { kind: 'chat', view },
    refresh: stepScreen(draft, ctx, outcome.section, outcome.step),
  };
}

/** A plain chat message: fills the open text field, or holds it; `handled` is false when none is open. */
export function fillChat(
  draft: ReportDraft,
  ctx: FillContext,
  openId: string,
  text: string,
): FillResult & { handled: boolean; reply?: string } {
  const focus = draft.chat[openId];
  if (!focus) return { draft, changed: false, handled: false };
  const piece = cleanText(text);
  if (!piece) return { draft, changed: false, handled: true };
  const doubt = chatDoubt(piece);
  // A message no field can take (too long, unprintable) is refused now rather than held and refused at 填入.
  const checked = checkText(focus.key, piece);
  if (doubt && !checked.ok)
    return { draft, changed: false, handled: true, reply: `这条消息没有保存：${checked.message}` };
  if (doubt) {
    const { draft: next, held } = holdChatText(draft, openId, piece, doubt)!;
    const view: ChatNoticeView = {
      ids: ctx.ids,
      state: 'held',
      section: focus.section,
      field: fieldName(focus.key),
      chat: held.id,
      text: piece,
      doubt,
    };
    return { draft: next, changed: true, handled: true, screen: { kind: 'chat', view } };
  }
  const { draft: next, outcome } = applyChatText(draft, openId, piece);
  if (outcome.status === 'refused') return { draft, changed: false, handled: true, reply: outcome.message };
  if (outcome.status !== 'saved') return { draft, changed: false, handled: true };
  return { draft: next, changed: true, handled: true, ...filled(next, ctx, outcome) };
}

const GONE: Record<HeldGone, string> = {
  replaced: '这段文字已被你之后发的消息代替，请在最新那条消息上确认',
  filled: '这段文字已经填入了',
  gone: '这段文字已不在等待填入（已离开这一步，或之后又填入了别的文字）；如需填入，请打开这一步后重新发送',
};

/** What 不是，这是提问 answers above the help card. */
function notTextNotice(doubt: ChatDoubt | undefined): string {
  if (doubt?.kind === 'command')
    return `好的，没有填入。要用「${doubt.command}」，请只发送「${doubt.command}」这几个字。下面是我能做的事。`;
  return '好的，没有填入。下面是我能做的事；这一栏怎么写，请看填报卡片上的说明，或问本单位的年报管理员。';
}

/** A tap on the card that answered a chat message: 填入, 不是，这是提问, or 撤销. */
export function chatCardAction(
  draft: ReportDraft,
  ctx: FillContext,
  openId: string,
  action: FillAction,
): FillResult {
  const id = action.chat ?? '';
  if (action.action === 'chat_not_text') {
    const { draft: next, doubt } = dropHeld(draft, openId, id);
    return { draft: next, changed: next !== draft, screen: { kind: 'help', notice: notTextNotice(doubt) } };
  }
  if (action.action === 'chat_fill') {
    const { draft: next, outcome } = confirmHeld(draft, openId, id);
    if (outcome.status === 'gone')
      return { draft, changed: false, toast: { type: 'warning', content: GONE[outcome.why] } };
    if (outcome.status === 'saved')
      return {
        draft: next,
        changed: true,
        ...filled(next, ctx, outcome),
        toast: { type: 'success', content: '已填入' },
      };
    const message = outcome.status === 'refused' ? outcome.message : '这段文字没有填入';
    return { draft: next, changed: next !== draft, toast: { type: 'error', content: message } };
  }
  const { draft: next, outcome } = undoChatFill(draft, openId, id);
  if (outcome.status === 'refused')
    return { draft, changed: false, toast: { type: 'warning', content: outcome.message } };
  const value = next.answers[outcome.key];
  const view: ChatNoticeView = {
    ids: ctx.ids,
    state: 'undone',
    section: outcome.section,
    field: fieldName(outcome.key),
    chat: id,
    length: typeof value === 'string' ? value.length : 0,
  };
  // The person's open step card shows the text that was undone: refresh it when it is of that section.
  const focus = next.chat[openId];
  return {
    draft: next,
    changed: true,
    screen: { kind: 'chat', view },
    ...(focus?.section === outcome.section
      ? { refresh: stepScreen(next, ctx, focus.section, focus.step) }
      : {}),
    toast: { type: 'success', content: '已撤销' },
  };
}
