import * as lark from '@larksuiteoapi/node-sdk';
import { toastResponse } from '../../cards/callback-response.js';
import type { BotAddedEvent } from '../../handlers/bot-added.js';
import type { CardActionEvent, MessageEvent } from '../../handlers/types.js';
import { sdkLogger, type Logger } from '../logger.js';
import type { BotCore } from './core.js';

const OTHER_APP = toastResponse('warning', '这张卡片不属于年报助手，操作未处理。');

/** The SDK's EventDispatcher wired to the core; shared by the webhook and the long connection. */
export function createDispatcher(
  core: BotCore,
  o: { encryptKey: string; verificationToken: string; log: Logger; appId?: string },
): lark.EventDispatcher {
  // header.app_id names the app an event belongs to; one meant for another app (a shared URL, a copied
  // card) is not ours to act on. Absent app_id (old pushes) is let through.
  const foreign = (data: { app_id?: unknown; event_type?: unknown }) => {
    if (!o.appId || data.app_id === undefined || data.app_id === o.appId) return false;
    o.log.warn({ app_id: data.app_id, event_type: data.event_type }, 'ignored an event of another app');
    return true;
  };
  return new lark.EventDispatcher({
    encryptKey: o.encryptKey,
    verificationToken: o.verificationToken,
    logger: sdkLogger(o.log),
  }).register({
    'im.message.receive_v1': async (data: MessageEvent & { app_id?: unknown }) => {
      if (!foreign(data)) await core.onMessage(data);
    },
    // Not in the SDK's generated typings (node-sdk#156): typed by handlers/types.ts.
    'card.action.trigger': async (data: CardActionEvent & { app_id?: unknown }) =>
      foreign(data) ? OTHER_APP : core.onCardAction(data),
    'im.chat.member.bot.added_v1': async (data: BotAddedEvent & { app_id?: unknown }) => {
      if (!foreign(data)) await core.onBotAdded(data);
    },
  } as Record<string, (data: never) => Promise<unknown>>);
}
