/**
 * The admins hear when a unit's report is finally approved, with where the round stands: 「云溪县财政局的年报已审核
 * 通过（第 1 版）。本轮已通过 2/4 个单位。」 — once each; an admin who approved it himself reads it on his toast.
 * Passing a report on to the next approver is not news for them.
 */
import { sendMessage } from '../support/control-api.js';
import { chatOf, lastCard, tap, waitChat } from './admin-helpers.js';
import { settled } from './approval-helpers.js';
import { cardText } from './fill-helpers.js';
import { bj, LEVERS, P, startLevers, type Levers } from './levers-fixture.js';

describe('the admins are told when a unit is approved', () => {
  let levers: Levers;
  beforeAll(async () => {
    // 陈静 is a co-admin of the round and the last approver of 财政局.
    levers = await startLevers(bj('2025-01-16T10:00'), {
      financeSubmitted: false,
      round: { ...LEVERS, admins: [P.zhao.open_id, P.chen.open_id] },
    });
  });
  afterAll(async () => {
    await settled(levers.pair);
    await levers.pair.close();
  });

  const told = async (openId: string) =>
    (await chatOf(levers.pair.emu.url, openId)).filter(
      (m) => m.sender === 'bot' && m.msg_type === 'text' && cardText(m.content).includes('审核通过'),
    );

  it('sends every other admin one line with the count; the deciding admin reads it on the toast', async () => {
    const emu = levers.pair.emu.url;
    const [liu, wang, chen, zhao] = [P.liu, P.wang, P.chen, P.zhao].map((p) => p.open_id);

    await sendMessage(emu, liu, '提交审核');
    let chat = await waitChat(emu, wang, (m) => Boolean(lastCard(m, '请审核：云溪县财政局')));
    const passed = await tap(emu, wang, lastCard(chat, '请审核：云溪县财政局')!, '通过');
    expect(passed.toast?.content).toBe('已通过，已转给 陈静');
    await settled(levers.pair);
    expect(await told(zhao)).toEqual([]);

    chat = await waitChat(emu, chen, (m) => Boolean(lastCard(m, '请审核：云溪县财政局')));
    const approved = await tap(emu, chen, lastCard(chat, '请审核：云溪县财政局')!, '通过');
    expect(approved.toast?.content).toBe('已通过，审核完成。本轮已通过 2/4 个单位');

    await waitChat(emu, zhao, (m) => cardText(m).includes('本轮已通过'));
    await settled(levers.pair);
    const lines = await told(zhao);
    expect(lines.map((m) => m.content.text)).toEqual([
      '云溪县财政局的年报已审核通过（第 1 版）。本轮已通过 2/4 个单位。',
    ]);
    expect(await told(chen)).toEqual([]);
  }, 60_000);
});
