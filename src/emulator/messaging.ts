import type { EmulatorState, StoredMessage } from './state.js';
import type { FaultInjector } from './faults.js';
import { validateCard } from './card-validation.js';
import { fail, ok, rateLimited, type ApiResult } from './api-result.js';
import { newMessageId, p2pChatId } from './ids.js';
import { DEMO_TENANT_KEY } from './demo-tenant.js';

// Feishu: card and post content ≤ 30 KB, text ≤ 150 KB (error 230025).
const CARD_MAX_BYTES = 30 * 1024;
const TEXT_MAX_BYTES = 150 * 1024;
const RECEIVE_ID_TYPES = new Set(['open_id', 'user_id', 'union_id', 'chat_id']);

export interface MessagingDeps {
  state: EmulatorState;
  faults: FaultInjector;
  appId: string;
  onCreated: () => void;
}

/** Feishu's message body as create/reply return it; content stays the string the bot sent. */
function messageData(m: StoredMessage, appId: string, raw: string): Record<string, unknown> {
  return {
    message_id: m.message_id,
    root_id: m.parent_id ?? '',
    parent_id: m.parent_id ?? '',
    msg_type: m.msg_type,
    create_time: String(m.create_time),
    update_time: String(m.update_time),
    deleted: false,
    updated: false,
    chat_id: m.chat_id,
    sender: { id: appId, id_type: 'app_id', sender_type: 'app', tenant_key: DEMO_TENANT_KEY },
    body: { content: raw },
  };
}

/** Parses and checks message content the way Feishu does; returns the parsed content or the Feishu error. */
export function parseContent(
  state: EmulatorState,
  msgType: unknown,
  raw: unknown,
): { content: Record<string, unknown> } | { error: ApiResult } {
  if (typeof raw !== 'string')
    return { error: fail(99992402, 'field validation failed: content must be a string') };
  const bytes = Buffer.byteLength(raw, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { error: fail(230001, 'param is invalid: content is not valid JSON') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { error: fail(230001, 'param is invalid: content must be a JSON object') };
  }
  const obj = parsed as Record<string, unknown>;
  switch (msgType) {
    case 'text':
      if (bytes > TEXT_MAX_BYTES)
        return { error: fail(230025, `message content too long: ${bytes} bytes > 150 KB`) };
      if (typeof obj.text !== 'string')
        return { error: fail(230001, 'param is invalid: text content needs "text"') };
      return { content: { text: obj.text } };
    case 'interactive': {
      if (bytes > CARD_MAX_BYTES)
        return { error: fail(230025, `card content too long: ${bytes} bytes > 30 KB`) };
      if (obj.type === 'template') {
        return { error: fail(230099, 'Failed to create card content, ext=template cards are not emulated') };
      }
      const why = validateCard(obj);
      if (why) return { error: fail(230099, `Failed to create card content, ext=${why}`) };
      return { content: obj };
    }
    case 'file': {
      const key = obj.file_key;
      const file = typeof key === 'string' ? state.getFile(key) : undefined;
      if (!file) return { error: fail(230001, `param is invalid: file_key not found: ${String(key)}`) };
      return {
        content: {
          file_key: file.file_key,
          file_name: file.file_name,
          file_type: file.file_type,
          size: file.bytes.length,
        },
      };
    }
    default:
      return {
        error: fail(
          230001,
          `param is invalid: msg_type ${String(msgType)} is not emulated (text, interactive, file)`,
        ),
      };
  }
}

interface SendInput {
  chatId: string;
  receiverKey: string;
  msgType: unknown;
  content: unknown;
  uuid?: unknown;
  parentId?: string;
}

function send(deps: MessagingDeps, input: SendInput): ApiResult {
  const { state, faults } = deps;
  const reset = faults.admitMessage(input.receiverKey);
  if (reset > 0) return rateLimited(reset, 50);
  const uuid = typeof input.uuid === 'string' && input.uuid ? input.uuid : undefined;
  if (uuid) {
    const prior = state.findUuid(uuid);
    const m = prior ? state.getMessage(prior) : undefined;
    if (m) return ok(messageData(m, deps.appId, String(input.content)));
  }
  const parsed = parseContent(state, input.msgType, input.content);
  if ('error' in parsed) return parsed.error;
  const now = state.now();
  const msg = state.addMessage({
    message_id: newMessageId(),
    chat_id: input.chatId,
    sender: 'bot',
    msg_type: String(input.msgType),
    content: parsed.content,
    create_time: now,
    update_time: now,
    ...(input.parentId ? { parent_id: input.parentId } : {}),
  });
  if (uuid) state.rememberUuid(uuid, msg.message_id);
  deps.onCreated();
  return ok(messageData(msg, deps.appId, String(input.content)));
}

/** POST /open-apis/im/v1/messages?receive_id_type=… */
export function createMessage(
  deps: MessagingDeps,
  idType: unknown,
  body: Record<string, unknown>,
): ApiResult {
  if (typeof idType !== 'string' || !RECEIVE_ID_TYPES.has(idType)) {
    return fail(
      99992402,
      'field validation failed: receive_id_type must be open_id, user_id, union_id or chat_id',
    );
  }
  const rid = body.receive_id;
  if (typeof rid !== 'string' || !rid)
    return fail(99992402, 'field validation failed: receive_id is required');
  if (idType === 'chat_id') {
    const g = deps.state.getGroup(rid);
    if (g) {
      if (!g.botIn) return fail(230002, 'Bot/User can NOT be out of the chat.');
      // Feishu's 5 QPS per group is shared by the group's bots; the window is keyed by the chat.
      return send(deps, {
        chatId: g.chat_id,
        receiverKey: g.chat_id,
        msgType: body.msg_type,
        content: body.content,
        uuid: body.uuid,
      });
    }
  }
  const user = deps.state.findUser(idType, rid);
  if (!user || !deps.state.tenant.isVisible(user)) {
    return idType === 'chat_id'
      ? fail(230002, 'Bot/User can NOT be out of the chat.')
      : fail(230013, 'Bot has NO availability to this user.');
  }
  return send(deps, {
    chatId: p2pChatId(user.open_id),
    receiverKey: user.open_id,
    msgType: body.msg_type,
    content: body.content,
    uuid: body.uuid,
  });
}

/** POST /open-apis/im/v1/messages/:message_id/reply: lands in the parent's chat. */
export function replyMessage(
  deps: MessagingDeps,
  parentId: string,
  body: Record<string, unknown>,
): ApiResult {
  const parent = deps.state.getMessage(parentId);
  if (!parent) return fail(230001, `param is invalid: message_id not found: ${parentId}`);
  if (!deps.state.botInChat(parent.chat_id)) return fail(230002, 'Bot/User can NOT be out of the chat.');
  return send(deps, {
    chatId: parent.chat_id,
    receiverKey: deps.state.findUser('chat_id', parent.chat_id)?.open_id ?? parent.chat_id,
    msgType: body.msg_type,
    content: body.content,
    uuid: body.uuid,
    parentId,
  });
}

/** PATCH /open-apis/im/v1/messages/:message_id: replaces a shared card (update_multi) sent by this bot. */
export function patchMessage(
  deps: MessagingDeps,
  messageId: string,
  body: Record<string, unknown>,
): ApiResult {
  const msg = deps.state.getMessage(messageId);
  if (!msg) return fail(230001, `param is invalid: message_id not found: ${messageId}`);
  if (msg.sender !== 'bot' || msg.msg_type !== 'interactive') {
    return fail(230001, 'param is invalid: only interactive messages sent by the bot can be patched');
  }
  const oldConfig = (msg.content.config ?? {}) as Record<string, unknown>;
  if (oldConfig.update_multi !== true)
    return fail(230099, 'the original card is not a shared card (update_multi)');
  const reset = deps.faults.admitPatch(messageId);
  if (reset > 0) return rateLimited(reset, 5);
  const parsed = parseContent(deps.state, 'interactive', body.content);
  if ('error' in parsed) return parsed.error;
  deps.state.updateContent(messageId, parsed.content);
  return ok({});
}
