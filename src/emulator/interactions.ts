import type { EmulatorState, StoredMessage } from './state.js';
import type { Deliverer } from './delivery.js';
import type {
  CardActionInput,
  CardActionResult,
  CreateUserChatInput,
  CreateUserChatResult,
  EmulatorUser,
  SendTextResult,
} from './types.js';
import { validateCard } from './card-validation.js';
import { checkPickerValues } from './person-picker.js';
import { fileTypeOf } from './content-types.js';
import { newCardToken, newChatId, newFileKey, newMessageId, p2pChatId } from './ids.js';
import { DEMO_TENANT_KEY } from './demo-tenant.js';

/** A control-API request that names something the tenant does not have. */
export class NotFoundError extends Error {}
/** A control-API request Feishu's client could never make (e.g. tapping a text message). */
export class BadRequestError extends Error {}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// What the Feishu client shows when the bot does not answer a callback in time.
const TOAST_NO_ANSWER = '机器人暂未响应，请稍后重试';
const TOAST_BAD_CARD = '卡片更新失败';
// Feishu's client sends files up to 100 MB in a chat; the emulator keeps them in memory, so it stops at 30 MB.
export const USER_FILE_MAX_BYTES = 30 * 1024 * 1024;
// How Feishu writes the first @mention in a text's content; `mentions[0].key` names it.
const MENTION_KEY = '@_user_1';

export interface InteractionsOptions {
  /** receive every group message, or only those that @mention the bot */
  groupMessages: 'mentions' | 'all';
  botName: string;
}

const senderOf = (u: EmulatorUser) => ({
  sender_id: { union_id: u.union_id, user_id: u.user_id, open_id: u.open_id },
  sender_type: 'user',
  tenant_key: DEMO_TENANT_KEY,
});

/** What users do in the emulated client: write to the bot, send it files, tap cards, use groups. */
export class Interactions {
  constructor(
    private readonly state: EmulatorState,
    private readonly deliverer: Deliverer,
    private readonly opts: InteractionsOptions = { groupMessages: 'mentions', botName: '年报助手' },
  ) {}

  private user(openId: string): EmulatorUser {
    const u = this.state.findUser('open_id', openId);
    if (!u) throw new NotFoundError(`unknown user ${openId}`);
    return u;
  }

  /** A person who can talk to the bot: in Feishu, someone outside the app's availability cannot even find it. */
  private chatter(openId: string): EmulatorUser {
    const u = this.user(openId);
    if (!this.state.tenant.isVisible(u)) {
      throw new BadRequestError(`${u.name} is outside the app's availability and cannot chat with the bot`);
    }
    return u;
  }

  private store(
    chatId: string,
    u: EmulatorUser,
    msgType: string,
    content: Record<string, unknown>,
  ): StoredMessage {
    const now = this.state.now();
    return this.state.addMessage({
      message_id: newMessageId(),
      chat_id: chatId,
      sender: 'user',
      open_id: u.open_id,
      msg_type: msgType,
      content,
      create_time: now,
      update_time: now,
    });
  }

  /** Pushes im.message.receive_v1 for a stored user message; `content` is the string Feishu sends. */
  private async pushMessage(
    u: EmulatorUser,
    msg: StoredMessage,
    chatType: 'p2p' | 'group',
    content: string,
    mentions?: unknown[],
  ): Promise<SendTextResult> {
    const out = await this.deliverer.push('im.message.receive_v1', {
      sender: senderOf(u),
      message: {
        message_id: msg.message_id,
        create_time: String(msg.create_time),
        update_time: String(msg.update_time),
        chat_id: msg.chat_id,
        chat_type: chatType,
        message_type: msg.msg_type,
        content,
        ...(mentions ? { mentions } : {}),
      },
    });
    return {
      message_id: msg.message_id,
      event_id: out.event_id,
      delivered: out.result.ok,
      ...(out.result.ok ? {} : { error: out.result.error }),
    };
  }

  /** The user sends a text to the bot: stored in the p2p chat, then pushed as im.message.receive_v1. */
  async sendText(openId: string, text: string): Promise<SendTextResult> {
    const u = this.chatter(openId);
    if (typeof text !== 'string' || text === '') throw new BadRequestError('text must be a non-empty string');
    const msg = this.store(p2pChatId(u.open_id), u, 'text', { text });
    return this.pushMessage(u, msg, 'p2p', JSON.stringify({ text }));
  }

  /**
   * The user sends a file to the bot in their p2p chat: the bytes are kept under a new file_key and the event
   * carries `{"file_key","file_name"}` as a JSON string, as Feishu sends it. The bot fetches the bytes with
   * im/v1/messages/:message_id/resources/:file_key?type=file.
   */
  async sendFile(openId: string, fileName: string, bytes: Buffer): Promise<SendTextResult> {
    const u = this.chatter(openId);
    const name = typeof fileName === 'string' ? fileName.trim() : '';
    if (!name) throw new BadRequestError('the file needs a name');
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new BadRequestError('the file is empty');
    if (bytes.length > USER_FILE_MAX_BYTES) throw new BadRequestError('the file is larger than 30 MB');
    const fileKey = newFileKey();
    const fileType = fileTypeOf(name);
    this.state.addFile({ file_key: fileKey, file_name: name, file_type: fileType, bytes });
    const msg = this.store(p2pChatId(u.open_id), u, 'file', {
      file_key: fileKey,
      file_name: name,
      file_type: fileType,
      size: bytes.length,
    });
    return this.pushMessage(u, msg, 'p2p', JSON.stringify({ file_key: fileKey, file_name: name }));
  }

  /**
   * A member writes in a group. The bot receives it (chat_type 'group') if it is in the group and either the
   * text @mentions it or the app may read every group message; the event then carries `mentions`.
   */
  async sendGroupText(
    chatId: string,
    openId: string,
    text: string,
    mentionBot = false,
  ): Promise<SendTextResult> {
    const g = this.state.getGroup(chatId);
    if (!g) throw new NotFoundError(`unknown group chat ${chatId}`);
    const u = this.user(openId);
    if (!g.members.includes(u.open_id)) throw new BadRequestError(`${u.name} is not a member of this group`);
    if (typeof text !== 'string' || text.trim() === '')
      throw new BadRequestError('text must be a non-empty string');
    if (mentionBot && !g.botIn)
      throw new BadRequestError('the bot is not in this group and cannot be @mentioned');
    const shown = mentionBot ? `@${this.opts.botName} ${text}` : text;
    const msg = this.store(chatId, u, 'text', { text: shown });
    if (!g.botIn)
      return { message_id: msg.message_id, delivered: false, skipped: 'the bot is not in this group' };
    if (!mentionBot && this.opts.groupMessages === 'mentions') {
      return {
        message_id: msg.message_id,
        delivered: false,
        skipped: 'the app receives only group messages that @mention the bot',
      };
    }
    const mentions = mentionBot
      ? [
          {
            key: MENTION_KEY,
            id: { union_id: '', user_id: '', open_id: this.state.botOpenId },
            name: this.opts.botName,
            tenant_key: DEMO_TENANT_KEY,
          },
        ]
      : undefined;
    const content = JSON.stringify({ text: mentionBot ? `${MENTION_KEY} ${text}` : text });
    return this.pushMessage(u, msg, 'group', content, mentions);
  }

  /**
   * A user creates a group in the client and owns it. With the bot in it, Feishu tells the bot with
   * im.chat.member.bot.added_v1 (a group the bot creates itself brings no such event).
   */
  async createUserChat(input: CreateUserChatInput): Promise<CreateUserChatResult> {
    const owner = this.user(input.open_id);
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name) throw new BadRequestError('the group needs a name');
    const members = [owner.open_id];
    for (const id of input.members ?? []) {
      this.user(id);
      if (!members.includes(id)) members.push(id);
    }
    const g = this.state.addGroup({
      chat_id: newChatId(),
      name,
      description: '',
      owner: { type: 'open_id', id: owner.open_id },
      members,
      botIn: input.with_bot === true,
      create_time: this.state.now(),
    });
    if (!g.botIn) return { chat_id: g.chat_id };
    const out = await this.deliverer.push('im.chat.member.bot.added_v1', {
      chat_id: g.chat_id,
      operator_id: { union_id: owner.union_id, user_id: owner.user_id, open_id: owner.open_id },
      external: false,
      operator_tenant_key: DEMO_TENANT_KEY,
      name: g.name,
      i18n_names: { zh_cn: g.name, en_us: '', ja_jp: '' },
    });
    return {
      chat_id: g.chat_id,
      event_id: out.event_id,
      delivered: out.result.ok,
      ...(out.result.ok ? {} : { error: out.result.error }),
    };
  }

  /**
   * A user taps a button or submits a form: pushed as card.action.trigger. The bot's answer comes back as is,
   * and a returned raw card replaces the message (after the same validation as a sent card).
   * Any user may act on any card: forwarded cards exist in Feishu, so authorizing is the bot's job.
   */
  async act(messageId: string, input: CardActionInput): Promise<CardActionResult> {
    const msg = this.state.getMessage(messageId);
    if (!msg) throw new NotFoundError(`unknown message ${messageId}`);
    if (msg.msg_type !== 'interactive' || msg.sender !== 'bot') {
      throw new BadRequestError('only cards sent by the bot can be acted on');
    }
    const u = this.user(input.open_id);
    const group = this.state.getGroup(msg.chat_id);
    if (group && !group.members.includes(u.open_id)) {
      throw new BadRequestError(`${u.name} is not in the group this card is in`);
    }
    const impossible = checkPickerValues(this.state, msg.content, msg.chat_id, input);
    if (impossible) throw new BadRequestError(`the Feishu client could not send this: ${impossible}`);
    const token = newCardToken();
    this.state.issueCardToken(token, messageId);
    const action: Record<string, unknown> = { value: input.value ?? {}, tag: input.tag ?? 'button' };
    if (input.name !== undefined) action.name = input.name;
    if (input.form_value !== undefined) action.form_value = input.form_value;
    if (input.option !== undefined) action.option = input.option;
    if (input.options !== undefined) action.options = input.options;
    const out = await this.deliverer.push('card.action.trigger', {
      operator: { tenant_key: DEMO_TENANT_KEY, user_id: u.user_id, open_id: u.open_id, union_id: u.union_id },
      token,
      action,
      host: 'im_message',
      context: { open_message_id: messageId, open_chat_id: msg.chat_id },
    });
    const { result } = out;
    if (!result.ok || !isObj(result.json)) {
      return {
        toast: { type: 'error', content: TOAST_NO_ANSWER },
        error: result.error ?? 'callback answer is not a JSON object',
        event_id: out.event_id,
      };
    }
    const answer = result.json as CardActionResult;
    const card = (result.json as Record<string, unknown>).card;
    if (card === undefined) return { ...answer, event_id: out.event_id };
    const why = this.applyCard(messageId, card);
    if (why) {
      return { toast: { type: 'error', content: TOAST_BAD_CARD }, card, error: why, event_id: out.event_id };
    }
    return { ...answer, event_id: out.event_id };
  }

  /** Applies {type:'raw', data} from a callback answer; returns why it was refused, or null. */
  private applyCard(messageId: string, card: unknown): string | null {
    if (!isObj(card) || card.type !== 'raw')
      return 'callback card must be {type:"raw", data} (templates are not emulated)';
    const data = typeof card.data === 'string' ? safeParse(card.data) : card.data;
    const why = validateCard(data);
    if (why) return `card in callback answer rejected: ${why}`;
    if (Buffer.byteLength(JSON.stringify(data)) > 30 * 1024) return 'card in callback answer exceeds 30 KB';
    this.state.updateContent(messageId, data as Record<string, unknown>);
    return null;
  }
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
