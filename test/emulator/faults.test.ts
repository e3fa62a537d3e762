import { startEmulator, type Emulator, type EmulatorUser } from '../../src/emulator/index.js';
import { FaultInjector } from '../../src/emulator/faults.js';
import { APP_ID, APP_SECRET, VERIFICATION_TOKEN, feishuError, sdkClient } from './helpers.js';

// 60 receivers, so the per-user limit (5/s) does not hide the per-app limit (50/s).
const USERS: EmulatorUser[] = Array.from({ length: 60 }, (_, i) => ({
  open_id: `ou_${i.toString(16).padStart(32, '0')}`,
  user_id: `u${i}`,
  union_id: `on_${i.toString(16).padStart(32, '0')}`,
  name: `用户${i}`,
}));

let emu: Emulator;
let clock = 1_767_225_600_000; // frozen unless a test moves it
beforeEach(async () => {
  emu = await startEmulator({
    appId: APP_ID,
    appSecret: APP_SECRET,
    verificationToken: VERIFICATION_TOKEN,
    users: USERS,
    now: () => clock,
  });
});
afterEach(async () => {
  await emu.close();
});

const text = JSON.stringify({ text: '请于 1 月 31 日前完成填报' });

function sender() {
  const client = sdkClient(emu.url);
  return (openId: string, uuid?: string) =>
    client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: openId, msg_type: 'text', content: text, ...(uuid ? { uuid } : {}) },
    });
}

async function outcome(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    return (e as { response: { status: number } }).response.status;
  }
}

const totalMessages = () => USERS.reduce((n, u) => n + emu.messages(u.open_id).length, 0);

describe('fault injection', () => {
  test('rateLimitRate 1 answers 429 / 99991400 with a reset header and sends nothing', async () => {
    const send = sender();
    await send(USERS[1].open_id); // fetch the token first
    emu.setFaults({ rateLimitRate: 1 });
    let headers: Record<string, string> = {};
    try {
      await send(USERS[0].open_id);
    } catch (e) {
      headers = (e as { response: { headers: Record<string, string> } }).response.headers;
    }
    expect(headers['x-ogw-ratelimit-reset']).toBe('1');
    expect(await feishuError(send(USERS[0].open_id))).toMatchObject({ status: 429, code: 99991400 });
    expect(emu.messages(USERS[0].open_id)).toEqual([]);
    expect(emu.stats().rejected429).toBe(2);
  });

  test('error5xxRate 1 answers HTTP 500 and sends nothing; setFaults({}) heals', async () => {
    const send = sender();
    emu.setFaults({ error5xxRate: 1 });
    expect(await outcome(send(USERS[0].open_id))).toBe(500);
    expect(emu.messages(USERS[0].open_id)).toEqual([]);
    expect(emu.stats().rejected5xx).toBe(1);
    emu.setFaults({});
    expect(await outcome(send(USERS[0].open_id))).toBe(200);
  });

  test('the same seed replays the same failures', async () => {
    const send = sender();
    await send(USERS[59].open_id);
    const run = async (): Promise<number[]> => {
      emu.setFaults({ error5xxRate: 0.3, rateLimitRate: 0.3, seed: 7 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push(await outcome(send(USERS[i].open_id)));
      return out;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 429, 500]));
  });

  test('a lost answer still sends; the retry with the same uuid does not send twice', async () => {
    const send = sender();
    emu.setFaults({ lostResponseRate: 1 });
    expect(await outcome(send(USERS[0].open_id, 'reminder-u0-2025-01-20'))).toBe(500);
    expect(emu.messages(USERS[0].open_id)).toHaveLength(1);
    emu.setFaults({});
    const retry = await send(USERS[0].open_id, 'reminder-u0-2025-01-20');
    expect(retry.data?.message_id).toBe(emu.messages(USERS[0].open_id)[0].message_id);
    expect(emu.messages(USERS[0].open_id)).toHaveLength(1);
  });

  test('enforceRateLimits refuses the 51st message within a second, and admits it a second later', async () => {
    const send = sender();
    await send(USERS[59].open_id); // token + one send before limits are on
    emu.setFaults({ enforceRateLimits: true });
    const results: number[] = [];
    for (let i = 0; i < 51; i++) results.push(await outcome(send(USERS[i % 50].open_id)));
    expect(results.slice(0, 50).every((s) => s === 200)).toBe(true);
    expect(results[50]).toBe(429);
    expect(await feishuError(send(USERS[55].open_id))).toMatchObject({ code: 99991400 });
    clock += 1000;
    expect(await outcome(send(USERS[55].open_id))).toBe(200);
    expect(totalMessages()).toBe(1 + 50 + 1);
  });

  test('enforceRateLimits allows 5 messages per second to one user', async () => {
    const send = sender();
    emu.setFaults({ enforceRateLimits: true });
    const results: number[] = [];
    for (let i = 0; i < 6; i++) results.push(await outcome(send(USERS[0].open_id)));
    expect(results).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await outcome(send(USERS[1].open_id))).toBe(200);
  });

  test('delayMs holds every answer back', async () => {
    const send = sender();
    await send(USERS[0].open_id);
    emu.setFaults({ delayMs: 1500 });
    const res = fetch(`${emu.url}/api/info`); // control API is never delayed
    expect((await res).status).toBe(200);
    await expect(
      fetch(`${emu.url}/open-apis/contact/v3/users/${USERS[0].open_id}`, {
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
  });
});

describe('Feishu message limits (the window logic behind enforceRateLimits)', () => {
  test('1000 per minute even when each second stays under 50; the reset says when to retry', () => {
    let now = 0;
    const f = new FaultInjector(() => now);
    f.set({ enforceRateLimits: true });
    let admitted = 0;
    for (let second = 0; second < 25; second++) {
      for (let i = 0; i < 45; i++) if (f.admitMessage(`ou_${i}`) === 0) admitted += 1;
      now += 1000;
    }
    expect(admitted).toBe(1000);
    // the first 45 fall out of the minute window at 60 s; now is 25 s, so a retry fits in 35 s
    expect(f.admitMessage('ou_x')).toBe(35);
    now = 60_000;
    expect(f.admitMessage('ou_x')).toBe(0);
  });

  test('limits are off unless enforced, and setFaults starts the windows afresh', () => {
    const f = new FaultInjector(() => 0);
    for (let i = 0; i < 100; i++) expect(f.admitMessage('ou_a')).toBe(0);
    f.set({ enforceRateLimits: true });
    for (let i = 0; i < 5; i++) expect(f.admitMessage('ou_a')).toBe(0);
    expect(f.admitMessage('ou_a')).toBe(1);
    f.set({ enforceRateLimits: true });
    expect(f.admitMessage('ou_a')).toBe(0);
  });

  test('a message can be patched 5 times per second', () => {
    let now = 0;
    const f = new FaultInjector(() => now);
    f.set({ enforceRateLimits: true });
    const results = Array.from({ length: 6 }, () => f.admitPatch('om_1'));
    expect(results).toEqual([0, 0, 0, 0, 0, 1]);
    expect(f.admitPatch('om_2')).toBe(0);
    now += 1000;
    expect(f.admitPatch('om_1')).toBe(0);
  });
});
