/**
 * Chat commands of the filling flow: 填报 (the unit card), 进度 (who has filled what), and plain text while a
 * long-text field is open (it fills that field; the step card is refreshed in place).
 */
import { fillScreenCard } from '../cards/fill-screen.js';
import {
  fillChatMessage,
  fillCommandReplies,
  progressReplies,
  type FillReply,
} from '../src/filling/service.js';
import type { MessageCommand, MessageContext } from './message.js';

const words =
  (...w: string[]) =>
  (text: string) =>
    w.includes(text.toLowerCase());

/** Sends each reply: a card where the message came from, a plain text to the person. */
async function sendReplies(ctx: MessageContext, replies: FillReply[]): Promise<void> {
  let texts = 0;
  for (const reply of replies) {
    if (reply.screen) await ctx.replyCard(fillScreenCard(reply.screen));
    else if (reply.text)
      await ctx.deps.outbox.sendText(ctx.openId, reply.text, `${ctx.deps.eventId}:text:${texts++}`);
  }
}

/** 填报 and 进度. */
export const fillCommands: MessageCommand[] = [
  {
    name: 'fill',
    match: words('填报', '开始填报', '继续填报', '填写', '年报'),
    run: async (ctx) => sendReplies(ctx, await fillCommandReplies(ctx.deps.storage, ctx.openId)),
  },
  {
    name: 'progress',
    match: words('进度', '查看进度'),
    run: async (ctx) =>
      sendReplies(
        ctx,
        await progressReplies(ctx.deps.storage, ctx.openId, ctx.deps.userName, undefined, ctx.deps.now()),
      ),
  },
];

/**
 * A plain message while a text step is open fills that field (a card input holds only 1,000 characters).
 * The open step card is patched so it shows the new text and a fresh version (an older copy is then stale);
 * when its message is unknown, a new card is sent. Returns false when no text field is open.
 */
export async function fillChatFallback(ctx: MessageContext): Promise<boolean> {
  const reply = await fillChatMessage(ctx.deps.storage, ctx.openId, ctx.text);
  if (!reply) return false;
  const key = ctx.deps.eventId;
  if (reply.screen) {
    const card = fillScreenCard(reply.screen);
    if (reply.cardMessageId)
      await ctx.deps.outbox.enqueue(
        { kind: 'patch', messageId: reply.cardMessageId, content: JSON.stringify(card) },
        { key: `${key}:fill:patch` },
      );
    else await ctx.replyCard(card);
  }
  if (reply.text) await ctx.deps.outbox.sendText(ctx.openId, reply.text, `${key}:fill:text`);
  return true;
}
