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
