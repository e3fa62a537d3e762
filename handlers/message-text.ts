import type { HandlerDeps, MessageEvent } from './types.js';

// Group messages carry @mentions as placeholders (@_user_1) in the text; the names are in message.mentions.
const MENTION = /@_user_\d+|@_all/g;

type PostElement = { tag?: unknown; text?: unknown };
type PostBody = { title?: unknown; content?: unknown };

/** The words of a rich-text (post) body: text and link elements, one line per paragraph; @mentions dropped. */
function postText(body: PostBody): string {
  const paragraphs = Array.isArray(body.content) ? (body.content as unknown[]) : [];
  const lines = paragraphs.map((p) =>
    (Array.isArray(p) ? (p as PostElement[]) : [])
      .filter((e) => (e?.tag === 'text' || e?.tag === 'a' || e?.tag === 'md') && typeof e.text === 'string')
      .map((e) => e.text as string)
      .join(''),
  );
  const text = lines.join('\n').trim();
  // A post with only a title (rare) still says something.
  return text || (typeof body.title === 'string' ? body.title : '');
}

/**
 * The text of a text or rich-text (post) message without @mentions and outer whitespace (full-width spaces
 * included), or null for other kinds (image, file, sticker…). Received posts come without the locale wrapper
 * Feishu uses for sending, but some clients keep it (`{zh_cn:{title,content}}`): both are read.
 */
export function messageText(event: MessageEvent): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.message.content);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  let text: string | null = null;
  if (event.message.message_type === 'text') {
    const t = (parsed as { text?: unknown }).text;
    text = typeof t === 'string' ? t : null;
  } else if (event.message.message_type === 'post') {
    const p = parsed as PostBody & Record<string, unknown>;
    const body = Array.isArray(p.content)
      ? p
      : (Object.values(p).find(
          (v) => v && typeof v === 'object' && Array.isArray((v as PostBody).content),
        ) as PostBody | undefined);
    text = body ? postText(body) : null;
  }
  return text === null ? null : text.replace(MENTION, '').trim();
}

/**
 * In a group chat, what handlers address to the sender goes to the group instead, so every command answers
 * where it was asked (Feishu bots only see group messages that @mention them, so the asker is watching there).
 */
export function outboxInChat(
  outbox: HandlerDeps['outbox'],
  senderOpenId: string,
  chatId: string,
): HandlerDeps['outbox'] {
  const toChat = (msgType: 'interactive' | 'text', content: string, key?: string) =>
    outbox.enqueue({ kind: 'send', receiveId: chatId, receiveIdType: 'chat_id', msgType, content }, { key });
  return {
    enqueue: (job, opts) => outbox.enqueue(job, opts),
    attachFile: (key, file) => outbox.attachFile(key, file),
    abandonFile: (key, reason) => outbox.abandonFile(key, reason),
    sendCard: (openId, card, key) =>
      openId === senderOpenId
        ? toChat('interactive', JSON.stringify(card), key)
        : outbox.sendCard(openId, card, key),
    sendText: (openId, text, key) =>
      openId === senderOpenId
        ? toChat('text', JSON.stringify({ text }), key)
        : outbox.sendText(openId, text, key),
  };
}
