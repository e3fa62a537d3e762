import * as lark from '@larksuiteoapi/node-sdk';
import type { FeishuSettings } from '../config.js';
import { sdkLogger, type Logger } from '../logger.js';
import { sdkDomain } from '../feishu/client.js';

/**
 * The long-connection transport: the SDK's WSClient hands events to the same dispatcher as the webhook.
 * Feishu delivers each event to one random connection of the app, so run one bot per app (brief §4).
 */
export function startWsReceiver(settings: FeishuSettings, dispatcher: lark.EventDispatcher, log: Logger) {
  const ws = new lark.WSClient({
    appId: settings.appId,
    appSecret: settings.appSecret,
    domain: sdkDomain(settings.domain),
    logger: sdkLogger(log),
    onReady: () => log.info('long connection ready'),
    onError: (e: unknown) => log.error({ err: e }, 'long connection failed'),
  } as ConstructorParameters<typeof lark.WSClient>[0]);
  void ws.start({ eventDispatcher: dispatcher });
  return { close: () => ws.close() };
}
