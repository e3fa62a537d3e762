import { randomBytes } from 'node:crypto';

/** Feishu-shaped v2 pushes the protocol tests send (ids random, times now). */
export const TENANT = '736588c9260f175d';
export const USER = 'ou_7d8a6e6df7621556ce0d21922b676706';
export const BOT_OPEN_ID = 'ou_b07b07b07b07b07b07b07b07b07b07b0';

const id = (prefix: string) => prefix + randomBytes(8).toString('hex');

/** The v2 header Feishu puts on every event. */
export function header(eventType: string, keys: { appId: string; verificationToken: string }) {
  return {
    event_id: id(''),
    event_type: eventType,
    create_time: String(Date.now()),
    token: keys.verificationToken,
    app_id: keys.appId,
    tenant_key: TENANT,
  };
}

/** im.message.receive_v1 with any message type and content, p2p unless a chat_type is given. */
export function messagePush(
  keys: { appId: string; verificationToken: string },
  o: {
    type?: string;
    content: object;
    chatType?: 'p2p' | 'group';
    chatId?: string;
    senderType?: string;
    mentions?: object[];
    openId?: string;
  },
) {
  return {
    schema: '2.0',
    header: header('im.message.receive_v1', keys),
    event: {
      sender: {
        sender_id: { open_id: o.openId ?? USER, union_id: 'on_x', user_id: 'u_x' },
        sender_type: o.senderType ?? 'user',
        tenant_key: TENANT,
      },
      message: {
        message_id: id('om_'),
        create_time: String(Date.now()),
        update_time: String(Date.now()),
        chat_id: o.chatId ?? id('oc_'),
        chat_type: o.chatType ?? 'p2p',
        message_type: o.type ?? 'text',
        content: JSON.stringify(o.content),
        ...(o.mentions ? { mentions: o.mentions } : {}),
        user_agent: 'Mozilla/5.0 Lark/7.30.0',
      },
    },
  };
}

/** card.action.trigger as Feishu sends it for a button (or form submit) on a message card. */
export function cardPush(
  keys: { appId: string; verificationToken: string },
  action: Record<string, unknown>,
  o: { context?: object | null; openId?: string } = {},
) {
  return {
    schema: '2.0',
    header: header('card.action.trigger', keys),
    event: {
      operator: { tenant_key: TENANT, user_id: 'u_x', open_id: o.openId ?? USER, union_id: 'on_x' },
      token: id('c-'),
      action: { tag: 'button', ...action },
      host: 'im_message',
      ...(o.context === null
        ? {}
        : { context: o.context ?? { open_message_id: id('om_'), open_chat_id: id('oc_') } }),
    },
  };
}
