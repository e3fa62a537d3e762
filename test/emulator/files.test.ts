// Files people send the bot: the control API's multipart upload, the im.message.receive_v1 the bot gets, and the
// download the bot makes with the real SDK (im/v1/messages/:message_id/resources/:file_key).
import * as lark from '@larksuiteoapi/node-sdk';
import { startEmulator, DEMO, DEMO_DIRECTORY_USERS, type Emulator } from '../../src/emulator/index.js';
import {
  APP_ID,
  APP_SECRET,
  ENCRYPT_KEY,
  VERIFICATION_TOKEN,
  feishuError,
  silentLogger,
  sdkClient,
  startWebhook,
  textCard,
  type TestWebhook,
} from './helpers.js';

interface FileEvent {
  sender: { sender_id: { open_id: string } };
  message: { message_id: string; chat_type: string; message_type: string; content: string };
}

let emu: Emulator;
let hook: TestWebhook;
let events: FileEvent[];
/** What the bot downloaded while it handled each file event, as it would before answering. */
let downloaded: Buffer[];

beforeEach(async () => {
  events = [];
  downloaded = [];
  emu = await startEmulator({
    appId: APP_ID,
    appSecret: APP_SECRET,
    verificationToken: VERIFICATION_TOKEN,
    encryptKey: ENCRYPT_KEY,
  });
  const client = sdkClient(emu.url);
  const dispatcher = new lark.EventDispatcher({
    encryptKey: ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
    logger: silentLogger,
  }).register({
    'im.message.receive_v1': async (data) => {
      const d = data as unknown as FileEvent;
      events.push(d);
      if (d.message.message_type !== 'file') return {};
      const { file_key } = JSON.parse(d.message.content) as { file_key: string };
      const res = await client.im.v1.messageResource.get({
        path: { message_id: d.message.message_id, file_key },
        params: { type: 'file' },
      });
      const chunks: Buffer[] = [];
      for await (const c of res.getReadableStream()) chunks.push(c as Buffer);
      downloaded.push(Buffer.concat(chunks));
      return {};
    },
  });
  hook = await startWebhook(dispatcher);
  emu.setWebhook(hook.url);
});
afterEach(async () => {
  await hook.close();
  await emu.close();
});

/** POST /api/users/:open_id/files as a script or the web page sends it. */
async function upload(openId: string, name: string | null, bytes: Buffer) {
  const form = new FormData();
  if (name !== null) form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const r = await fetch(`${emu.url}/api/users/${openId}/files`, { method: 'POST', body: form });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

describe('a file from a person to the bot', () => {
  test('arrives as message_type file with {"file_key","file_name"} as a string; the bot downloads the bytes', async () => {
    const bytes = Buffer.from('单位名称,一,审核人\n县财政局,刘洋,冯德明\n', 'utf8');
    const r = await upload(DEMO.admin.open_id, '2026年报分工.csv', bytes);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ delivered: true, message_id: expect.stringMatching(/^om_/) });
    expect(r.json.event_id).toEqual(expect.any(String));
    expect(events).toHaveLength(1);
    const m = events[0].message;
    expect(m).toMatchObject({ message_id: r.json.message_id, chat_type: 'p2p', message_type: 'file' });
    expect(typeof m.content).toBe('string');
    const content = JSON.parse(m.content) as Record<string, unknown>;
    expect(Object.keys(content).sort()).toEqual(['file_key', 'file_name']);
    expect(content.file_name).toBe('2026年报分工.csv');
    expect(events[0].sender.sender_id.open_id).toBe(DEMO.admin.open_id);
    // answered only after the bot's handler (and its download) finished
    expect(downloaded).toHaveLength(1);
    expect(downloaded[0].equals(bytes)).toBe(true);

    const chat = emu.messages(DEMO.admin.open_id);
    expect(chat).toEqual([
      expect.objectContaining({
        sender: 'user',
        msg_type: 'file',
        content: {
          file_key: content.file_key,
          file_name: '2026年报分工.csv',
          file_type: 'xls',
          size: bytes.length,
        },
      }),
    ]);
    const file = await fetch(`${emu.url}/api/files/${String(content.file_key)}`);
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    expect(file.headers.get('content-type')).toContain('text/csv');
  });

  test('emu.sendFile does the same in-process, for an .xlsx', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    const r = await emu.sendFile(DEMO.admin.open_id, '轮次.xlsx', bytes);
    expect(r.delivered).toBe(true);
    expect(downloaded[0].equals(bytes)).toBe(true);
  });

  test('a missing file field, an unknown person and a person outside the availability are refused', async () => {
    expect((await upload(DEMO.admin.open_id, null, Buffer.from('x'))).status).toBe(400);
    expect((await upload('ou_nobody', 'a.csv', Buffer.from('x'))).status).toBe(404);
    const hidden = DEMO_DIRECTORY_USERS.find((u) => u.available === false)!;
    const r = await upload(hidden.open_id, 'a.csv', Buffer.from('x'));
    expect(r.status).toBe(400);
    expect(String(r.json.error)).toContain('availability');
    const json = await fetch(`${emu.url}/api/users/${DEMO.admin.open_id}/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect(events).toEqual([]);
  });
});

describe('downloads the bot may not make', () => {
  test('another message’s file, a wrong type, a card and an unknown message are Feishu errors, never bytes', async () => {
    const client = sdkClient(emu.url);
    const sent = await emu.sendFile(DEMO.filler.open_id, '分工.csv', Buffer.from('a,b\n'));
    const fileKey = (emu.messages(DEMO.filler.open_id)[0].content as { file_key: string }).file_key;
    await emu.sendText(DEMO.filler.open_id, '帮助');
    const textId = emu.messages(DEMO.filler.open_id)[1].message_id;
    const get = (messageId: string, key: string, type = 'file') =>
      feishuError(
        client.im.v1.messageResource.get({
          path: { message_id: messageId, file_key: key },
          params: { type },
        }),
      );
    // The error body of a stream request arrives as a stream; the status alone tells the refusal here.
    expect((await get(textId, fileKey)).status).toBe(400);
    expect((await get(sent.message_id, 'file_v3_00ab_not-this-one')).status).toBe(400);
    expect((await get(sent.message_id, fileKey, 'image')).status).toBe(400);
    expect((await get('om_00000000000000000000000000000000', fileKey)).status).toBe(400);
    const card = await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: {
        receive_id: DEMO.filler.open_id,
        msg_type: 'interactive',
        content: JSON.stringify(textCard('卡片')),
      },
    });
    expect((await get(card.data!.message_id!, fileKey)).status).toBe(400);

    // the codes, read over plain HTTP with the bot's token
    const token = await fetch(`${emu.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: APP_ID, app_secret: APP_SECRET }),
    }).then(async (r) => ((await r.json()) as { tenant_access_token: string }).tenant_access_token);
    const code = async (messageId: string, key: string, type = 'file') => {
      const r = await fetch(
        `${emu.url}/open-apis/im/v1/messages/${messageId}/resources/${key}?type=${type}`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      return ((await r.json()) as { code: number }).code;
    };
    expect(await code(textId, fileKey)).toBe(234003);
    expect(await code(sent.message_id, fileKey, 'image')).toBe(234001);
    expect(await code(card.data!.message_id!, fileKey)).toBe(234043);
    const ok = await fetch(
      `${emu.url}/open-apis/im/v1/messages/${sent.message_id}/resources/${fileKey}?type=file`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('a,b\n');
  });
});
