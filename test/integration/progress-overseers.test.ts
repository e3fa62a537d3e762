/**
 * 进度 and 填报 from people who oversee rather than fill: the admin sees every unit of the round with where it
 * stands (the ones to chase first), an approver the units they approve; neither hits a dead end.
 */
import { SECTIONS } from '../../src/report/template.js';
import { startPair, type Pair } from '../server/harness.js';
import {
  approveReport,
  bj,
  fill,
  P,
  ROUND_A,
  saveRounds,
  submitForReview,
  USERS,
} from '../reminders/season-fixture.js';

describe('进度 for admins and approvers', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair({ bot: { startReminders: false }, users: USERS });
    const storage = pair.bot.storage;
    await saveRounds(storage, [ROUND_A]);
    // u1 approved, u2 half filled, u3 complete and waiting for its approver.
    await fill(
      storage,
      ROUND_A.id,
      'u1',
      SECTIONS.map((s) => s.id),
    );
    await submitForReview(storage, ROUND_A, 'u1', P.zhang.open_id, bj('2025-01-10T10:00'));
    await approveReport(storage, ROUND_A.id, 'u1', P.wang.open_id, bj('2025-01-11T10:00'));
    await fill(storage, ROUND_A.id, 'u2', ['s1', 's2', 's3']);
    await fill(
      storage,
      ROUND_A.id,
      'u3',
      SECTIONS.map((s) => s.id),
    );
    await submitForReview(storage, ROUND_A, 'u3', P.zhou.open_id, bj('2025-01-12T10:00'));
  });
  afterAll(() => pair.close());

  async function lastBotMessage(openId: string, text: string): Promise<string> {
    const before = pair.emu.messages(openId).filter((m) => m.sender === 'bot').length;
    await pair.emu.sendText(openId, text);
    const msgs = await pair.emu.waitForMessages(
      openId,
      (m) => m.filter((x) => x.sender === 'bot').length > before,
      10_000,
    );
    return JSON.stringify(msgs.filter((x) => x.sender === 'bot').at(-1)!.content);
  }

  it('shows the admin every unit, least advanced first, with the counts', async () => {
    const card = await lastBotMessage(P.zhao.open_id, '进度');
    expect(card).toContain('共 **3** 个单位：已通过 1 · 审核中 1 · 已填完未提交 0 · 填报中 1');
    const order = [
      "**某县教育局**\u3000<font color='orange'>填报中 3/6</font>",
      '**某县卫健委**\u3000审核中',
      "**某县财政局**\u3000<font color='green'>已通过审核</font>",
    ];
    const at = order.map((line) => card.indexOf(line));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('shows an approver the progress of the units they approve', async () => {
    const card = await lastBotMessage(P.chen.open_id, '进度');
    expect(card).toContain('某县卫健委');
    expect(card).not.toContain('某县财政局');
  });

  it('answers 填报 from an admin with where to look instead of a dead end', async () => {
    expect(await lastBotMessage(P.zhao.open_id, '填报')).toContain('发送「进度」');
  });
});
