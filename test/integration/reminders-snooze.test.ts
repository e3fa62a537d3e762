/**
 * 「明天再提醒我」 through the real bot: the tap on the reminder card (emulator → webhook → route) keeps that
 * person's reminders of the round quiet until the next working day's slot, where they get one reminder even
 * on a day the plan has none; other people are not affected.
 */
import type { ChatMessage } from '../../src/emulator/types.js';
import type { Reminder } from '../../src/reminders/audience.js';
import { startPair, type Pair } from '../server/harness.js';
import { buttonsOf, type CardJson, type Value } from './fill-helpers.js';
import { bj, fill, nameOf, P, ROUND_A, saveRounds } from '../reminders/season-fixture.js';

/** The value of the one button of a card with this text. */
function buttonValue(msg: ChatMessage, text: string): Value {
  const found = buttonsOf(msg.content as CardJson).filter((b) => b.text === text);
  if (found.length !== 1) throw new Error(`no single button ${text}`);
  return found[0].value;
}

describe('明天再提醒我', () => {
  let pair: Pair;
  let clock = bj('2025-01-15T09:30');
  beforeAll(async () => {
    pair = await startPair({ bot: { now: () => clock, startReminders: false } });
  });
  afterAll(() => pair.close());

  const line = (r: Reminder) => `${r.date} ${nameOf(r.to)}${r.kind === 'fill' ? ` ${r.reason}` : ''}`;
  const cards = (openId: string) => pair.emu.messages(openId).filter((m) => m.sender === 'bot');
  async function tickAt(local: string): Promise<string[]> {
    clock = bj(local);
    const report = await pair.bot.reminders.tick(clock);
    await pair.bot.outbox.drained();
    return report.sent.map(line);
  }
  async function snooze(openId: string, local: string) {
    clock = bj(local);
    const card = cards(openId).at(-1)!;
    return pair.emu.act(card.message_id, { open_id: openId, value: buttonValue(card, '明天再提醒我') });
  }

  it('keeps one person quiet until the next working day, then reminds them once', async () => {
    const storage = pair.bot.storage;
    await saveRounds(storage, [ROUND_A]);
    await fill(storage, 'r2024a', 'u1', ['s1', 's2', 's3', 's4', 's5', 's6']);
    await fill(storage, 'r2024a', 'u3', ['s1', 's2', 's3', 's4', 's5', 's6']);
    await fill(storage, 'r2024a', 'u2', ['s1']);

    expect(await tickAt('2025-01-15T09:30')).toEqual(['2025-01-15 张敏 before', '2025-01-15 李强 before']);
    const tap = await snooze(P.zhang.open_id, '2025-01-15T10:00');
    expect(tap.toast).toEqual({ type: 'success', content: '好的，1月16日（周四）09:30再提醒你' });

    // 16 January has no planned reminder: only the person who asked hears from us.
    const week: string[] = [];
    for (const day of ['16', '17', '20', '21']) week.push(...(await tickAt(`2025-01-${day}T09:30`)));
    expect(week).toEqual(['2025-01-16 张敏 snoozed']);

    // Asked before the slot of a planned day: that day is skipped for her, not for 李强.
    const early = await snooze(P.zhang.open_id, '2025-01-22T08:00');
    expect(early.toast?.content).toBe('好的，1月23日（周四）09:30再提醒你');
    expect(await tickAt('2025-01-22T09:30')).toEqual(['2025-01-22 李强 before']);
    expect(await tickAt('2025-01-23T09:30')).toEqual(['2025-01-23 张敏 snoozed']);

    // Friday's 「明天」 is the 调休 Sunday 26 January.
    expect(await tickAt('2025-01-24T09:30')).toEqual(['2025-01-24 张敏 before', '2025-01-24 李强 before']);
    const friday = await snooze(P.li.open_id, '2025-01-24T10:00');
    expect(friday.toast?.content).toBe('好的，1月26日（周日）09:30再提醒你');
    expect(await tickAt('2025-01-26T09:30')).toEqual(['2025-01-26 张敏 before', '2025-01-26 李强 before']);

    expect(cards(P.zhang.open_id)).toHaveLength(5);
    expect(cards(P.li.open_id)).toHaveLength(4);
    expect(JSON.stringify(cards(P.zhang.open_id)[1].content)).toContain('按你的要求，今天再提醒一次');

    // 继续填报 opens her part of the report.
    const last = cards(P.zhang.open_id).at(-1)!;
    const open = await pair.emu.act(last.message_id, {
      open_id: P.zhang.open_id,
      value: buttonValue(last, '继续填报'),
    });
    expect(open.error).toBeUndefined();
    expect(JSON.stringify(open.card)).toContain('某县教育局');
  }, 30_000);
});
