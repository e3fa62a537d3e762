import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, DEMO, type Emulator } from '../../src/emulator/index.js';
import {
  APP_ID,
  APP_SECRET,
  VERIFICATION_TOKEN,
  feishuError,
  formCard,
  sdkClient,
  textCard,
} from './helpers.js';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ appId: APP_ID, appSecret: APP_SECRET, verificationToken: VERIFICATION_TOKEN });
});
afterEach(async () => {
  await emu.close();
});

const text = (t: string) => JSON.stringify({ text: t });

describe('Open API through the real SDK', () => {
  test('a text and a card sent to a user appear in that user chat, card as an object', async () => {
    const client = sdkClient(emu.url);
    const r1 = await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: DEMO.filler.open_id, msg_type: 'text', content: text('您好，请开始填报') },
    });
    expect(r1.code).toBe(0);
    expect(r1.data?.message_id).toMatch(/^om_[0-9a-f]{32}$/);
    expect(r1.data?.sender?.sender_type).toBe('app');
    const r2 = await client.im.v1.message.create({
      params: { receive_id_type: 'user_id' },
      data: { receive_id: DEMO.filler.user_id, msg_type: 'interactive', content: JSON.stringify(formCard()) },
    });
    expect(r2.code).toBe(0);
    const msgs = emu.messages(DEMO.filler.open_id);
    expect(msgs.map((m) => [m.sender, m.msg_type])).toEqual([
      ['bot', 'text'],
      ['bot', 'interactive'],
    ]);
    expect(msgs[0].content).toEqual({ text: '您好，请开始填报' });
    expect(msgs[1].content).toEqual(formCard());
    expect(emu.messages(DEMO.approver.open_id)).toEqual([]);
  });

  test('reply lands in the parent chat and patch replaces the card', async () => {
    const client = sdkClient(emu.url);
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: {
        receive_id: DEMO.approver.open_id,
        msg_type: 'interactive',
        content: JSON.stringify(formCard()),
      },
    });
    const mid = sent.data!.message_id!;
    const reply = await client.im.v1.message.reply({
      path: { message_id: mid },
      data: { msg_type: 'text', content: text('已收到') },
    });
    expect(reply.code).toBe(0);
    const patched = await client.im.v1.message.patch({
      path: { message_id: mid },
      data: { content: JSON.stringify(textCard('已批准')) },
    });
    expect(patched.code).toBe(0);
    const msgs = emu.messages(DEMO.approver.open_id);
    expect(msgs).toHaveLength(2);
    expect(msgs[0].content).toEqual(textCard('已批准'));
    expect(msgs[0].update_time).toBeGreaterThan(msgs[0].create_time);
    expect(msgs[1]).toMatchObject({ sender: 'bot', parent_id: mid, content: { text: '已收到' } });
  });

  test('patching a card into one without update_multi is refused with 230099', async () => {
    const client = sdkClient(emu.url);
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: {
        receive_id: DEMO.filler.open_id,
        msg_type: 'interactive',
        content: JSON.stringify(textCard('a')),
      },
    });
    const bad = { ...textCard('b'), config: {} };
    const err = await feishuError(
      client.im.v1.message.patch({
        path: { message_id: sent.data!.message_id! },
        data: { content: JSON.stringify(bad) },
      }),
    );
    expect(err).toMatchObject({ status: 400, code: 230099 });
    expect(err.msg).toContain('update_multi');
    expect(emu.messages(DEMO.filler.open_id)[0].content).toEqual(textCard('a'));
  });

  test('the same uuid sends once and answers the same message_id', async () => {
    const client = sdkClient(emu.url);
    const send = () =>
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: DEMO.filler.open_id, msg_type: 'text', content: text('提醒'), uuid: 'outbox-42' },
      });
    const a = await send();
    const b = await send();
    expect(b.data?.message_id).toBe(a.data?.message_id);
    expect(emu.messages(DEMO.filler.open_id)).toHaveLength(1);
    expect(emu.stats().messagesCreated).toBe(1);
  });

  test('a card over 30 KB is refused with 230025 and not stored', async () => {
    const client = sdkClient(emu.url);
    const big = textCard('字'.repeat(11 * 1024)); // 3 bytes each in UTF-8
    const err = await feishuError(
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: DEMO.filler.open_id, msg_type: 'interactive', content: JSON.stringify(big) },
      }),
    );
    expect(err.code).toBe(230025);
    expect(emu.messages(DEMO.filler.open_id)).toEqual([]);
  });

  test('an invalid card is refused with 230099 and a reason', async () => {
    const client = sdkClient(emu.url);
    const card = formCard();
    const form = (card.body as { elements: Array<Record<string, unknown>> }).elements[1];
    form.elements = [{ tag: 'input', name: 'x' }]; // no submit button
    const err = await feishuError(
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: DEMO.filler.open_id, msg_type: 'interactive', content: JSON.stringify(card) },
      }),
    );
    expect(err.code).toBe(230099);
    expect(err.msg).toContain('submit');
  });

  test('an unknown receiver is refused with 230013', async () => {
    const client = sdkClient(emu.url);
    const err = await feishuError(
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: 'ou_00000000000000000000000000000000', msg_type: 'text', content: text('x') },
      }),
    );
    expect(err.code).toBe(230013);
  });

  test('an uploaded file can be sent and downloaded byte for byte with its Chinese name', async () => {
    const client = sdkClient(emu.url);
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x80, 0xfe]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-upload-'));
    const file = path.join(dir, 'report.docx');
    fs.writeFileSync(file, bytes);
    const up = await client.im.v1.file.create({
      data: { file_type: 'doc', file_name: '2024年报告.docx', file: fs.createReadStream(file) },
    });
    fs.rmSync(dir, { recursive: true });
    expect(up?.file_key).toMatch(/^file_v3_/);
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: {
        receive_id: DEMO.approver.open_id,
        msg_type: 'file',
        content: JSON.stringify({ file_key: up!.file_key }),
      },
    });
    expect(sent.code).toBe(0);
    const msg = emu.messages(DEMO.approver.open_id)[0];
    expect(msg.content).toMatchObject({ file_key: up!.file_key, file_name: '2024年报告.docx' });
    const res = await fetch(`${emu.url}/api/files/${up!.file_key}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('2024年报告.docx')}`,
    );
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
  });

  test('a Buffer upload (no filename in the part) keeps its bytes', async () => {
    const client = sdkClient(emu.url);
    const bytes = Buffer.from([0, 1, 2, 0xc3, 0x28, 0xa0, 0xff]); // invalid UTF-8 on purpose
    const up = await client.im.v1.file.create({
      data: { file_type: 'stream', file_name: 'a.bin', file: bytes },
    });
    const res = await fetch(`${emu.url}/api/files/${up!.file_key}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  test('user info by open_id', async () => {
    const client = sdkClient(emu.url);
    const r = await client.contact.v3.user.get({
      path: { user_id: DEMO.admin.open_id },
      params: { user_id_type: 'open_id' },
    });
    expect(r.data?.user).toMatchObject({
      open_id: DEMO.admin.open_id,
      user_id: DEMO.admin.user_id,
      name: '赵磊',
    });
  });

  test('a wrong app secret gets no token and no message is sent', async () => {
    const client = sdkClient(emu.url, 'wrong-secret');
    await expect(
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: DEMO.filler.open_id, msg_type: 'text', content: text('x') },
      }),
    ).rejects.toBeDefined();
    expect(emu.messages(DEMO.filler.open_id)).toEqual([]);
  });

  test('a call without a valid token is refused with 99991661/99991663', async () => {
    const post = (auth?: string) =>
      fetch(`${emu.url}/open-apis/im/v1/messages?receive_id_type=open_id`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify({ receive_id: DEMO.filler.open_id, msg_type: 'text', content: text('x') }),
      });
    const missing = await post();
    expect(missing.status).toBe(400);
    expect((await missing.json()).code).toBe(99991661);
    const forged = await post('Bearer t-forged');
    expect((await forged.json()).code).toBe(99991663);
    expect(emu.messages(DEMO.filler.open_id)).toEqual([]);
  });
});
