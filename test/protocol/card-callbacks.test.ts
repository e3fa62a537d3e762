import { createHash } from 'node:crypto';
import { feishuPush } from '../server/harness.js';
import {
  buttonsOf,
  by,
  inputsOf,
  Person,
  startFilling,
  ZHANG,
  type CardJson,
} from '../integration/fill-helpers.js';
import type { Pair } from '../server/harness.js';
import { cardPush, USER } from './events.js';
import { expectNoStack } from './friendly.js';
import { push, startProtocolBot, type ProtocolBot } from './fake-open-api.js';

const keys = {
  appId: 'cli_a5f1e2d3c4b5a697',
  verificationToken: 'v-proto-token',
  encryptKey: 'proto-ek-2024',
};
type Answer = { toast?: { type: string; content: string }; card?: { type: string; data: object } };

describe('card callbacks in the shapes real Feishu (and older clients) send', () => {
  let b: ProtocolBot;
  beforeEach(async () => {
    b = await startProtocolBot(keys);
  });
  afterEach(async () => {
    await b.close();
  });
  const tap = async (plain: object) => {
    const p = feishuPush(plain, keys.encryptKey);
    const r = await push(b.bot.webhookUrl, p.body, p.headers);
    return { ...r, answer: r.json as Answer };
  };

  it('action.value as a JSON string is parsed and routed like an object', async () => {
    const r = await tap(cardPush(keys, { value: JSON.stringify({ action: 'help' }) }));
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.answer.card)).toContain('年报助手 · 帮助');
  });

  it('a callback without context (no open_message_id, no open_chat_id) does not crash', async () => {
    const help = await tap(cardPush(keys, { value: { action: 'help' } }, { context: null }));
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.answer.card)).toContain('年报助手 · 帮助');
    const fill = await tap(
      cardPush(
        keys,
        { value: { action: 'open_section', round_id: 'r', unit_id: 'u', section: 's1' } },
        { context: null },
      ),
    );
    expect(fill.status).toBe(200);
    expect(fill.answer.toast?.content ?? JSON.stringify(fill.answer.card)).toMatch(/[\u4e00-\u9fff]/);
    expectNoStack(fill.text);
  });

  it('a card.action.trigger of another app_id is not processed: a warning toast, nothing routed', async () => {
    const r = await tap(cardPush({ ...keys, appId: 'cli_0000000000000000' }, { value: { action: 'help' } }));
    expect(r.status).toBe(200);
    expect(r.answer.card).toBeUndefined();
    expect(r.answer.toast).toEqual({ type: 'warning', content: expect.stringContaining('不属于年报助手') });
  });

  it('a message of another app_id is ignored', async () => {
    const { messagePush } = await import('./events.js');
    const p = feishuPush(
      messagePush({ ...keys, appId: 'cli_0000000000000000' }, { content: { text: '帮助' } }),
      keys.encryptKey,
    );
    expect((await push(b.bot.webhookUrl, p.body, p.headers)).status).toBe(200);
    const ok = feishuPush(messagePush(keys, { content: { text: '进度' } }), keys.encryptKey);
    await push(b.bot.webhookUrl, ok.body, ok.headers); // barrier: answered, and the only answer
    await b.api.waitForMessages(1);
    await b.bot.outbox.drained();
    expect(b.api.messageCalls()).toHaveLength(1);
    expect(String(b.api.messageCalls()[0].body.content)).not.toContain('年报助手 · 帮助');
  });

  it('a legacy v1 card callback body (no schema; open_id, action, token) gets a friendly toast, never a 500', async () => {
    const legacy = {
      open_id: USER,
      user_id: 'u_x',
      open_message_id: 'om_legacy0001',
      open_chat_id: 'oc_legacy0001',
      tenant_key: '736588c9260f175d',
      token: 'c-legacy-card-token',
      action: { value: { action: 'approve', report_id: 'rpt_2024_0042' }, tag: 'button' },
    };
    // Signed the legacy way (sha1 over the verification token), as Feishu does for old callbacks.
    const body = JSON.stringify(legacy);
    const signedLegacy = (token: string) => {
      const ts = String(Math.floor(Date.now() / 1000));
      const nonce = 'n0nce';
      return {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': ts,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': createHash('sha1')
          .update(ts + nonce + token + body)
          .digest('hex'),
      };
    };
    const r = await push(b.bot.webhookUrl, body, signedLegacy(keys.verificationToken));
    expect(r.status).toBe(200);
    expect((r.json as Answer).toast?.content).toContain('帮助');
    // Unsigned or signed with another token it is not Feishu's: refused before anything is answered or logged.
    expect((await push(b.bot.webhookUrl, body, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await push(b.bot.webhookUrl, body, signedLegacy('v-guessed'))).status).toBe(401);
    const plainBot = await startProtocolBot({ ...keys, encryptKey: '' });
    try {
      const r2 = await push(plainBot.bot.webhookUrl, body, signedLegacy(keys.verificationToken));
      expect(r2.status).toBe(200);
      expect((r2.json as Answer).toast?.content).toContain('旧版卡片');
      const r3 = await push(plainBot.bot.webhookUrl, body, { 'content-type': 'application/json' });
      expect(r3.status).toBe(401);
    } finally {
      await plainBot.close();
    }
  });
});

describe('form_value with non-string values (multi-select arrays, numbers) on a real filling card', () => {
  let pair: Pair;
  afterEach(async () => {
    await pair.close();
  });

  /** Opens section 1 and submits its first step with `form` as form_value, straight through the emulator. */
  async function submitFirstStep(form: (inputName: string) => unknown) {
    ({ pair } = await startFilling());
    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's1' }));
    const button = buttonsOf(screen.card).find((x) => x.value.action === 'submit_step');
    expect(button).toBeDefined();
    const names = Object.keys(inputsOf(screen.card));
    expect(names.length).toBeGreaterThan(0);
    const r = await pair.emu.act(screen.messageId, {
      open_id: ZHANG,
      value: button!.value,
      form_value: Object.fromEntries(names.map((n) => [n, form(n)])) as Record<string, string>,
    });
    expect(r.error).toBeUndefined();
    expectNoStack(JSON.stringify(r));
    return { r, names, card: (r.card as { data?: CardJson } | undefined)?.data };
  }

  it('a number where a string was expected is read as its text', async () => {
    const { r, card } = await submitFirstStep(() => 2024);
    expect(r.toast?.content).toBe('已保存');
    expect(JSON.stringify(card)).toContain('第 2/7 步');
  });

  it('an array (a multi-select) in a text input does not crash and is answered in Chinese', async () => {
    const { r, card } = await submitFirstStep(() => ['选项一', '选项二']);
    expect(JSON.stringify({ toast: r.toast, card })).toMatch(/[\u4e00-\u9fff]/);
    // Refused next to the field, on the card the person can correct, not a failure of the bot.
    expect(JSON.stringify(card)).toContain('这一栏收到的内容无法识别');
    expect(r.toast?.content).toContain('需要修改');
  });
});
