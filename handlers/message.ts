import type { Card } from '../cards/card-shell.js';
import { adminCommands, handleAdminFile, helpFor } from './admin-routes.js';
import { approvalCommands } from './approval-routes.js';
import { fillChatFallback, fillCommands } from './fill-commands.js';
import { messageText, outboxInChat } from './message-text.js';
import type { HandlerDeps, MessageEvent } from './types.js';

export { messageText } from './message-text.js';

/** What a message command gets: the text, who sent it, and how to answer. */
export interface MessageContext {
  text: string;
  openId: string;
  event: MessageEvent;
  deps: HandlerDeps;
  /** queues a card back to where the message came from (the person, or the group it was sent in) */
  replyCard(card: Card): Promise<void>;
}

/** One chat command: a later issue adds one by appending to `messageCommands`. */
export interface MessageCommand {
  name: string;
  match(text: string): boolean;
  run(ctx: MessageContext): Promise<void>;
}

const words =
  (...w: string[]) =>
  (text: string) =>
    w.includes(text.toLowerCase());

/** The chat commands, tried in order; anything else gets the help card with a notice. */
export const messageCommands: MessageCommand[] = [
  {
    name: 'help',
    match: words('帮助', 'help', '?', '？', '菜单'),
    run: async (ctx) => ctx.replyCard(await helpFor(ctx.deps, ctx.openId)),
  },
  ...fillCommands,
  ...approvalCommands,
  ...adminCommands,
];

/** Tried in order when no command matches (e.g. text for an open long-text field); true = handled. */
export const messageFallbacks: Array<(ctx: MessageContext) => Promise<boolean>> = [fillChatFallback];

/** The file of a file message (`{"file_key","file_name"}`), or undefined for other kinds. */
function fileOf(event: MessageEvent): { key: string; name: string } | undefined {
  if (event.message.message_type !== 'file') return undefined;
  try {
    const c = JSON.parse(event.message.content) as { file_key?: unknown; file_name?: unknown };
    if (typeof c.file_key !== 'string') return undefined;
    return { key: c.file_key, name: typeof c.file_name === 'string' ? c.file_name : '文件' };
  } catch {
    return undefined;
  }
}

/** Handles `im.message.receive_v1`: parse, pick a command, answer through the outbox. */
export async function handleMessage(
  event: MessageEvent,
  deps: HandlerDeps,
  commands: MessageCommand[] = messageCommands,
): Promise<void> {
  const openId = event.sender.sender_id?.open_id;
  if (!openId || event.sender.sender_type === 'app') return; // never answer bots (or ourselves)
  const group = event.message.chat_type !== 'p2p';
  if (group) deps = { ...deps, outbox: outboxInChat(deps.outbox, openId, event.message.chat_id) };
  // With the "read all group messages" permission Feishu also pushes group chatter not meant for us: there only
  // a command is answered, never the help card (else the bot would answer every line said in the group).
  const addressed = !group || (event.message.mentions?.length ?? 0) > 0;
  let replies = 0;
  const replyCard = async (card: Card) => {
    const to = group ? event.message.chat_id : openId;
    const receiveIdType = group ? 'chat_id' : 'open_id';
    const content = JSON.stringify(card);
    // Keyed by the event and the reply's rank: a reprocessed event (after a crash mid-handler) queues the same
    // items again, which the outbox stores once.
    await deps.outbox.enqueue(
      { kind: 'send', receiveId: to, receiveIdType, msgType: 'interactive', content },
      { key: `${deps.eventId}:reply:${replies++}` },
    );
  };
  const text = messageText(event);
  const file = fileOf(event);
  if (file && addressed) {
    deps.log.info({ file: file.name }, 'file message');
    await handleAdminFile({ text: '', openId, event, deps, replyCard }, file);
    return;
  }
  if (text === null) {
    if (!addressed) return;
    deps.log.info({ type: event.message.message_type }, 'message not understood');
    await replyCard(
      await helpFor(
        deps,
        openId,
        '我暂时只看得懂文字消息（图片、文件、表情等还看不懂），请用文字发送下面的命令。',
      ),
    );
    return;
  }
  const ctx: MessageContext = { text, openId, event, deps, replyCard };
  const command = commands.find((c) => c.match(text));
  if (command) {
    deps.log.info({ command: command.name }, 'message command');
    await command.run(ctx);
    return;
  }
  if (!addressed) return;
  for (const fallback of messageFallbacks) if (await fallback(ctx)) return;
  deps.log.info('message not understood');
  await replyCard(
    await helpFor(deps, openId, text ? `没看懂「${text.slice(0, 20)}」，下面是我能做的事。` : undefined),
  );
}
