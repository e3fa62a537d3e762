import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { ALL_STEPS } from '../../src/filling/steps.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { BODY_LIMIT_BYTES } from '../../src/server/raw-body.js';
import { HTTP_TIMEOUTS } from '../../src/server/http-server.js';
import { cardPush, messagePush } from '../protocol/events.js';
import { botMessages, feishuPush, messageEvent, startPair, type Pair } from './harness.js';

const user = DEMO.filler.open_id;
const FAKE_SIGNATURE = {
  'content-type': 'application/json',
  'x-lark-request-timestamp': String(Math.floor(Date.now() / 1000)),
  'x-lark-request-nonce': 'n',
  'x-lark-signature': 'f'.repeat(64),
};

/** POST over node:http: a refusal may close the connection before the whole body is sent ('reset'). */
function rawPost(url: string, body: string | Buffer, headers: Record<string, string>) {
  return new Promise<number | 'reset'>((resolve) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve('reset'));
    req.end(body);
  });
}

/** A genuine message through the emulator; resolves once the bot has answered it (its n-th answer). */
async function answered(p: Pair, n: number) {
  await p.emu.sendText(user, '帮助');
  return botMessages(await p.emu.waitForMessages(user, (m) => botMessages(m).length >= n, 10_000));
}

const logBytes = (p: Pair) => p.lines.reduce((n, l) => n + JSON.stringify(l).length, 0);

describe('the webhook under hostile traffic, encrypt key set (issue 14)', () => {
  let p: Pair;
  beforeAll(async () => {
    // Short slow-client limits so the slowloris case takes a second; the defaults are checked below.
    p = await startPair({ bot: { http: { headersMs: 800, requestMs: 800, checkEveryMs: 100 } } });
  });
  afterAll(async () => {
    await p.close();
  });

  it('item 1: a body over the limit is refused with 413 before it is read, whatever its signature', async () => {
    const big = JSON.stringify({ encrypt: 'A'.repeat(900 * 1024) });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => rawPost(p.bot.webhookUrl, big, FAKE_SIGNATURE)),
    );
    for (const r of results) expect([413, 'reset']).toContain(r);
    expect(p.lines.some((l) => l.reason === 'body too large' && l.bytes === Buffer.byteLength(big))).toBe(
      true,
    );
    expect(await answered(p, 1)).toHaveLength(1);
  });

  it('item 1: the signature is checked on the bytes before parsing (a forged body that is not even JSON gets 401)', async () => {
    const notJson = '{"encrypt":' + '{"a":1,'.repeat(20_000);
    expect(await rawPost(p.bot.webhookUrl, notJson, FAKE_SIGNATURE)).toBe(401);
    const manyKeys = '{' + Array.from({ length: 20_000 }, (_, i) => `"k${i}":0`).join(',') + '}';
    expect(await rawPost(p.bot.webhookUrl, manyKeys, FAKE_SIGNATURE)).toBe(401);
    expect(p.lines.filter((l) => l.reason === 'body is not JSON')).toHaveLength(0);
  });

  it('item 1: the largest genuine pushes (a table-三 form with every input at 1,000 characters, a 150 KB text) fit under the limit and are processed', async () => {
    const widest = Math.max(...ALL_STEPS.map((s) => s.keys.length));
    const step = ALL_STEPS.find((s) => s.keys.length === widest)!;
    const form = Object.fromEntries(step.keys.map((k) => [k, '政'.repeat(1000)]));
    const formPush = feishuPush(
      cardPush(p.settings, {
        tag: 'button',
        name: 'submit_step',
        value: { action: 'help' },
        form_value: form,
      }),
      p.settings.encryptKey,
    );
    // Feishu's limit for a text message is 150 KB: 50,000 characters of Chinese.
    const textPush = feishuPush(
      messagePush(p.settings, { content: { text: '政'.repeat(50_000) }, openId: user }),
      p.settings.encryptKey,
    );
    const largest = Math.max(Buffer.byteLength(formPush.body), Buffer.byteLength(textPush.body));
    expect(largest).toBeLessThan(BODY_LIMIT_BYTES);
    expect(largest).toBeGreaterThan(BODY_LIMIT_BYTES / 3); // the limit is sized on them, not far above
    const r = await fetch(p.bot.webhookUrl, {
      method: 'POST',
      headers: formPush.headers,
      body: formPush.body,
    });
    expect(r.status).toBe(200);
    expect(JSON.stringify(await r.json())).toContain('帮助');
    expect(await rawPost(p.bot.webhookUrl, textPush.body, textPush.headers)).toBe(200);
  });

  it('item 2: unauthenticated legacy card callbacks are refused, and the log stays small and holds nothing they sent', async () => {
    const before = logBytes(p);
    const openId = 'ou_' + 'z'.repeat(200 * 1024);
    const legacy = JSON.stringify({
      open_id: openId,
      action: { value: { action: 'approve' }, tag: 'button' },
    });
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        rawPost(p.bot.webhookUrl, legacy, { 'content-type': 'application/json' }),
      ),
    );
    expect(new Set(results)).toEqual(new Set([401]));
    // At most a few summary lines per cause a minute, each a few hundred bytes.
    expect(logBytes(p) - before).toBeLessThan(5 * 1024);
    expect(p.lines.some((l) => JSON.stringify(l).includes('zzzzzzzz'))).toBe(false);
  });

  it('item 7: deeply nested JSON with signature headers gets no 500 and no stack in the log', async () => {
    const deep = `{"encrypt":"x","a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    expect(await rawPost(p.bot.webhookUrl, deep, FAKE_SIGNATURE)).toBe(401);
    expect(await rawPost(p.bot.webhookUrl, deep, { 'content-type': 'application/json' })).toBe(401);
    expect(p.lines.filter((l) => (l.level as number) >= 50 || JSON.stringify(l).includes('stack'))).toEqual(
      [],
    );
  });

  it('item 10: slow-body connections are closed within seconds, and the defaults are seconds too', async () => {
    expect(HTTP_TIMEOUTS.requestMs).toBeLessThanOrEqual(10_000);
    expect(HTTP_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(HTTP_TIMEOUTS.checkEveryMs).toBeLessThanOrEqual(1_000);
    const { port } = new URL(p.bot.url);
    const sockets: Socket[] = [];
    let closed = 0;
    for (let i = 0; i < 50; i++) {
      const s = connect(Number(port), '127.0.0.1');
      s.on('error', () => undefined);
      s.on('close', () => closed++);
      s.write(
        `POST /feishu/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
      );
      sockets.push(s);
    }
    // A byte every 100 ms: never idle, never finished.
    const drip = setInterval(() => sockets.forEach((s) => s.writable && s.write(' ')), 100);
    const end = Date.now() + 5_000;
    while (closed < sockets.length && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    clearInterval(drip);
    sockets.forEach((s) => s.destroy());
    expect(closed).toBe(sockets.length);
    expect(await answered(p, 2)).toHaveLength(2);
  });
});

describe('the webhook in token-only mode (no encrypt key) (issue 14 item 8)', () => {
  let p: Pair;
  beforeAll(async () => {
    p = await startPair({ encryptKey: '' });
  });
  afterAll(async () => {
    await p.close();
  });

  it('a captured push replayed hours later without its timestamp headers is refused and not processed', async () => {
    const old = messageEvent(p.settings, user, '帮助');
    old.header.create_time = String(Date.now() - 7 * 3_600_000);
    const r = await rawPost(p.bot.webhookUrl, JSON.stringify(old), { 'content-type': 'application/json' });
    expect(r).toBe(401);
    expect(await answered(p, 1)).toHaveLength(1);
  });

  it('the right token with an encrypt field is refused (400), not a 500 from the SDK', async () => {
    const body = JSON.stringify({
      encrypt: 'AAAA',
      token: p.settings.verificationToken,
      type: 'url_verification',
    });
    expect(await rawPost(p.bot.webhookUrl, body, { 'content-type': 'application/json' })).toBe(400);
    const signed = feishuPush({ encrypt: 'AAAA', token: p.settings.verificationToken }, '');
    expect(await rawPost(p.bot.webhookUrl, signed.body, signed.headers)).toBe(400);
    expect(p.lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('deeply nested JSON carrying the token gets 400, no 500 and no stack', async () => {
    const deep = `{"token":"${p.settings.verificationToken}","a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    expect(await rawPost(p.bot.webhookUrl, deep, { 'content-type': 'application/json' })).toBe(400);
    expect(p.lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});
