import * as lark from '@larksuiteoapi/node-sdk';
import type { CardActionEvent, MessageEvent } from '../../handlers/types.js';
import { sdkLogger, type Logger } from '../logger.js';
import type { BotCore } from './core.js';

/** The SDK's EventDispatcher wired to the core; shared by the webhook and the long connection. */
export function createDispatcher(
  core: BotCore,
  o: { encryptKey: string; verificationToken: string; log: Logger },
): lark.EventDispatcher {
  return new lark.EventDispatcher({
    encryptKey: o.encryptKey,
    verificationToken: o.verificationToken,
    logger: sdkLogger(o.log),
  }).register({
    'im.message.receive_v1': (data) => core.onMessage(data as unknown as MessageEvent),
    // Not in the SDK's generated typings (node-sdk#156): typed by handlers/types.ts.
    'card.action.trigger': (data: CardActionEvent) => core.onCardAction(data),
  } as Record<string, (data: never) => Promise<unknown>>);
}
