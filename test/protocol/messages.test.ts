import { feishuPush } from '../server/harness.js';
import { BOT_OPEN_ID, header, messagePush, USER } from './events.js';
import { push, startProtocolBot, type ApiCall, type ProtocolBot } from './fake-open-api.js';

const keys = {
  appId: 'cli_a5f1e2d3c4b5a697',
  verificationToken: 'v-proto-token',
  encryptKey: 'proto-ek-2024',
};
const send = (b: ProtocolBot, plain: object) => {
  const p = feishuPush(plain, keys.encryptKey);
  return push(b.bot.webhookUrl, p.body, p.headers);
};
const text = (call: ApiCall) => String(call.body.content);
// 填报 from someone without a unit answers that they have no task; the help card lists the commands.
const FILL_ANSWER = /填报任务|填报/;

describe('messages real Feishu delivers (group @mentions, other message types, bots, unsubscribed events)', () => {
  let b: ProtocolBot;
  beforeEach(async () => {
    b = await startProtocolBot(keys);
  });
  afterEach(async () => {
    await b.close();
  });

  it('a group message "@_user_1 填报" is understood as 填报 and answered in that group chat', async () => {
    const chatId = 'oc_group000000000000000000000001';
    const r = await send(
      b,
      messagePush(keys, {
        chatType: 'group',
        chatId,
        content: { text: '@_user_1 填报' },
        mentions: [
          {
            key: '@_user_1',
            id: { open_id: BOT_OPEN_ID, union_id: 'on_b', user_id: '' },
            name: '年报助手',
            tenant_key: 'x',
          },
        ],
      }),
    );
    expect(r.status).toBe(200);
    const calls = await b.api.waitForMessages(1);
    await b.bot.outbox.drained();
    for (const c of b.api.messageCalls()) {
      expect(c.query.receive_id_type).toBe('chat_id');
      expect(c.body.receive_id).toBe(chatId);
    }
    expect(text(calls[0])).toMatch(FILL_ANSWER);
    expect(text(calls[0])).not.toContain('没看懂');
  });

  it('group chatter without an @mention (read-all permission) is not answered; a bare command still is', async () => {
    const chatId = 'oc_group000000000000000000000003';
    await send(b, messagePush(keys, { chatType: 'group', chatId, content: { text: '今天下午开会' } }));
    await send(
      b,
      messagePush(keys, { chatType: 'group', chatId, type: 'image', content: { image_key: 'img_1' } }),
    );
    await send(b, messagePush(keys, { chatType: 'group', chatId, content: { text: '帮助' } }));
    await b.api.waitForMessages(1);
    await b.bot.outbox.drained();
    const calls = b.api.messageCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0].body.receive_id).toBe(chatId);
    expect(text(calls[0])).toContain('年报助手 · 帮助');
    expect(text(calls[0])).not.toContain('没看懂');
  });

  it('a group message @mentioning the bot with an unknown text gets the help card in the group', async () => {
    const chatId = 'oc_group000000000000000000000004';
    await send(
      b,
      messagePush(keys, {
        chatType: 'group',
        chatId,
        content: { text: '@_user_1 你好' },
        mentions: [{ key: '@_user_1', id: { open_id: BOT_OPEN_ID }, name: '年报助手' }],
      }),
    );
    const [call] = await b.api.waitForMessages(1);
    expect(call.body.receive_id).toBe(chatId);
    expect(text(call)).toContain('没看懂「你好」');
  });

  it('a message that is only an @mention (no words) gets the help card', async () => {
    await send(
      b,
      messagePush(keys, {
        chatType: 'group',
        chatId: 'oc_group000000000000000000000005',
        content: { text: '@_user_1 ' },
        mentions: [{ key: '@_user_1', id: { open_id: BOT_OPEN_ID }, name: '年报助手' }],
      }),
    );
    const [call] = await b.api.waitForMessages(1);
    expect(text(call)).toContain('年报助手 · 帮助');
  });

  it('p2p text with extra spaces, full-width spaces and newlines still works ("  填报\\n", "\\u3000填报\\u3000")', async () => {
    await send(b, messagePush(keys, { content: { text: '  填报\n' } }));
    await send(b, messagePush(keys, { content: { text: '\u3000填报\u3000\r\n' } }));
    const calls = await b.api.waitForMessages(2);
    for (const c of calls) {
      expect(c.body.receive_id).toBe(USER);
      expect(text(c)).toMatch(FILL_ANSWER);
      expect(text(c)).not.toContain('没看懂');
    }
  });

  it('a rich-text (post) message: its text is read, and a command in it runs', async () => {
    const post = {
      title: '',
      content: [
        [
          { tag: 'at', user_id: '@_user_1', user_name: '年报助手' },
          { tag: 'text', text: ' 帮助 ', style: [] },
        ],
      ],
    };
    await send(b, messagePush(keys, { type: 'post', content: post }));
    const [call] = await b.api.waitForMessages(1);
    expect(text(call)).toContain('年报助手 · 帮助');
    expect(text(call)).not.toContain('只看得懂文字');
  });

  it('a post message with a locale wrapper (zh_cn) is read too', async () => {
    const post = { zh_cn: { title: '年报', content: [[{ tag: 'text', text: '今天天气' }]] } };
    await send(b, messagePush(keys, { type: 'post', content: post }));
    const [call] = await b.api.waitForMessages(1);
    expect(text(call)).toContain('没看懂「今天天气」');
  });

  it.each([
    ['image', { image_key: 'img_v2_0001' }],
    ['sticker', { file_key: 'sticker_0001' }],
    ['audio', { file_key: 'audio_0001', duration: 2000 }],
    ['media', { file_key: 'media_0001', image_key: 'img_0001', file_name: 'a.mp4', duration: 1000 }],
    ['merge_forward', { content: 'Merged and Forwarded Message' }],
    ['interactive', { title: '卡片' }],
  ])('a %s message gets a friendly Chinese answer, HTTP 200', async (type, content) => {
    const r = await send(b, messagePush(keys, { type, content }));
    expect(r.status).toBe(200);
    const [call] = await b.api.waitForMessages(1);
    expect(call.body.receive_id).toBe(USER);
    expect(text(call)).toContain('只看得懂文字');
  });

  it('a file from someone who may not open rounds is answered in Chinese and not used, HTTP 200', async () => {
    const r = await send(
      b,
      messagePush(keys, { type: 'file', content: { file_key: 'file_v2_0001', file_name: '年报.docx' } }),
    );
    expect(r.status).toBe(200);
    const [call] = await b.api.waitForMessages(1);
    expect(call.body.receive_id).toBe(USER);
    expect(text(call)).toContain('只有年报管理员可以用表格新建年报，文件没有使用');
  });

  it('a message whose sender is an app (another bot, or ourselves) is ignored: no answer, no loop', async () => {
    const r = await send(
      b,
      messagePush(keys, { senderType: 'app', content: { text: '帮助' }, openId: BOT_OPEN_ID }),
    );
    expect(r.status).toBe(200);
    // Barrier: a later message from a person is answered, and it is the only answer.
    await send(b, messagePush(keys, { content: { text: '帮助' } }));
    await b.api.waitForMessages(1);
    await b.bot.outbox.drained();
    expect(b.api.messageCalls().map((c) => c.body.receive_id)).toEqual([USER]);
  });

  it('the bot added to a group greets the group with the help card', async () => {
    const chatId = 'oc_group000000000000000000000002';
    const r = await send(b, {
      schema: '2.0',
      header: header('im.chat.member.bot.added_v1', keys),
      event: {
        chat_id: chatId,
        operator_id: { open_id: USER, union_id: 'on_x', user_id: 'u_x' },
        external: false,
        operator_tenant_key: 'x',
        name: '某某市统计局年报群',
      },
    });
    expect(r.status).toBe(200);
    const [call] = await b.api.waitForMessages(1);
    expect(call.query.receive_id_type).toBe('chat_id');
    expect(call.body.receive_id).toBe(chatId);
    expect(text(call)).toContain('年报助手 · 帮助');
  });

  it('an event type the bot did not subscribe to gets HTTP 200 and nothing else happens', async () => {
    const r = await send(b, {
      schema: '2.0',
      header: header('im.message.message_read_v1', keys),
      event: {
        reader: { reader_id: { open_id: USER }, read_time: String(Date.now()) },
        message_id_list: ['om_1'],
      },
    });
    expect(r.status).toBe(200);
    expect(r.text).not.toMatch(/Error|stack/);
    await send(b, messagePush(keys, { content: { text: '帮助' } }));
    await b.api.waitForMessages(1);
    await b.bot.outbox.drained();
    expect(b.api.messageCalls()).toHaveLength(1);
  });
});

describe('headers and body size', () => {
  let b: ProtocolBot;
  beforeEach(async () => {
    b = await startProtocolBot(keys);
  });
  afterEach(async () => {
    await b.close();
  });

  it('accepts X-Lark-* headers in any case and content-type with a charset', async () => {
    const p = feishuPush(messagePush(keys, { content: { text: '帮助' } }), keys.encryptKey);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Lark-Request-Timestamp': p.headers['x-lark-request-timestamp'],
      'X-Lark-Request-Nonce': p.headers['x-lark-request-nonce'],
      'X-Lark-Signature': p.headers['x-lark-signature'],
    };
    expect((await push(b.bot.webhookUrl, p.body, headers)).status).toBe(200);
    await b.api.waitForMessages(1);
  });

  it('a 120 KB text message (Feishu allows 150 KB) is read, not refused for its size', async () => {
    const long = '填'.repeat(40_000) + 'x'; // 3 bytes a character: ~120 KB of text, ~160 KB once encrypted
    const r = await send(b, messagePush(keys, { content: { text: long } }));
    expect(r.status).toBe(200);
    const [call] = await b.api.waitForMessages(1);
    expect(text(call)).toContain('没看懂「填填填');
  });
});

describe('plaintext mode (no encrypt key): Feishu sends no x-lark-* headers, the token is the proof', () => {
  const plainKeys = { ...keys, encryptKey: '' };
  let b: ProtocolBot;
  beforeEach(async () => {
    b = await startProtocolBot(plainKeys);
  });
  afterEach(async () => {
    await b.close();
  });
  const plain = (body: object) =>
    push(b.bot.webhookUrl, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8' });

  it('a push with the right token and no headers is processed', async () => {
    expect((await plain(messagePush(plainKeys, { content: { text: '帮助' } }))).status).toBe(200);
    const [call] = await b.api.waitForMessages(1);
    expect(text(call)).toContain('年报助手 · 帮助');
  });

  it('the console URL check in plaintext answers {challenge} with the right token only', async () => {
    const ok = await plain({
      challenge: 'ch-1',
      token: plainKeys.verificationToken,
      type: 'url_verification',
    });
    expect(ok.json).toEqual({ challenge: 'ch-1' });
    const bad = await plain({ challenge: 'ch-2', token: 'v-wrong', type: 'url_verification' });
    expect(bad.status).toBe(401);
    expect(bad.text).not.toContain('ch-2');
  });

  it('a push with a wrong token is refused and not processed', async () => {
    const bad = messagePush({ ...plainKeys, verificationToken: 'v-wrong' }, { content: { text: '帮助' } });
    expect((await plain(bad)).status).toBe(401);
    await plain(messagePush(plainKeys, { content: { text: '进度' } })); // barrier
    await b.api.waitForMessages(1);
    await b.bot.outbox.drained();
    expect(b.api.messageCalls()).toHaveLength(1);
    expect(text(b.api.messageCalls()[0])).not.toContain('年报助手 · 帮助');
  });
});
