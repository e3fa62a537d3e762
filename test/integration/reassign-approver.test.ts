/**
 * An approver goes on leave while a report waits for her: the admin replaces her on the unit's card, the report
 * goes to the new approver at once (the same approver card a submission sends), she is told and her old card is
 * refused with a clear toast, the new approver decides from his card, and 历史 records the hand-over.
 */
import { sendMessage } from '../support/control-api.js';
import { settled } from './approval-helpers.js';
import { lastCard, tap, waitChat } from './admin-helpers.js';
import { cardText } from './fill-helpers.js';
import { bj, P, startLevers, type Levers } from './levers-fixture.js';

describe('an approver replaced while a report waits for her', () => {
  let levers: Levers;
  beforeAll(async () => {
    levers = await startLevers(bj('2025-01-16T10:00'), { financeSubmitted: false });
  });
  afterAll(async () => {
    await settled(levers.pair);
    await levers.pair.close();
  });

  it('hands the waiting report to the new approver, who decides; the old card refuses', async () => {
    const { pair } = levers;
    const emu = pair.emu.url;
    const [liu, wang, li, zhao] = [P.liu, P.wang, P.li, P.zhao].map((p) => p.open_id);

    // 刘洋 submits 财政局's report: 王芳 (first of 王芳 → 陈静) gets the approver card.
    await sendMessage(emu, liu, '提交审核');
    let chat = await waitChat(emu, wang, (m) => Boolean(lastCard(m, '请审核：云溪县财政局')));
    const wangCard = lastCard(chat, '请审核：云溪县财政局')!;

    // 王芳 is on leave: 赵磊 puts 李强 first in the chain, from the unit's card.
    await sendMessage(emu, zhao, '轮次');
    chat = await waitChat(emu, zhao, (m) => Boolean(lastCard(m, '年报轮次')));
    const admin = lastCard(chat, '年报轮次')!;
    await tap(emu, zhao, admin, '管理');
    await tap(emu, zhao, admin, '查看、更换', { round_unit: 'finance' });
    expect(cardText(admin.card)).toContain('单位人员：云溪县财政局');
    const saved = await tap(emu, zhao, admin, '保存审核顺序', { chain_1: li });
    expect(saved.toast?.content).toContain('审核人已更换');
    expect(saved.toast?.content).toContain('第 1 版已转给 李强 审核');

    // 李强 gets the approver card of the same version, with the new chain, and passes it on to 陈静.
    chat = await waitChat(emu, li, (m) => Boolean(lastCard(m, '请审核：云溪县财政局')));
    const liCard = lastCard(chat, '请审核：云溪县财政局')!;
    expect(cardText(liCard.card)).toContain('审核顺序：**李强** → 陈静');
    const passed = await tap(emu, li, liCard, '通过');
    expect(passed.toast?.content).toBe('已通过，已转给 陈静');
    await waitChat(emu, P.chen.open_id, (m) => Boolean(lastCard(m, '请审核：云溪县财政局')));

    // 王芳 is told the report went to 李强, and her old card says so instead of deciding.
    await waitChat(emu, wang, (m) => cardText(m).includes('已转给 李强 审核'));
    const refused = await tap(emu, wang, wangCard, '通过');
    expect(refused.toast?.content).toBe('管理员已把这份年报改由 李强 审核，你不用再审核了');

    // The filler who submitted hears who reviews now; the timeline shows the hand-over.
    await waitChat(emu, liu, (m) => cardText(m).includes('已转给 李强 审核'));
    await sendMessage(emu, liu, '历史');
    chat = await waitChat(emu, liu, (m) => Boolean(lastCard(m, '审核历史')));
    const timeline = cardText(lastCard(chat, '审核历史')!.card);
    expect(timeline).toContain('**赵磊** 把第 1 版的审核由 王芳 转给 李强');
    expect(timeline.indexOf('转给 李强')).toBeLessThan(timeline.indexOf('转下一位审核人'));
  }, 60_000);
});
