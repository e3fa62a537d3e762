/** 进度 shows when the next reminder goes out: the real bot, a round due in a month, the real clock. */
import { formatReminderTime, nextReminderAt } from '../../src/reminders/next.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Round } from '../../src/rounds/round.js';
import { startPair, type Pair } from '../server/harness.js';
import { P, ROUND_A } from '../reminders/season-fixture.js';

describe('进度 and the next reminder', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair();
  });
  afterAll(() => pair.close());

  it('names the date and time of the next reminder', async () => {
    const due = new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const round: Round = { ...ROUND_A, id: 'r-progress', deadline: `${due}T23:59:00+08:00` };
    await roundRepo(pair.bot.storage).save(round);
    const expected = nextReminderAt(round, Date.now(), createWorkdayCalendar());
    expect(expected).toBeDefined();

    await pair.emu.sendText(P.zhang.open_id, '进度');
    const msgs = await pair.emu.waitForMessages(
      P.zhang.open_id,
      (m) => m.some((x) => x.sender === 'bot' && JSON.stringify(x.content).includes('年度年报进度')),
      10_000,
    );
    const card = JSON.stringify(msgs.filter((x) => x.sender === 'bot').at(-1)!.content);
    expect(card).toContain(`下次提醒：${formatReminderTime(expected!)}（北京时间）`);
  }, 20_000);
});

describe('进度 on the bot clock', () => {
  let pair: Pair;
  let clock = Date.parse('2025-01-15T10:00:00+08:00');
  beforeAll(async () => {
    pair = await startPair({ bot: { now: () => clock, startReminders: false } });
    await roundRepo(pair.bot.storage).save(ROUND_A);
  });
  afterAll(() => pair.close());

  const progressCards = () =>
    pair.emu
      .messages(P.zhang.open_id)
      .filter((m) => m.sender === 'bot' && JSON.stringify(m.content).includes('年度年报进度'));

  it('names the next reminder after the bot’s now, from the chat command and from the card button', async () => {
    // 15 January 2025 10:00, after that day's reminder: the next one is 5 working days before the deadline.
    await pair.emu.sendText(P.zhang.open_id, '进度');
    await pair.emu.waitForMessages(P.zhang.open_id, () => progressCards().length === 2, 10_000);
    for (const card of progressCards())
      expect(JSON.stringify(card.content)).toContain('下次提醒：1月22日（周三）09:30（北京时间）');

    // The 查看进度 button a day later, on Sunday 26 January (a 调休 working day) after 09:30.
    clock = Date.parse('2025-01-26T10:00:00+08:00');
    const card = progressCards()[0];
    const value = { action: 'progress', round_id: 'r2024a', unit_id: 'u1' };
    const tapped = await pair.emu.act(card.message_id, { open_id: P.zhang.open_id, value });
    expect(tapped.error).toBeUndefined();
    expect(JSON.stringify(tapped.card)).toContain('下次提醒：1月27日（周一）09:30（北京时间）');
  }, 20_000);
});
