/**
 * The view-model of the small card that answers a chat message sent while a text step is open: the message
 * held for 填入, filled in (with 撤销), or undone. cards/fill-chat.ts turns it into a card.
 */
import { TEXT_FIELDS, type SectionId } from '../report/template.js';
import type { ChatDoubt } from './chat-doubt.js';
import type { CardIds } from './view.js';

export interface ChatNoticeView {
  ids: CardIds;
  state: 'held' | 'filled' | 'undone';
  section: SectionId;
  /** the field's name as the report prints it: 「（二）依申请公开」 */
  field: string;
  /** the held or filled message's id, carried by the card's buttons */
  chat: string;
  /** held: the message (the card shows its beginning) */
  text?: string;
  /** held: why it is asked */
  doubt?: ChatDoubt;
  /** filled: whether the message replaced the field or was appended to it */
  mode?: 'replaced' | 'appended';
  /** filled and undone: the field's length now */
  length?: number;
}

/** The field's printed heading, or its label when it has none (一's opening paragraph, 六's text). */
export function fieldName(key: string): string {
  const field = TEXT_FIELDS.find((f) => f.key === key);
  return field ? field.heading || field.label : key;
}
