import {
  startEmulator,
  DEMO,
  DEMO_USERS,
  DEMO_DIRECTORY_USERS,
  type Emulator,
} from '../../src/emulator/index.js';
import { APP_ID, APP_SECRET, VERIFICATION_TOKEN, sdkClient, textCard } from './helpers.js';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ appId: APP_ID, appSecret: APP_SECRET, verificationToken: VERIFICATION_TOKEN });
});
afterEach(async () => {
  await emu.close();
});

const get = async (path: string) => {
  const r = await fetch(`${emu.url}${path}`);
  return { status: r.status, json: (await r.json()) as unknown };
};
const post = async (path: string, body: unknown) => {
  const r = await fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
};

describe('control API', () => {
  test('the demo tenant lists its four people first with fixed ids, then the county, each with mobile and e-mail', async () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const users = (await get('/api/users')).json as {
      open_id: string;
      name: string;
      mobile: string;
      email: string;
      departments: string[];
      available: boolean;
    }[];
    expect(users.slice(0, 4).map((u) => ({ open_id: u.open_id, name: u.name }))).toEqual(
      DEMO_USERS.map((u) => ({ open_id: u.open_id, name: u.name })),
    );
    expect(users.length).toBe(DEMO_DIRECTORY_USERS.length);
    expect(users.length).toBeGreaterThan(60);
    for (const u of users) {
      expect(u.mobile).toMatch(/^(1\d{10}|\+\d{8,15})$/);
      expect(u.email).toContain('@');
    }
    expect(users[0]).toMatchObject({ name: '张敏', departments: ['县政府办公室'], available: true });
    expect(users.find((u) => u.name === '赵磊')?.departments).toEqual(['政务公开办']);
    expect(users.filter((u) => !u.available).map((u) => u.name)).toEqual(['陈静']);
    expect(DEMO_USERS.map((u) => u.name)).toEqual(['张敏', '李强', '王芳', '赵磊']);
    for (const u of DEMO_USERS) expect(u.open_id).toMatch(/^ou_[0-9a-f]{32}$/);
    expect(DEMO.approver.name).toBe('王芳');
  });

  test('faults are set, read back and cleared; a typo is refused', async () => {
    expect((await post('/api/faults', { error5xxRate: 0.2, enforceRateLimits: true })).status).toBe(200);
    expect((await get('/api/faults')).json).toEqual({ error5xxRate: 0.2, enforceRateLimits: true });
    const typo = await post('/api/faults', { errorRate: 0.2 });
    expect(typo.status).toBe(400);
    expect(typo.json.error).toContain('errorRate');
    expect((await post('/api/faults', { rateLimitRate: 2 })).status).toBe(400);
    await post('/api/faults', {});
    expect((await get('/api/faults')).json).toEqual({});
  });

  test('info tells the web page the app and webhook; the webhook can be set over HTTP', async () => {
    expect((await get('/api/info')).json).toMatchObject({
      app_id: APP_ID,
      webhook_url: null,
      encrypted: false,
    });
    await post('/api/webhook', { url: 'http://127.0.0.1:9/webhook' });
    expect((await get('/api/info')).json).toMatchObject({ webhook_url: 'http://127.0.0.1:9/webhook' });
    expect((await post('/api/webhook', { url: 'ftp://x' })).status).toBe(400);
  });

  test('a user message without a webhook is kept and reported as not delivered', async () => {
    const r = await post(`/api/users/${DEMO.filler.open_id}/messages`, { text: '你好' });
    expect(r.json).toMatchObject({ delivered: false, error: 'no webhook URL configured' });
    expect(emu.messages(DEMO.filler.open_id)).toHaveLength(1);
  });

  test('activity says which chats changed: counts and the last change, p2p chats by open_id, groups by chat_id', async () => {
    expect((await get('/api/activity')).json).toEqual({ users: {}, chats: {} });
    await post(`/api/users/${DEMO.filler.open_id}/messages`, { text: '你好' });
    const chat = await post('/api/chats', { open_id: DEMO.admin.open_id, name: '工作群' });
    await post(`/api/chats/${String(chat.json.chat_id)}/messages`, {
      open_id: DEMO.admin.open_id,
      text: '大家好',
    });
    const a = (await get('/api/activity')).json as {
      users: Record<string, { count: number; last_update: number }>;
      chats: Record<string, { count: number }>;
    };
    expect(Object.keys(a.users)).toEqual([DEMO.filler.open_id]);
    expect(a.users[DEMO.filler.open_id].count).toBe(1);
    expect(a.users[DEMO.filler.open_id].last_update).toBeGreaterThan(0);
    expect(a.chats).toEqual({ [String(chat.json.chat_id)]: expect.objectContaining({ count: 1 }) });
  });

  test('a person outside the app’s availability cannot write to the bot', async () => {
    const hidden = DEMO_DIRECTORY_USERS.find((u) => u.available === false)!;
    const r = await post(`/api/users/${hidden.open_id}/messages`, { text: '你好' });
    expect(r.status).toBe(400);
    expect(r.json.error).toContain('availability');
    const sdk = sdkClient(emu.url);
    await expect(
      sdk.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: hidden.open_id, msg_type: 'text', content: JSON.stringify({ text: '提醒' }) },
      }),
    ).rejects.toMatchObject({ response: { data: { code: 230013 } } });
  });

  test('the web page is served at /', async () => {
    const r = await fetch(`${emu.url}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
  });

  test('waitForMessages resolves on the bot answer and rejects with the last messages after its timeout', async () => {
    const waiting = emu.waitForMessages(
      DEMO.admin.open_id,
      (m) => m.some((x) => x.msg_type === 'interactive'),
      5000,
    );
    await sdkClient(emu.url).im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: {
        receive_id: DEMO.admin.open_id,
        msg_type: 'interactive',
        content: JSON.stringify(textCard('进度')),
      },
    });
    expect((await waiting).map((m) => m.content)).toEqual([textCard('进度')]);
    await expect(emu.waitForMessages(DEMO.admin.open_id, (m) => m.length > 5, 100)).rejects.toThrow(/进度/);
  });

  test('open-apis answers unknown routes and bad JSON with Feishu-style JSON errors', async () => {
    const r = await fetch(`${emu.url}/open-apis/im/v1/messages?receive_id_type=open_id`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{bad',
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { code: number }).code).toBe(99992402);
  });
});
