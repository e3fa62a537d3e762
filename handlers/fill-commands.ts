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
import type { Card } from '../cards/card-shell.js';
import type { MessageCommand, MessageContext } from './message.js';
import type { HandlerDeps } from './types.js';

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
    run: async (ctx) =>
      sendReplies(ctx, await fillCommandReplies(ctx.deps.storage, ctx.openId, ctx.deps.userName)),
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
 * A plain message while a text step is open fills that field (a card input holds only 1,000 characters), or,
 * when it may not be report text, is held and answered with a card asking 填入?. The open step card is
 * refreshed so it shows the new text and a fresh version (an older copy is then stale). Returns false when no
 * text field is open.
 */
export async function fillChatFallback(ctx: MessageContext): Promise<boolean> {
  const reply = await fillChatMessage(ctx.deps.storage, ctx.openId, ctx.text);
  if (!reply) return false;
  const key = ctx.deps.eventId;
  if (reply.refresh) await refreshStepCard(ctx.deps, ctx.openId, reply.refresh, key, ctx.replyCard);
  if (reply.screen) await ctx.replyCard(fillScreenCard(reply.screen));
  if (reply.text) await ctx.deps.outbox.sendText(ctx.openId, reply.text, `${key}:fill:text`);
  return true;
}

/**
 * Patches the person's open step card with its new content, or sends it anew when its message is unknown
 * (`send`), keyed by the event so a reprocessed event queues it once.
 */
export async function refreshStepCard(
  deps: HandlerDeps,
  openId: string,
  refresh: NonNullable<FillReply['refresh']>,
  key: string,
  send: (card: Card) => Promise<unknown> = (card) =>
    deps.outbox.sendCard(openId, card, `${key}:fill:refresh`),
): Promise<void> {
  const card = fillScreenCard(refresh.screen);
  if (refresh.messageId)
    await deps.outbox.enqueue(
      { kind: 'patch', messageId: refresh.messageId, content: JSON.stringify(card) },
      { key: `${key}:fill:patch` },
    );
  else await send(card);
}
