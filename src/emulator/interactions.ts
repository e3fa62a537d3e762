import type { EmulatorState } from './state.js';
import type { Deliverer } from './delivery.js';
import type { CardActionInput, CardActionResult, SendTextResult } from './types.js';
import { validateCard } from './card-validation.js';
import { newCardToken, newMessageId, p2pChatId } from './ids.js';
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

/** What users do in the emulated client: type to the bot, tap cards. Each becomes a Feishu push to the bot. */
export class Interactions {
  constructor(
    private readonly state: EmulatorState,
    private readonly deliverer: Deliverer,
  ) {}

  private user(openId: string) {
    const u = this.state.findUser('open_id', openId);
    if (!u) throw new NotFoundError(`unknown user ${openId}`);
    return u;
  }

  /** The user sends a text to the bot: stored in the p2p chat, then pushed as im.message.receive_v1. */
  async sendText(openId: string, text: string): Promise<SendTextResult> {
    const u = this.user(openId);
    if (typeof text !== 'string' || text === '') throw new BadRequestError('text must be a non-empty string');
    const now = this.state.now();
    const msg = this.state.addMessage({
      message_id: newMessageId(),
      chat_id: p2pChatId(u.open_id),
      sender: 'user',
      msg_type: 'text',
      content: { text },
      create_time: now,
      update_time: now,
    });
    const out = await this.deliverer.push('im.message.receive_v1', {
      sender: {
        sender_id: { union_id: u.union_id, user_id: u.user_id, open_id: u.open_id },
        sender_type: 'user',
        tenant_key: DEMO_TENANT_KEY,
      },
      message: {
        message_id: msg.message_id,
        create_time: String(now),
        update_time: String(now),
        chat_id: msg.chat_id,
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text }),
      },
    });
    return {
      message_id: msg.message_id,
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
    const token = newCardToken();
    this.state.issueCardToken(token, messageId);
    const action: Record<string, unknown> = { value: input.value ?? {}, tag: input.tag ?? 'button' };
    if (input.name !== undefined) action.name = input.name;
    if (input.form_value !== undefined) action.form_value = input.form_value;
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
