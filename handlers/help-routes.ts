/**
 * The buttons of the help card: each runs the chat command it is named after (填报, 进度, 历史) exactly as if the
 * person had typed it, so a button never does less than the word. The answers arrive as new messages; the
 * help card stays.
 */
import { toastResponse } from '../cards/callback-response.js';
import { approvalCommands } from './approval-routes.js';
import type { CardActionRoute } from './card-action.js';
import { fillCommands } from './fill-commands.js';
import type { MessageCommand, MessageContext } from './message.js';

/** The commands a help button may run, by the word on the button. */
const BUTTON_COMMANDS: Record<string, MessageCommand | undefined> = {
  填报: fillCommands.find((c) => c.name === 'fill'),
  进度: fillCommands.find((c) => c.name === 'progress'),
  历史: approvalCommands.find((c) => c.name === 'history'),
};

/** run_command: the help card's 填报 / 进度 / 历史. */
const runCommand: CardActionRoute = async (ctx) => {
  const word = typeof ctx.value.command === 'string' ? ctx.value.command : '';
  const command = Object.hasOwn(BUTTON_COMMANDS, word) ? BUTTON_COMMANDS[word] : undefined;
  if (!command)
    return toastResponse('warning', '无法识别这个操作（可能是旧卡片），请发送「帮助」查看能做的事。');
  let n = 0;
  const message: MessageContext = {
    text: word,
    openId: ctx.openId,
    // The commands behind these buttons read only who asked; a tap is a private chat with the bot.
    event: {
      sender: { sender_id: { open_id: ctx.openId }, sender_type: 'user' },
      message: {
        message_id: ctx.messageId ?? '',
        chat_id: '',
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: word }),
      },
    },
    deps: ctx.deps,
    replyCard: async (card) => {
      await ctx.deps.outbox.sendCard(ctx.openId, card, `${ctx.deps.eventId}:help:${n++}`);
    },
  };
  await command.run(message);
  return toastResponse('info', `已发送「${word}」的结果，请查看消息`);
};

/** The help card's routes, to spread into `cardActionRoutes`. */
export const helpRoutes: Record<string, CardActionRoute> = { run_command: runCommand };
