/**
 * The small card that answers a chat message sent while a text step is open: 「把这段文字填入「…」吗？」 with
 * 填入 / 不是，这是提问 for a message that may not be report text; 「已填入…」 with 撤销; or 「已撤销…」.
 */
import type { ChatDoubt } from '../src/filling/chat-doubt.js';
import type { ChatNoticeView } from '../src/filling/chat-view.js';
import { cardShell, type Card } from './card-shell.js';
import { actionButton, columns, escapeMd, grey, md, type ActionValue } from './parts/elements.js';

/** How much of a held message the card quotes: enough to recognise it. */
const QUOTE_CHARS = 200;

function why(doubt: ChatDoubt | undefined): string {
  switch (doubt?.kind) {
    case 'short':
      return `这条消息只有 ${doubt.chars} 个字，可能不是要写进年报的内容。`;
    case 'question':
      return '这条消息像是一个问题。';
    case 'command':
      return `这条消息里有「${escapeMd(doubt.command, 10)}」，可能是想让我做这件事。`;
    default:
      return '';
  }
}

/** The card answering a chat message: held for 填入, filled in, or undone. */
export function chatNoticeCard(view: ChatNoticeView): Card {
  const value = (action: string): ActionValue => ({
    action,
    round_id: view.ids.round_id,
    unit_id: view.ids.unit_id,
    section: view.section,
    chat: view.chat,
  });
  const field = escapeMd(view.field, 60);
  if (view.state === 'held') {
    return cardShell(
      '要把这段文字填入年报吗？',
      [
        md(`把这段文字填入「${field}」吗？`),
        md(grey(`“${escapeMd(view.text ?? '', QUOTE_CHARS)}”`)),
        md(grey(why(view.doubt)), true),
        columns(
          [
            [actionButton('填入', value('chat_fill'), 'primary_filled')],
            [actionButton('不是，这是提问', value('chat_not_text'))],
          ],
          [1, 2],
        ),
      ],
      'orange',
    );
  }
  if (view.state === 'filled') {
    const how = view.mode === 'appended' ? '已接在后面' : '已填入';
    return cardShell(
      '已填入年报',
      [
        md(
          `**${field}**\n${how}，这一栏现在共 ${view.length ?? 0} 字。可以继续发送，写完后在卡片上点「下一步」。`,
        ),
        actionButton('撤销', value('chat_undo')),
      ],
      'green',
    );
  }
  const now = view.length ? `（共 ${view.length} 字）` : '（现在是空的）';
  return cardShell('已撤销', [md(`**${field}**\n已撤销，这一栏恢复为填入前的内容${now}。`)], 'grey');
}
