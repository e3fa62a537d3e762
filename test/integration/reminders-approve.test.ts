/**
 * 催办 through the real bot and the real approval module: the approver whose turn it is hears after one full
 * working day, 去审核 opens the review card, and once the report is approved the reminders stop.
 */
import type { ChatMessage } from '../../src/emulator/types.js';
import { startPair, type Pair } from '../server/harness.js';
import {
  approveReport,
  bj,
  fill,
  P,
  ROUND_A,
  saveRounds,
  submitForReview,
} from '../reminders/season-fixture.js';
import { buttonsOf, type CardJson, type Value } from './fill-helpers.js';

/** The value of the first button of a card with this text. */
const button = (msg: ChatMessage, text: string): Value | undefined =>
  buttonsOf(msg.content as CardJson).find((b) => b.text === text)?.value;

describe('催办', () => {
  let pair: Pair;
  let clock = bj('2025-01-20T10:00');
  beforeAll(async () => {
    pair = await startPair({ bot: { now: () => clock, startReminders: false } });
  });
  afterAll(() => pair.close());

  const cards = (openId: string) => pair.emu.messages(openId).filter((m) => m.sender === 'bot');
  async function tickAt(local: string) {
    clock = bj(local);
    const report = await pair.bot.reminders.tick(clock);
    await pair.bot.outbox.drained();
    return report.sent.map((r) => `${r.kind} ${r.to === P.wang.open_id ? '王芳' : r.to}`);
  }

  it('reaches the approver after a working day, opens the review, and stops once approved', async () => {
    const storage = pair.bot.storage;
    await saveRounds(storage, [{ ...ROUND_A, units: [ROUND_A.units[0]] }]);
    await fill(storage, 'r2024a', 'u1', ['s1', 's2', 's3', 's4', 's5', 's6']);
    await submitForReview(storage, ROUND_A, 'u1', P.zhang.open_id, bj('2025-01-20T10:00'));

    expect(await tickAt('2025-01-21T09:30')).toEqual([]);
    expect(await tickAt('2025-01-22T09:30')).toEqual(['approve 王芳']);
    const card = cards(P.wang.open_id).at(-1)!;
    expect(JSON.stringify(card.content)).toContain('等待你审核 **1 个工作日**（1月20日 10:00 提交）');
    const value = button(card, '去审核');
    expect(value).toEqual({ action: 'review', round_id: 'r2024a', unit_id: 'u1', submission: 1, step: 0 });
    const review = await pair.emu.act(card.message_id, { open_id: P.wang.open_id, value: value! });
    expect(review.error).toBeUndefined();
    expect(JSON.stringify(review.card)).toContain('某县财政局');

    await approveReport(storage, 'r2024a', 'u1', P.wang.open_id, bj('2025-01-22T11:00'));
    expect(await tickAt('2025-01-23T09:30')).toEqual([]);
    expect(cards(P.wang.open_id)).toHaveLength(1);
  }, 30_000);
});
