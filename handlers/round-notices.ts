/**
 * Delivers what a round's opening or change means to people (src/rounds/round-notices.ts): each notice queued
 * in the outbox under a key made of the change's key and its rank, so a change delivered twice (a retried
 * command, a reprocessed event) queues nothing twice.
 */
import { fillScreenCard } from '../cards/fill-screen.js';
import type { RoundEffect } from '../src/rounds/round-changes.js';
import { roundNotices, type RoundNotice } from '../src/rounds/round-notices.js';
import type { Round } from '../src/rounds/round.js';
import type { Storage } from '../storage/store.js';
import type { HandlerDeps } from './types.js';

/** Queues every notice; returns how many messages were queued. */
export async function deliverRoundNotices(
  outbox: HandlerDeps['outbox'],
  notices: RoundNotice[],
  key: string,
): Promise<number> {
  let n = 0;
  for (const notice of notices) {
    if ('chatId' in notice) {
      await outbox.enqueue(
        {
          kind: 'send',
          receiveId: notice.chatId,
          receiveIdType: 'chat_id',
          msgType: 'text',
          content: JSON.stringify({ text: notice.text }),
        },
        { key: `${key}:${n++}` },
      );
      continue;
    }
    await outbox.sendText(notice.to, notice.text, `${key}:${n++}`);
    if (notice.screen) await outbox.sendCard(notice.to, fillScreenCard(notice.screen), `${key}:${n++}`);
  }
  return n;
}

/** How the admin commands deliver a round's effects through `outbox` (the bot's, or one the bot sends later). */
export function roundDeliverer(storage: Storage, outbox: HandlerDeps['outbox'], byName?: string) {
  return async (round: Round, effects: RoundEffect[], key: string): Promise<number> =>
    deliverRoundNotices(outbox, await roundNotices(storage, round, effects, byName), key);
}
