/**
 * Long text by chat: a card input holds at most 1,000 characters, so while a text step is open, a plain chat
 * message fills that field and each further message is appended. The first message replaces the field only
 * when what is there was prefilled from last year (or nothing is there): a person's own text is never replaced
 * by a chat message, only extended.
 */
import type { SectionId } from '../report/template.js';
import { bumpVersion, cloneDraft, type ReportDraft } from './draft.js';
import { stepIn } from './progress.js';
import { checkText, cleanText, textTooLong } from './read-form.js';
import type { Step } from './steps.js';

/** The text field of a step that chat messages fill: its one section text (contact lines are short). */
export function chatKeyOf(step: Step): string | undefined {
  const keys = step.parts.flatMap((p) => (p.type === 'text' && !p.key.startsWith('meta.') ? [p.key] : []));
  return keys.length === 1 ? keys[0] : undefined;
}

/** Records that a person has a step open (to resume there, and to route their chat messages). */
export function openStep(
  draft: ReportDraft,
  openId: string,
  section: SectionId,
  stepId: string,
): ReportDraft {
  const step = stepIn(section, stepId);
  if (!step) return draft;
  const next = cloneDraft(draft);
  next.sections[section].current = step.id;
  const key = chatKeyOf(step);
  if (key) next.chat[openId] = { section, step: step.id, key, messages: 0 };
  else delete next.chat[openId];
  return next;
}

/** Forgets where a person's chat messages go (保存并退出, or a step without text). */
export function closeChat(draft: ReportDraft, openId: string): ReportDraft {
  if (!draft.chat[openId]) return draft;
  const next = cloneDraft(draft);
  delete next.chat[openId];
  return next;
}

export type ChatTextOutcome =
  | { status: 'no_field' }
  | { status: 'empty' }
  /** too long, or with characters the Word file cannot print: the message says why */
  | { status: 'refused'; message: string }
  | {
      status: 'saved';
      /** what the 撤销 button of this fill carries */
      id: string;
      section: SectionId;
      step: string;
      key: string;
      mode: 'replaced' | 'appended';
      length: number;
    };

/** A new id for a held or filled chat message of this draft (counted in the draft, so never reused). */
export function nextChatId(next: ReportDraft): string {
  next.chatSeq = (next.chatSeq ?? 0) + 1;
  return `c${next.chatSeq}`;
}

/**
 * A plain chat message from a person: fills or extends the text field they have open. The fill is recorded
 * for 撤销 (what was there before), and a message still waiting for 填入 is dropped: the person moved on.
 */
export function applyChatText(
  draft: ReportDraft,
  openId: string,
  text: string,
): { draft: ReportDraft; outcome: ChatTextOutcome } {
  const focus = draft.chat[openId];
  if (!focus) return { draft, outcome: { status: 'no_field' } };
  const piece = cleanText(text);
  if (!piece) return { draft, outcome: { status: 'empty' } };
  // The message is checked as a card input is (the stored text was checked when it came in).
  const checked = checkText(focus.key, piece);
  if (!checked.ok)
    return { draft, outcome: { status: 'refused', message: `这条消息没有保存：${checked.message}` } };
  const stored = draft.answers[focus.key];
  const current = typeof stored === 'string' ? stored : '';
  const replace = !current || draft.prefilled[focus.key] === 'last_year';
  const value = replace ? piece : `${current}\n${piece}`;
  const tooLong = textTooLong(value);
  if (tooLong) return { draft, outcome: { status: 'refused', message: `这条消息没有保存：${tooLong}` } };
  const next = cloneDraft(draft);
  const id = nextChatId(next);
  const before = draft.answers[focus.key];
  const beforePrefilled = draft.prefilled[focus.key];
  next.answers[focus.key] = value;
  delete next.prefilled[focus.key];
  const { held: _dropped, ...rest } = focus;
  next.chat[openId] = { ...rest, messages: focus.messages + 1 };
  bumpVersion(next, focus.section);
  next.chatFills = {
    ...next.chatFills,
    [openId]: {
      id,
      section: focus.section,
      step: focus.step,
      key: focus.key,
      ...(before !== undefined ? { before } : {}),
      ...(beforePrefilled ? { beforePrefilled } : {}),
      version: next.sections[focus.section].version,
    },
  };
  return {
    draft: next,
    outcome: {
      status: 'saved',
      id,
      section: focus.section,
      step: focus.step,
      key: focus.key,
      mode: replace ? 'replaced' : 'appended',
      length: value.length,
    },
  };
}
