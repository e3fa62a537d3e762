import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectNoStack } from './friendly.js';
import { push, startProtocolBot, type ProtocolBot } from './fake-open-api.js';

// Copies of the project's feishu-samples/payloads (kept beside this test): real Feishu pushes (fixed IV, nonce and timestamp).
interface Sample {
  encryptKey?: string;
  verificationToken?: string;
  request: { headers: Record<string, string>; body: string };
  decrypted: {
    header?: { app_id: string; token: string; create_time: string };
    token?: string;
    challenge?: string;
  };
}
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'samples');
const sample = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Sample;
const MESSAGE = sample('01-im.message.receive_v1.signed-encrypted.json');
const FORM = sample('02-card.action.trigger.form-submit.signed-encrypted.json');
const APPROVE = sample('03-card.action.trigger.approve-button.plaintext.json');
const CHALLENGE = sample('04-url_verification.encrypted.json');

const APP_ID = MESSAGE.decrypted.header!.app_id;
const TOKEN = MESSAGE.verificationToken!;
const EK = MESSAGE.encryptKey!;
// The samples were signed at this second; the bot's clock is set just after it so the freshness check passes.
const SIGNED_AT_MS = Number(MESSAGE.request.headers['x-lark-request-timestamp']) * 1000;
const nearSample = () => SIGNED_AT_MS + 2_000;
// A plaintext push has no signing time: its age is read from header.create_time (this sample writes µs).
const nearApprove = () => Number(APPROVE.decrypted.header!.create_time) / 1000 + 2_000;

describe('the four real Feishu samples through the real bot (encrypt key and token from the samples)', () => {
  let b: ProtocolBot;
  afterEach(async () => {
    await b.close();
  });

  it('01 message (signed, encrypted): processed, the sender gets an answer', async () => {
    b = await startProtocolBot(
      { appId: APP_ID, verificationToken: TOKEN, encryptKey: EK },
      { webhookNow: nearSample },
    );
    const r = await push(b.bot.webhookUrl, MESSAGE.request.body, MESSAGE.request.headers);
    expect(r.status).toBe(200);
    const [call] = await b.api.waitForMessages(1);
    const to = String(call.body.receive_id ?? '') + call.path;
    expect(to).toMatch(/ou_7d8a6e6df7621556ce0d21922b676706|om_dc13264520392913993dd051dba21dcf/);
  });

  it('01 message with the real clock: refused as stale (HTTP 401), nothing sent', async () => {
    b = await startProtocolBot({ appId: APP_ID, verificationToken: TOKEN, encryptKey: EK });
    const r = await push(b.bot.webhookUrl, MESSAGE.request.body, MESSAGE.request.headers);
    expect(r.status).toBe(401);
    expect(b.lines.some((l) => l.reason === 'timestamp too far from now')).toBe(true);
    await b.bot.outbox.drained();
    expect(b.api.messageCalls()).toHaveLength(0);
  });

  it('02 form submit (signed, encrypted): answered with a Chinese toast, HTTP 200', async () => {
    b = await startProtocolBot(
      { appId: APP_ID, verificationToken: TOKEN, encryptKey: EK },
      { webhookNow: nearSample },
    );
    const r = await push(b.bot.webhookUrl, FORM.request.body, FORM.request.headers);
    expect(r.status).toBe(200);
    const answer = r.json as { toast?: { content: string } };
    expect(answer.toast?.content).toMatch(/[\u4e00-\u9fff]/);
    expectNoStack(r.text);
  });

  it('02 form submit with the real clock: refused as stale', async () => {
    b = await startProtocolBot({ appId: APP_ID, verificationToken: TOKEN, encryptKey: EK });
    const r = await push(b.bot.webhookUrl, FORM.request.body, FORM.request.headers);
    expect(r.status).toBe(401);
    expect(r.text).not.toContain('toast');
  });

  it('03 approve button (plaintext app, no x-lark headers) on an unknown report: friendly toast, HTTP 200', async () => {
    b = await startProtocolBot(
      { appId: APP_ID, verificationToken: TOKEN, encryptKey: '' },
      { webhookNow: nearApprove },
    );
    const r = await push(b.bot.webhookUrl, APPROVE.request.body, APPROVE.request.headers);
    expect(r.status).toBe(200);
    const answer = r.json as { toast?: { content: string; type: string } };
    expect(answer.toast?.content).toMatch(/[\u4e00-\u9fff]/);
    expectNoStack(r.text);
  });

  it('03 in plaintext mode: the same push with a wrong verification token is refused and not processed', async () => {
    b = await startProtocolBot({ appId: APP_ID, verificationToken: 'v-another-token', encryptKey: '' });
    const r = await push(b.bot.webhookUrl, APPROVE.request.body, APPROVE.request.headers);
    expect(r.status).toBe(401);
    expect(r.text).not.toContain('toast');
  });

  it('04 url_verification (encrypted, unsigned): answers {challenge}', async () => {
    b = await startProtocolBot({ appId: APP_ID, verificationToken: TOKEN, encryptKey: EK });
    const r = await push(b.bot.webhookUrl, CHALLENGE.request.body, CHALLENGE.request.headers);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ challenge: CHALLENGE.decrypted.challenge });
  });
});
