/**
 * 帮助 from an admin lists what an admin does (新建年报, sending a spreadsheet, 模板, 轮次, 进度) with buttons that
 * work; a filler's and an approver's help card stay exactly as they were. An admin is whoever ADMINS names or
 * whoever administers a round.
 */
import { helpCard } from '../../cards/help.js';
import { validateCard } from '../../src/emulator/card-validation.js';
import { actOnCard, sendMessage } from '../support/control-api.js';
import { chatOf, tap, waitChat } from './admin-helpers.js';
import { settled } from './approval-helpers.js';
import { buttonsOf, cardText, type CardJson } from './fill-helpers.js';
import { bj, P, startLevers, type Levers } from './levers-fixture.js';

describe('帮助 for admins', () => {
  let levers: Levers;
  let emu: string;
  beforeAll(async () => {
    // 赵磊 administers the round; 刘洋 fills in it and is named in ADMINS (he may open next year's rounds).
    levers = await startLevers(bj('2025-01-20T10:00'), { admins: P.liu.open_id });
    emu = levers.pair.emu.url;
  });
  afterAll(async () => {
    await settled(levers.pair);
    await levers.pair.close();
  });

  /** The card the bot answers `text` with. */
  async function answer(openId: string, text: string): Promise<{ id: string; card: CardJson }> {
    const before = (await chatOf(emu, openId)).length;
    await sendMessage(emu, openId, text);
    const chat = await waitChat(emu, openId, (m) =>
      m.slice(before).some((x) => x.sender === 'bot' && x.msg_type === 'interactive'),
    );
    const m = chat.slice(before).find((x) => x.sender === 'bot' && x.msg_type === 'interactive')!;
    return { id: m.message_id, card: m.content as CardJson };
  }
  const actions = (card: CardJson) => buttonsOf(card).map((b) => b.value.action);

  it('lists the admin’s commands with buttons that open them', async () => {
    const help = await answer(P.zhao.open_id, '帮助');
    const text = cardText(help.card);
    for (const word of ['新建年报', '轮次', '进度', '模板', '.xlsx', '催办']) expect(text).toContain(word);
    expect(validateCard(help.card)).toBeNull();
    expect(actions(help.card)).toEqual(
      expect.arrayContaining(['setup_start', 'rounds', 'round_progress', 'admin_help']),
    );

    // 进度 opens the round's progress card, 轮次 the rounds he runs, 新建年报 a new round's card.
    await tap(emu, P.zhao.open_id, help, '进度');
    expect(cardText(help.card)).toContain('年报进度：2024 年度');
    const again = await answer(P.zhao.open_id, '帮助');
    await tap(emu, P.zhao.open_id, again, '轮次');
    expect(cardText(again.card)).toContain('2024 年度政府信息公开工作年度报告');
    const third = await answer(P.zhao.open_id, '帮助');
    await tap(emu, P.zhao.open_id, third, '新建年报');
    expect(cardText(third.card)).toContain('新建年报：');
  });

  it('an admin named in ADMINS gets it too, also when the bot did not understand', async () => {
    const help = await answer(P.liu.open_id, '这个怎么用');
    expect(cardText(help.card)).toContain('没看懂');
    expect(actions(help.card)).toContain('setup_start');
    // 刷新帮助 keeps the admin's help.
    await tap(emu, P.liu.open_id, help, '刷新帮助');
    expect(actions(help.card)).toContain('setup_start');
  });

  it('a filler’s and an approver’s help stay as they are, also from a forwarded admin card', async () => {
    const plain = JSON.parse(JSON.stringify(helpCard())) as CardJson;
    expect((await answer(P.zhang.open_id, '帮助')).card).toEqual(plain);
    expect((await answer(P.wang.open_id, '帮助')).card).toEqual(plain);
    const admins = await answer(P.zhao.open_id, '帮助');
    const refresh = buttonsOf(admins.card).find((b) => b.value.action === 'admin_help')!;
    const forwarded = await actOnCard(emu, admins.id, { open_id: P.zhang.open_id, value: refresh.value });
    expect((forwarded.card as { data: CardJson }).data).toEqual(plain);
  });
});
