import { helpCard } from '../cards/help.js';
import type { HandlerDeps } from './types.js';

/** `im.chat.member.bot.added_v1` as the SDK hands it over (header fields flattened to the top). */
export interface BotAddedEvent {
  event_id?: string;
  chat_id?: string;
  name?: string;
}

/** The bot was added to a group: greet it with the help card, so the group learns the commands. */
export async function handleBotAdded(event: BotAddedEvent, deps: HandlerDeps): Promise<void> {
  if (!event.chat_id) return;
  await deps.outbox.enqueue(
    {
      kind: 'send',
      receiveId: event.chat_id,
      receiveIdType: 'chat_id',
      msgType: 'interactive',
      content: JSON.stringify(helpCard({ group: true })),
    },
    { key: `${deps.eventId}:greet` },
  );
}
