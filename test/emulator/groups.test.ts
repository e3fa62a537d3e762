// Group chats in the emulator: the bot creates and fills them through the real SDK, people write in them, a
// user's group with the bot brings im.chat.member.bot.added_v1 — and the control API shows it all over HTTP.
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

interface Received {
  event_type?: string;
  chat_id?: string;
  operator_id?: { open_id?: string };
  name?: string;
  sender?: { sender_id?: { open_id?: string } };
  message?: {
    chat_id: string;
    chat_type: string;
    message_type: string;
    content: string;
    mentions?: { key: string; id: { open_id: string }; name: string }[];
  };
}

const hidden = DEMO_DIRECTORY_USERS.find((u) => u.available === false)!;
const named = (name: string) => DEMO_DIRECTORY_USERS.find((u) => u.name === name)!;

let emu: Emulator;
let hook: TestWebhook;
let received: Received[];

async function start(groupMessages?: 'all'): Promise<void> {
  received = [];
  emu = await startEmulator({
    appId: APP_ID,
    appSecret: APP_SECRET,
    verificationToken: VERIFICATION_TOKEN,
    encryptKey: ENCRYPT_KEY,
    ...(groupMessages ? { groupMessages } : {}),
  });
  const dispatcher = new lark.EventDispatcher({
    encryptKey: ENCRYPT_KEY,
    verificationToken: VERIFICATION_TOKEN,
    logger: silentLogger,
  }).register({
    'im.message.receive_v1': async (d) => {
      received.push(d as unknown as Received);
      return {};
    },
    'im.chat.member.bot.added_v1': async (d) => {
      received.push(d as unknown as Received);
      return {};
    },
  });
  hook = await startWebhook(dispatcher);
  emu.setWebhook(hook.url);
}

async function stop(): Promise<void> {
  await hook.close();
  await emu.close();
}

/** The bot creates a group of these people through the SDK. */
async function botGroup(members: string[], name = '2026 年报工作群'): Promise<string> {
  const r = await sdkClient(emu.url).im.v1.chat.create({
    params: { user_id_type: 'open_id', uuid: `uuid-${name}` },
    data: { name, user_id_list: members },
  });
  expect(r.code).toBe(0);
  return r.data!.chat_id!;
}

const http = async (method: string, path: string, body?: unknown) => {
  const r = await fetch(`${emu.url}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> & unknown[] };
};

describe('groups the bot creates (real SDK)', () => {
  beforeEach(() => start());
  afterEach(() => stop());

  test('create: the bot owns it; the same uuid gives the same group; a hidden person fails the create', async () => {
    const client = sdkClient(emu.url);
    const r = await client.im.v1.chat.create({
      params: { user_id_type: 'open_id', uuid: 'round-1' },
      data: { name: '2026 年报工作群', user_id_list: [DEMO.filler.open_id, DEMO.approver.open_id] },
    });
    expect(r.data).toMatchObject({
      name: '2026 年报工作群',
      owner_id: APP_ID,
      owner_id_type: 'app_id',
      chat_mode: 'group',
    });
    const again = await client.im.v1.chat.create({
      params: { user_id_type: 'open_id', uuid: 'round-1' },
      data: { name: '2026 年报工作群', user_id_list: [DEMO.filler.open_id, DEMO.approver.open_id] },
    });
    expect(again.data!.chat_id).toBe(r.data!.chat_id);
    expect(emu.chats()).toEqual([
      expect.objectContaining({
        chat_id: r.data!.chat_id,
        bot_in_chat: true,
        members: [
          { open_id: DEMO.filler.open_id, name: '张敏' },
          { open_id: DEMO.approver.open_id, name: '王芳' },
        ],
      }),
    ]);
    const err = await feishuError(
      client.im.v1.chat.create({ data: { name: 'x', user_id_list: [DEMO.filler.open_id, hidden.open_id] } }),
    );
    expect(err).toMatchObject({ status: 400, code: 232024 });
    expect(emu.chats()).toHaveLength(1);
  });

  test('members: add (succeed_type 1 skips and lists the ones it may not add), then list them page by page', async () => {
    const chatId = await botGroup([DEMO.filler.open_id]);
    const client = sdkClient(emu.url);
    const strict = await feishuError(
      client.im.v1.chatMembers.create({
        path: { chat_id: chatId },
        params: { member_id_type: 'open_id' },
        data: { id_list: [DEMO.admin.open_id, hidden.open_id] },
      }),
    );
    expect(strict.code).toBe(232024);
    const lenient = await client.im.v1.chatMembers.create({
      path: { chat_id: chatId },
      params: { member_id_type: 'open_id', succeed_type: 1 },
      data: { id_list: [DEMO.admin.open_id, hidden.open_id, DEMO.filler.open_id, named('刘洋').open_id] },
    });
    expect(lenient.data!.not_existed_id_list).toEqual([hidden.open_id]);
    const names: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await client.im.v1.chatMembers.get({
        path: { chat_id: chatId },
        params: { member_id_type: 'open_id', page_size: 2, ...(token ? { page_token: token } : {}) },
      });
      expect(page.data!.member_total).toBe(3);
      names.push(...page.data!.items!.map((m) => m.name!));
      if (!page.data!.has_more) break;
      token = page.data!.page_token;
    }
    expect(names).toEqual(['张敏', '赵磊', '刘洋']);
    const big = await feishuError(
      client.im.v1.chatMembers.get({ path: { chat_id: chatId }, params: { page_size: 101 } }),
    );
    expect(big.code).toBe(99992402);
  });

  test('a message to the chat_id lands in the group, not in anyone’s p2p chat; replies too', async () => {
    const chatId = await botGroup([DEMO.filler.open_id, DEMO.admin.open_id]);
    const client = sdkClient(emu.url);
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(textCard('年报已开始')) },
    });
    expect(sent.data!.chat_id).toBe(chatId);
    await client.im.v1.message.reply({
      path: { message_id: sent.data!.message_id! },
      data: { msg_type: 'text', content: JSON.stringify({ text: '截止 1 月 31 日' }) },
    });
    expect(emu.chatMessages(chatId).map((m) => [m.sender, m.msg_type])).toEqual([
      ['bot', 'interactive'],
      ['bot', 'text'],
    ]);
    expect(emu.messages(DEMO.filler.open_id)).toEqual([]);
  });

  test('people write in the group: an @mention reaches the bot with chat_type group and mentions; others do not', async () => {
    const chatId = await botGroup([DEMO.filler.open_id, DEMO.admin.open_id]);
    const plain = await emu.sendGroupText(chatId, DEMO.filler.open_id, '大家好');
    expect(plain).toMatchObject({ delivered: false, skipped: expect.stringContaining('@mention') });
    const asked = await emu.sendGroupText(chatId, DEMO.admin.open_id, '进度', true);
    expect(asked.delivered).toBe(true);
    expect(received).toHaveLength(1);
    const msg = received[0].message!;
    expect(msg).toMatchObject({ chat_id: chatId, chat_type: 'group', message_type: 'text' });
    expect(JSON.parse(msg.content)).toEqual({ text: '@_user_1 进度' });
    expect(msg.mentions).toEqual([
      expect.objectContaining({ key: '@_user_1', id: expect.objectContaining({ open_id: emu.botOpenId }) }),
    ]);
    expect(received[0].sender?.sender_id?.open_id).toBe(DEMO.admin.open_id);
    expect(emu.chatMessages(chatId).map((m) => [m.open_id, m.content.text])).toEqual([
      [DEMO.filler.open_id, '大家好'],
      [DEMO.admin.open_id, '@年报助手 进度'],
    ]);
    await expect(emu.sendGroupText(chatId, DEMO.approver.open_id, '我不在群里')).rejects.toThrow(
      /not a member/,
    );
  });

  test('a group the bot is not in: no events, no messages from the bot (230002), no member list (232011)', async () => {
    const { chat_id } = await emu.createUserChat({
      open_id: DEMO.admin.open_id,
      name: '闲聊群',
      members: [DEMO.filler.open_id],
    });
    expect(received).toEqual([]);
    const client = sdkClient(emu.url);
    const err = await feishuError(
      client.im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chat_id, msg_type: 'text', content: JSON.stringify({ text: 'hi' }) },
      }),
    );
    expect(err.code).toBe(230002);
    expect((await feishuError(client.im.v1.chatMembers.get({ path: { chat_id } }))).code).toBe(232011);
    expect((await emu.sendGroupText(chat_id, DEMO.filler.open_id, '在吗')).skipped).toMatch(
      /not in this group/,
    );
  });

  test('a user’s group with the bot brings im.chat.member.bot.added_v1 with the group and who added the bot', async () => {
    const r = await emu.createUserChat({
      open_id: DEMO.admin.open_id,
      name: '政务公开工作群',
      members: [DEMO.filler.open_id, DEMO.approver.open_id],
      with_bot: true,
    });
    expect(r.delivered).toBe(true);
    expect(received).toEqual([
      expect.objectContaining({
        event_type: 'im.chat.member.bot.added_v1',
        chat_id: r.chat_id,
        name: '政务公开工作群',
        operator_id: expect.objectContaining({ open_id: DEMO.admin.open_id }),
      }),
    ]);
    expect(emu.chats()[0]).toMatchObject({
      owner_id: DEMO.admin.open_id,
      owner_id_type: 'open_id',
      bot_in_chat: true,
    });
    const members = await sdkClient(emu.url).im.v1.chatMembers.get({ path: { chat_id: r.chat_id } });
    expect(members.data!.items!.map((m) => m.name)).toEqual(['赵磊', '张敏', '王芳']);
  });
});

describe('groups when the app reads every group message', () => {
  beforeEach(() => start('all'));
  afterEach(() => stop());

  test('a message without @mention reaches the bot too, without mentions', async () => {
    const chatId = await botGroup([DEMO.filler.open_id]);
    const r = await emu.sendGroupText(chatId, DEMO.filler.open_id, '大家好');
    expect(r.delivered).toBe(true);
    expect(received[0].message).toMatchObject({
      chat_type: 'group',
      content: JSON.stringify({ text: '大家好' }),
    });
    expect(received[0].message!.mentions).toBeUndefined();
  });
});

describe('groups in the control API (HTTP)', () => {
  beforeEach(() => start());
  afterEach(() => stop());

  test('POST /api/chats, GET /api/chats, POST and GET /api/chats/:chat_id/messages', async () => {
    const created = await http('POST', '/api/chats', {
      open_id: DEMO.admin.open_id,
      name: '年报工作群',
      members: [DEMO.filler.open_id],
      with_bot: true,
    });
    expect(created.status).toBe(200);
    const chatId = created.json.chat_id as string;
    expect(created.json.delivered).toBe(true);
    const groups = await http('GET', '/api/chats');
    expect(groups.json).toEqual([
      expect.objectContaining({
        chat_id: chatId,
        name: '年报工作群',
        bot_in_chat: true,
        members: [
          { open_id: DEMO.admin.open_id, name: '赵磊' },
          { open_id: DEMO.filler.open_id, name: '张敏' },
        ],
      }),
    ]);
    const said = await http('POST', `/api/chats/${chatId}/messages`, {
      open_id: DEMO.filler.open_id,
      text: '进度',
      mention_bot: true,
    });
    expect(said.json).toMatchObject({ delivered: true });
    const waited = await emu.waitForChatMessages(chatId, (m) => m.length === 1, 1000);
    expect(waited[0]).toMatchObject({ sender: 'user', open_id: DEMO.filler.open_id });
    const msgs = await http('GET', `/api/chats/${chatId}/messages`);
    expect(msgs.json).toEqual([
      expect.objectContaining({ sender: 'user', content: { text: '@年报助手 进度' } }),
    ]);
    // the p2p chats are not groups, and keep showing only the bot↔user chat
    expect((await http('GET', `/api/users/${DEMO.filler.open_id}/messages`)).json).toEqual([]);

    expect(
      (await http('POST', `/api/chats/${chatId}/messages`, { open_id: DEMO.approver.open_id, text: 'x' }))
        .status,
    ).toBe(400);
    expect(
      (
        await http('POST', `/api/chats/${chatId}/messages`, {
          open_id: DEMO.filler.open_id,
          text: 'x',
          mention_bot: 'yes',
        })
      ).status,
    ).toBe(400);
    expect((await http('GET', '/api/chats/oc_nope/messages')).status).toBe(404);
    expect((await http('POST', '/api/chats', { open_id: DEMO.admin.open_id })).status).toBe(400);
  });
});
