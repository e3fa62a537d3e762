import { FEISHU_TIMING, startApproval } from '../integration/approval-helpers.js';
import { by, Person, WANG, ZHANG } from '../integration/fill-helpers.js';
import { botMessages, feishuPush, messageEvent, post, type Pair } from '../server/harness.js';

// Feishu wants an answer within 3 s. The emulator holds every Open API call this long, so an answer that
// waited on one (a send, a token) would come after the emulator's delayed call had completed.
const SLOW_API_MS = 2500;

describe('every push is answered without waiting on the (slow) Open API', () => {
  let pair: Pair;
  afterEach(async () => {
    pair.emu.setFaults({ delayMs: 0 });
    await pair.close();
  });

  it('a chat message: HTTP 200 comes before the reply is created, and the reply still arrives', async () => {
    ({ pair } = await startApproval(undefined, FEISHU_TIMING));
    pair.emu.setFaults({ delayMs: SLOW_API_MS });
    const created = pair.emu.stats().messagesCreated;
    const r = await post(
      pair.bot.webhookUrl,
      feishuPush(messageEvent(pair.settings, ZHANG, '帮助'), pair.settings.encryptKey),
    );
    expect(r.status).toBe(200);
    expect(pair.emu.stats().messagesCreated).toBe(created);
    expect(botMessages(pair.emu.messages(ZHANG))).toHaveLength(0);
    const msgs = await pair.emu.waitForMessages(ZHANG, (m) => botMessages(m).length === 1, 20_000);
    expect(JSON.stringify(botMessages(msgs)[0].content)).toContain('年报助手 · 帮助');
  });

  it('a card tap that notifies someone else (提交审核): answered before the approver card is created', async () => {
    ({ pair } = await startApproval(undefined, FEISHU_TIMING));
    const z = new Person(pair, ZHANG);
    const unit = await z.fill();
    await z.tap(unit, by.action('summary'));
    pair.emu.setFaults({ delayMs: SLOW_API_MS });
    const created = pair.emu.stats().messagesCreated;
    const r = await z.tap(unit, by.action('submit_for_review'));
    // The submit waits up to 1.5 s for names the slow contact API holds: on a loaded machine that can pass the
    // 2 s deadline, and then 「已收到」 is the answer and the result follows as a message (checked below).
    const answer = JSON.stringify(r);
    expect(answer).toMatch(/已提交审核|已收到，正在处理/);
    // The approver's card is still held by the slow Open API when the tap is answered …
    expect(pair.emu.stats().messagesCreated).toBe(created);
    expect(botMessages(pair.emu.messages(WANG))).toHaveLength(0);
    // … and arrives once it lets go.
    await pair.emu.waitForMessages(WANG, (m) => botMessages(m).length >= 1, 20_000);
    if (!answer.includes('已提交审核'))
      await pair.emu.waitForMessages(
        ZHANG,
        (m) => JSON.stringify(botMessages(m)).includes('已提交审核'),
        20_000,
      );
  });
});
