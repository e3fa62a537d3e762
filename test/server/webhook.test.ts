import { DEMO } from '../../src/emulator/demo-tenant.js';
import { botMessages, feishuPush, messageEvent, post, startPair, type Pair } from './harness.js';

const user = DEMO.filler.open_id;
const cardText = (content: unknown) => JSON.stringify(content);

/** A genuine message through the emulator; resolves when the bot has answered it (the n-th bot message). */
async function barrier(p: Pair, n: number) {
  await p.emu.sendText(user, '帮助');
  return p.emu.waitForMessages(user, (m) => botMessages(m).length >= n, 10_000);
}

describe('the bot behind the emulator (encrypted and signed pushes)', () => {
  let p: Pair;
  beforeEach(async () => {
    p = await startPair();
  });
  afterEach(async () => {
    await p.close();
  });

  it('answers a chat message with the help card (Card JSON 2.0, update_multi): what the bot does, for someone with no task yet', async () => {
    const sent = await p.emu.sendText(user, '帮助');
    expect(sent.delivered).toBe(true);
    const msgs = await p.emu.waitForMessages(user, (m) => botMessages(m).length === 1, 10_000);
    const [reply] = botMessages(msgs);
    expect(reply.msg_type).toBe('interactive');
    const card = reply.content as { schema: string; config: { update_multi: boolean } };
    expect(card.schema).toBe('2.0');
    expect(card.config.update_multi).toBe(true);
    const text = cardText(card);
    for (const word of ['年报助手', '填报人', '审核人', '通过或驳回', '新建年报', '还没有年报任务']) {
      expect(text).toContain(word);
    }
    // Nothing to tap for someone with no role: every button would end in a refusal.
    expect(text).not.toContain('"tag":"button"');
  });

  it('answers an unknown command with the help card and says what it did not understand', async () => {
    await p.emu.sendText(user, '今天天气如何');
    const msgs = await p.emu.waitForMessages(user, (m) => botMessages(m).length === 1, 10_000);
    expect(cardText(botMessages(msgs)[0].content)).toContain('没看懂「今天天气如何」');
  });

  it('routes a card button on value.action and answers unknown or broken values with a Chinese toast', async () => {
    const [help] = botMessages(await barrier(p, 1));
    const refreshed = await p.emu.act(help.message_id, { open_id: user, value: { action: 'help' } });
    expect(refreshed.error).toBeUndefined();
    expect(cardText(refreshed.card)).toContain('年报助手 · 帮助');

    const unknown = await p.emu.act(help.message_id, { open_id: user, value: { action: 'no_such_thing' } });
    expect(unknown.toast?.content).toContain('无法识别这个操作');
    const broken = await p.emu.act(help.message_id, { open_id: user, value: { step: 3 } });
    expect(broken.toast?.content).toContain('帮助');
    expect(cardText(broken)).not.toMatch(/Error|at .*\.ts/);
  });

  it('answers the url_verification challenge, which Feishu sends encrypted and unsigned', async () => {
    const push = feishuPush(
      { challenge: 'c-123', token: p.settings.verificationToken, type: 'url_verification' },
      p.settings.encryptKey,
    );
    const r = await fetch(p.bot.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: push.body,
    });
    expect(await r.json()).toEqual({ challenge: 'c-123' });
  });

  it('refuses a push with a wrong signature: not processed, no message, reason logged', async () => {
    const push = feishuPush(messageEvent(p.settings, user, '帮助'), p.settings.encryptKey);
    push.headers['x-lark-signature'] = '0'.repeat(64);
    expect((await post(p.bot.webhookUrl, push)).status).toBe(401);
    const unsigned = feishuPush(messageEvent(p.settings, user, '帮助'), p.settings.encryptKey);
    delete unsigned.headers['x-lark-signature'];
    expect((await post(p.bot.webhookUrl, unsigned)).status).toBe(401);
    const other = feishuPush(messageEvent(p.settings, user, '帮助'), 'someone-elses-key');
    expect((await post(p.bot.webhookUrl, other)).status).toBe(401);
    delete other.headers['x-lark-signature'];
    expect((await post(p.bot.webhookUrl, other)).status).toBe(401);

    expect(botMessages(await barrier(p, 1))).toHaveLength(1);
    const reasons = p.lines.filter((l) => l.msg === 'refused a Feishu push').map((l) => l.reason);
    expect(reasons).toEqual([
      'signature mismatch',
      'signature headers missing',
      'signature mismatch',
      'cannot decrypt with the encrypt key',
    ]);
  });

  it('refuses a correctly signed push whose timestamp is an hour old (a replay)', async () => {
    const push = feishuPush(messageEvent(p.settings, user, '帮助'), p.settings.encryptKey, {
      nowMs: Date.now() - 3_600_000,
    });
    expect((await post(p.bot.webhookUrl, push)).status).toBe(401);
    expect(botMessages(await barrier(p, 1))).toHaveLength(1);
    expect(p.lines.some((l) => l.reason === 'timestamp too far from now')).toBe(true);
  });

  it('answers an event delivered three times once (emulator duplicates, and the same body replayed)', async () => {
    p.emu.setFaults({ duplicateDeliveries: 2 });
    await p.emu.sendText(user, '帮助');
    p.emu.setFaults({});
    const push = feishuPush(messageEvent(p.settings, user, '进度?'), p.settings.encryptKey);
    for (let i = 0; i < 3; i++) expect((await post(p.bot.webhookUrl, push)).status).toBe(200);
    // the barrier is the 3rd distinct event: exactly 3 answers, not 7
    const msgs = await barrier(p, 3);
    expect(botMessages(msgs)).toHaveLength(3);
    // processed once per event id, not just deduplicated on the way out
    expect(
      p.lines.filter((l) => l.msg === 'message command' || l.msg === 'message not understood'),
    ).toHaveLength(3);
    expect(p.lines.filter((l) => l.msg === 'duplicate delivery ignored')).toHaveLength(4);
  });

  it('handles a card callback delivered three times once, and every delivery gets the real answer', async () => {
    const [help] = botMessages(await barrier(p, 1));
    p.emu.setFaults({ duplicateDeliveries: 2 });
    const r = await p.emu.act(help.message_id, { open_id: user, value: { action: 'help' } });
    p.emu.setFaults({});
    expect(cardText(r.card)).toContain('年报助手 · 帮助');
    expect(p.lines.filter((l) => l.msg === 'card action')).toHaveLength(1);
    expect(p.lines.filter((l) => l.msg === 'duplicate delivery answered from memory')).toHaveLength(2);
  });

  it('still answers a redelivered event once after a restart', async () => {
    const push = feishuPush(messageEvent(p.settings, user, '帮助'), p.settings.encryptKey);
    await post(p.bot.webhookUrl, push);
    await p.emu.waitForMessages(user, (m) => botMessages(m).length === 1, 10_000);
    await p.restart();
    expect((await post(p.bot.webhookUrl, push)).status).toBe(200);
    expect(botMessages(await barrier(p, 2))).toHaveLength(2);
    expect(p.lines.filter((l) => l.msg === 'duplicate delivery ignored')).toHaveLength(1);
  });

  it('serves GET /healthz', async () => {
    const r = await fetch(`${p.bot.url}/healthz`);
    expect(await r.json()).toEqual({ ok: true });
  });
});

describe('the bot without an encrypt key (plaintext pushes carry the verification token)', () => {
  let p: Pair;
  beforeEach(async () => {
    p = await startPair({ encryptKey: '' });
  });
  afterEach(async () => {
    await p.close();
  });

  it('answers genuine plaintext pushes and the plaintext challenge', async () => {
    expect(botMessages(await barrier(p, 1))).toHaveLength(1);
    const r = await post(
      p.bot.webhookUrl,
      feishuPush({ challenge: 'c-9', token: p.settings.verificationToken, type: 'url_verification' }, ''),
    );
    expect(JSON.parse(r.text)).toEqual({ challenge: 'c-9' });
  });

  it('refuses a push with a wrong verification token (the SDK never compares it for v2 events)', async () => {
    const forged = messageEvent({ ...p.settings, verificationToken: 'guessed' }, user, '帮助');
    expect((await post(p.bot.webhookUrl, feishuPush(forged, ''))).status).toBe(401);
    const challenge = { challenge: 'c-1', token: 'guessed', type: 'url_verification' };
    expect((await post(p.bot.webhookUrl, feishuPush(challenge, ''))).status).toBe(401);
    expect(botMessages(await barrier(p, 1))).toHaveLength(1);
    expect(p.lines.filter((l) => l.reason === 'verification token mismatch')).toHaveLength(2);
  });
});
