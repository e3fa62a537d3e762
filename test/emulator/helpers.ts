import * as lark from '@larksuiteoapi/node-sdk';
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const APP_ID = 'cli_a5f1e2d3c4b5a697';
export const APP_SECRET = 'emu-test-secret';
export const VERIFICATION_TOKEN = 'v-test-verification-token-0001';
export const ENCRYPT_KEY = 'feishu-test-encrypt-key-2024';

const noop = (): void => undefined;
/** The SDK's loggerLevel cannot go silent (fatal = 0 is falsy), so a no-op logger keeps test output clean. */
export const silentLogger = { error: noop, warn: noop, info: noop, debug: noop, trace: noop };

/** A real SDK client pointed at the emulator, with its own token cache (the default one is global per appId). */
export function sdkClient(domain: string, appSecret = APP_SECRET): lark.Client {
  return new lark.Client({
    appId: APP_ID,
    appSecret,
    appType: lark.AppType.SelfBuild,
    domain,
    cache: new lark.DefaultCache(),
    logger: silentLogger,
  });
}

export interface TestWebhook {
  url: string;
  close(): Promise<void>;
}

/** A real express webhook serving a real SDK EventDispatcher, as the bot does. */
export async function startWebhook(dispatcher: lark.EventDispatcher): Promise<TestWebhook> {
  const app = express();
  app.post('/webhook', lark.adaptExpress(dispatcher, { autoChallenge: true }));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A valid JSON 2.0 card with a form and a submit button, the shape the bot's section cards have. */
export function formCard(title = '基本信息'): Record<string, unknown> {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
    body: {
      elements: [
        { tag: 'markdown', content: '请填写 **基本信息**' },
        {
          tag: 'form',
          name: 'f_basic',
          elements: [
            { tag: 'input', name: 's3.new.natural', required: true },
            {
              tag: 'column_set',
              columns: [
                {
                  tag: 'column',
                  elements: [
                    {
                      tag: 'button',
                      name: 'submit_basic',
                      form_action_type: 'submit',
                      text: { tag: 'plain_text', content: '提交' },
                      behaviors: [{ type: 'callback', value: { action: 'submit_section', section: 's3' } }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
  };
}

/** A valid card with only a markdown line. */
export function textCard(text: string): Record<string, unknown> {
  return {
    schema: '2.0',
    config: { update_multi: true },
    body: { elements: [{ tag: 'markdown', content: text }] },
  };
}

/** Reads the Feishu error body out of an SDK call that threw an AxiosError (non-2xx answer). */
export async function feishuError(
  p: Promise<unknown>,
): Promise<{ status: number; code: number; msg: string }> {
  try {
    await p;
  } catch (e) {
    const r = (e as { response?: { status: number; data: { code: number; msg: string } } }).response;
    if (r) return { status: r.status, code: r.data.code, msg: r.data.msg };
    throw e;
  }
  throw new Error('expected the call to fail');
}
