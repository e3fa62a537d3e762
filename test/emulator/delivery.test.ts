import * as lark from '@larksuiteoapi/node-sdk';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, DEMO, decryptPayload, type Emulator } from '../../src/emulator/index.js';
import {
  APP_ID,
  APP_SECRET,
  ENCRYPT_KEY,
  VERIFICATION_TOKEN,
  formCard,
  sdkClient,
  silentLogger,
  startWebhook,
  textCard,
  type TestWebhook,
} from './helpers.js';

// card.action.trigger is not in the SDK's generated handler types (node-sdk#156).
interface CardAction {
  event_id: string;
  token: string;
  operator: { open_id: string; user_id: string; union_id: string };
  action: {
    value: Record<string, unknown>;
    tag: string;
    name?: string;
    form_value?: Record<string, unknown>;
  };
  host: string;
  context: { open_message_id: string; open_chat_id: string };
}
interface MessageEvent {
  event_id: string;
  sender: { sender_id: { open_id: string }; sender_type: string };
  message: { message_id: string; chat_id: string; chat_type: string; message_type: string; content: string };
}

let emu: Emulator;
let hook: TestWebhook | undefined;
const texts: MessageEvent[] = [];
const actions: CardAction[] = [];
let answer: (d: CardAction) => unknown = () => ({});

function dispatcher(encryptKey = ENCRYPT_KEY): lark.EventDispatcher {
  return new lark.EventDispatcher({
    encryptKey,
    verificationToken: VERIFICATION_TOKEN,
    logger: silentLogger,
  }).register({
    'im.message.receive_v1': async (d) => {
      texts.push(d as unknown as MessageEvent);
    },
    'card.action.trigger': async (d: CardAction) => {
      actions.push(d);
      return answer(d);
    },
  });
}

beforeEach(async () => {
  texts.length = 0;
  actions.length = 0;
  answer = () => ({});
  hook = await startWebhook(dispatcher());
  emu = await startEmulator({
    appId: APP_ID,
    appSecret: APP_SECRET,
    verificationToken: VERIFICATION_TOKEN,
    encryptKey: ENCRYPT_KEY,
    webhookUrl: hook.url,
  });
});
afterEach(async () => {
  await emu.close();
  await hook?.close();
});

async function api(path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${emu.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function sendCard(openId: string, card = formCard()): Promise<string> {
  const r = await sdkClient(emu.url).im.v1.message.create({
    params: { receive_id_type: 'open_id' },
    data: { receive_id: openId, msg_type: 'interactive', content: JSON.stringify(card) },
  });
  return r.data!.message_id!;
}

describe('pushes to the bot, encrypted and signed like Feishu', () => {
  test('a user message reaches the SDK handler decrypted and verified, and shows in the chat', async () => {
    const r = await api(`/api/users/${DEMO.filler.open_id}/messages`, { text: '开始填报' });
    expect(r.status).toBe(200);
    expect(r.json.delivered).toBe(true);
    expect(texts).toHaveLength(1);
    const d = texts[0];
    expect(d.sender).toMatchObject({ sender_id: { open_id: DEMO.filler.open_id }, sender_type: 'user' });
    expect(d.message).toMatchObject({
      message_id: r.json.message_id,
      chat_type: 'p2p',
      message_type: 'text',
    });
    expect(JSON.parse(d.message.content)).toEqual({ text: '开始填报' });
    const chat = await api(`/api/users/${DEMO.filler.open_id}/messages`);
    expect(chat.json).toEqual([
      expect.objectContaining({
        message_id: r.json.message_id,
        sender: 'user',
        content: { text: '开始填报' },
      }),
    ]);
  });

  test('a bot with a different encrypt key refuses the push (the signature is real)', async () => {
    await hook!.close();
    hook = await startWebhook(dispatcher('another-key'));
    emu.setWebhook(hook.url);
    await emu.sendText(DEMO.filler.open_id, '你好');
    expect(texts).toHaveLength(0);
  });

  test('a card action carries operator, value, form_value and context; the answer updates the card', async () => {
    const mid = await sendCard(DEMO.filler.open_id);
    answer = (d) => ({
      toast: { type: 'success', content: '已保存' },
      card: { type: 'raw', data: textCard(`已保存 ${String(d.action.form_value?.['s3.new.natural'])} 件`) },
    });
    const r = await api(`/api/messages/${mid}/actions`, {
      open_id: DEMO.filler.open_id,
      value: { action: 'submit_section', section: 's3' },
      form_value: { 's3.new.natural': '12' },
      name: 'submit_basic',
    });
    expect(r.json).toMatchObject({ toast: { type: 'success', content: '已保存' } });
    expect(actions).toHaveLength(1);
    const a = actions[0];
    expect(a.operator.open_id).toBe(DEMO.filler.open_id);
    expect(a.token).toMatch(/^c-/);
    expect(a.host).toBe('im_message');
    expect(a.action).toEqual({
      tag: 'button',
      name: 'submit_basic',
      value: { action: 'submit_section', section: 's3' },
      form_value: { 's3.new.natural': '12' },
    });
    expect(a.context.open_message_id).toBe(mid);
    const chat = emu.messages(DEMO.filler.open_id);
    expect(chat[0].content).toEqual(textCard('已保存 12 件'));
    expect(chat[0].update_time).toBeGreaterThan(chat[0].create_time);
  });

  test('another user may act on a card (forwarded): the bot sees who really acted', async () => {
    const sent = await sdkClient(emu.url).im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: DEMO.filler.open_id, msg_type: 'interactive', content: JSON.stringify(formCard()) },
    });
    await emu.act(sent.data!.message_id!, { open_id: DEMO.approver.open_id, value: { action: 'approve' } });
    expect(actions[0].operator.open_id).toBe(DEMO.approver.open_id);
    // the card still lives in the filler's chat: the bot must authorize by operator, not by chat
    expect(actions[0].context.open_chat_id).toBe(sent.data!.chat_id);
  });

  test('the callback token updates the card twice at most', async () => {
    const mid = await sendCard(DEMO.filler.open_id);
    await emu.act(mid, { open_id: DEMO.filler.open_id, value: { action: 'export' } });
    const token = actions[0].token;
    const client = sdkClient(emu.url);
    const update = (text: string) =>
      client
        .request({
          method: 'POST',
          url: '/open-apis/interactive/v1/card/update',
          data: { token, card: textCard(text) },
        })
        .then(
          (b: { code: number }) => b.code,
          (e: { response: { data: { code: number } } }) => e.response.data.code,
        );
    expect(await update('生成中…')).toBe(0);
    expect(await update('已生成')).toBe(0);
    expect(await update('第三次')).not.toBe(0);
    expect(emu.messages(DEMO.filler.open_id)[0].content).toEqual(textCard('已生成'));
  });

  test('duplicateDeliveries pushes the same event_id again; the answer still reaches the card', async () => {
    emu.setFaults({ duplicateDeliveries: 2 });
    const before = emu.stats().deliveries;
    const mid = await sendCard(DEMO.filler.open_id);
    answer = () => ({ card: { type: 'raw', data: textCard('done') } });
    const r = await emu.act(mid, { open_id: DEMO.filler.open_id, value: { action: 'x' } });
    expect(actions).toHaveLength(3);
    expect(new Set(actions.map((a) => a.event_id)).size).toBe(1);
    expect(r.event_id).toBe(actions[0].event_id);
    expect(emu.stats().deliveries - before).toBe(3);
    expect(emu.messages(DEMO.filler.open_id)[0].content).toEqual(textCard('done'));
  });

  test('an invalid card in the answer is not applied and the caller learns why', async () => {
    const mid = await sendCard(DEMO.filler.open_id);
    answer = () => ({ card: { type: 'raw', data: { schema: '2.0', body: { elements: [] } } } });
    const r = await emu.act(mid, { open_id: DEMO.filler.open_id, value: {} });
    expect(r.toast?.type).toBe('error');
    expect(r.error).toContain('update_multi');
    expect(emu.messages(DEMO.filler.open_id)[0].content).toEqual(formCard());
  });

  test('the url_verification challenge is answered by the SDK adapter', async () => {
    expect((await api('/api/webhook/verify', {})).json).toEqual({ ok: true });
  });

  test('unknown user or message gives 404 on the control API', async () => {
    expect((await api('/api/users/ou_nobody/messages', { text: 'x' })).status).toBe(404);
    expect((await api('/api/messages/om_nothing/actions', { open_id: DEMO.filler.open_id })).status).toBe(
      404,
    );
  });
});

/** A webhook that records the raw request, to check the wire format byte for byte. */
async function rawWebhook(
  onRequest: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void,
) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => onRequest(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('wire format', () => {
  test('encrypted push: compact {"encrypt"} body, sha256 signature, v2 envelope inside', async () => {
    const seen: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const raw = await rawWebhook((req, body, res) => {
      seen.push({ headers: req.headers, body });
      res.end('{}');
    });
    emu.setWebhook(raw.url);
    await emu.sendText(DEMO.filler2.open_id, '你好');
    await raw.close();
    const { headers, body } = seen[0];
    expect(Object.keys(JSON.parse(body))).toEqual(['encrypt']);
    expect(body).toBe(JSON.stringify(JSON.parse(body)));
    const ts = String(headers['x-lark-request-timestamp']);
    const nonce = String(headers['x-lark-request-nonce']);
    expect(ts).toMatch(/^\d{10}$/);
    const expected = crypto
      .createHash('sha256')
      .update(ts + nonce + ENCRYPT_KEY + body)
      .digest('hex');
    expect(headers['x-lark-signature']).toBe(expected);
    const env = JSON.parse(decryptPayload(JSON.parse(body).encrypt, ENCRYPT_KEY));
    expect(env.schema).toBe('2.0');
    expect(env.header).toMatchObject({
      event_type: 'im.message.receive_v1',
      token: VERIFICATION_TOKEN,
      app_id: APP_ID,
    });
    expect(env.header.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(env.header.create_time).toMatch(/^\d{13}$/);
    expect(env.event.sender.sender_id).toEqual({
      union_id: DEMO.filler2.union_id,
      user_id: DEMO.filler2.user_id,
      open_id: DEMO.filler2.open_id,
    });
  });

  test('plaintext push when no encrypt key; a silent webhook gives an error toast after the timeout', async () => {
    const plain = await startEmulator({
      appId: APP_ID,
      appSecret: APP_SECRET,
      verificationToken: VERIFICATION_TOKEN,
      callbackTimeoutMs: 300,
    });
    const bodies: string[] = [];
    const raw = await rawWebhook((_req, body, res) => {
      bodies.push(body);
      if (JSON.parse(body).header.event_type === 'im.message.receive_v1') res.end('');
      // card actions are never answered: the emulator must give up by itself
    });
    try {
      plain.setWebhook(raw.url);
      expect((await plain.sendText(DEMO.filler.open_id, 'hi')).delivered).toBe(true);
      expect(JSON.parse(bodies[0])).toMatchObject({ schema: '2.0', header: { token: VERIFICATION_TOKEN } });
      const r = await sdkClient(plain.url).im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: {
          receive_id: DEMO.filler.open_id,
          msg_type: 'interactive',
          content: JSON.stringify(formCard()),
        },
      });
      const out = await plain.act(r.data!.message_id!, { open_id: DEMO.filler.open_id, value: {} });
      expect(out.toast?.type).toBe('error');
      expect(out.error).toContain('no answer');
    } finally {
      await plain.close();
      await raw.close();
    }
  });

  test('closing the emulator ends a push the bot never answers', async () => {
    const slow = await startEmulator({
      appId: APP_ID,
      appSecret: APP_SECRET,
      verificationToken: VERIFICATION_TOKEN,
      callbackTimeoutMs: 600_000,
    });
    let arrived!: () => void;
    const gotIt = new Promise<void>((r) => (arrived = r));
    const raw = await rawWebhook(() => arrived());
    slow.setWebhook(raw.url);
    const pending = slow.sendText(DEMO.filler.open_id, '你好');
    await gotIt;
    await slow.close();
    expect(await pending).toMatchObject({ delivered: false, error: 'emulator closed' });
    await raw.close();
  });
});
