/**
 * A round the admin closed (关闭本轮) is over for everyone: 填报 shows the unit card as closed instead of buttons
 * that then refuse, an older card's taps and chat text are refused with one clear sentence, approvers can no
 * longer decide, nothing is submitted, and the scheduler sends no more reminders. Nothing refused is stored.
 */
import { settled, storedFiles, waitCard } from './approval-helpers.js';
import { buttonsOf, by, cardText, Person, type TapResult } from './fill-helpers.js';
import { bj, P, startLevers, type Levers } from './levers-fixture.js';

describe('a closed round', () => {
  let levers: Levers;
  beforeAll(async () => {
    levers = await startLevers(bj('2025-01-22T09:00'), { financeSubmitted: false });
  });
  afterAll(async () => {
    await settled(levers.pair);
    await levers.pair.close();
  });

  /** A refused tap or message: it says `says`, and not one stored byte changed. */
  async function refused(act: () => Promise<string | undefined>, says: string) {
    const { pair } = levers;
    await settled(pair);
    const before = await storedFiles(pair.dataDir);
    expect(await act()).toContain(says);
    await settled(pair);
    expect(await storedFiles(pair.dataDir)).toEqual(before);
  }
  const toast = (r: TapResult) => r.toast?.content;

  it('refuses filling, approving and submitting, shows 填报 as closed, and stops the reminders', async () => {
    const { pair, clock } = levers;
    const li = new Person(pair, P.li.open_id);
    const zhang = new Person(pair, P.zhang.open_id);
    const wang = new Person(pair, P.wang.open_id);
    const liu = new Person(pair, P.liu.open_id);
    const zhao = new Person(pair, P.zhao.open_id);

    // While the round runs: 刘洋 submits (王芳 gets the approver card), 李强 opens a text step, reminders go out.
    await liu.say('提交审核');
    const review = await waitCard(pair, P.wang.open_id, (c) =>
      buttonsOf(c).some((b) => b.value.action === 'approve'),
    );
    const liCard = await li.fill();
    await li.tap(liCard, by.action('open_section', { section: 's5' }));
    const oldUnitCard = await li.fill();
    clock.now = bj('2025-01-22T09:30');
    const first = await pair.bot.reminders.tick(clock.now);
    expect(first.sent.map((r) => `${r.kind} ${r.to}`)).toContain(`fill ${P.li.open_id}`);

    // 赵磊 closes the round from its admin card.
    const [rounds] = await zhao.say('轮次');
    const admin = { messageId: rounds.message_id, owner: P.zhao.open_id, card: rounds.content as never };
    await zhao.tap(admin, by.text('管理'));
    const closed = await zhao.tap(admin, by.text('关闭本轮'));
    expect(closed.toast?.content).toContain('本轮已关闭');

    // The next planned reminder day passes without a reminder of the closed round.
    clock.now = bj('2025-01-24T09:30');
    const next = await pair.bot.reminders.tick(clock.now);
    expect(next.sent).toEqual([]);

    // 填报 shows the unit card as closed: the sections and their state, no button that would refuse.
    const unitCard = await zhang.fill();
    const text = cardText(unitCard.card);
    expect(text).toContain('这一轮已经关闭');
    expect(text).toContain('一、总体情况');
    expect(buttonsOf(unitCard.card).map((b) => b.value.action)).not.toContain('open_section');

    // An older unit card, chat text for the open step, a decision and a submission: each refused, nothing stored.
    await refused(
      async () => toast(await li.tap(oldUnitCard, by.action('open_section', { section: 's4' }))),
      '这一轮已经关闭，不能再填报',
    );
    await refused(async () => {
      const [answer] = await li.say('本机关全年未收到行政复议申请，也未发生行政诉讼案件，工作平稳有序。');
      return JSON.stringify(answer.content);
    }, '这一轮已经关闭，不能再填报');
    await refused(
      async () => toast(await wang.tap(review, by.action('approve'))),
      '这一轮已经关闭，不能再审核',
    );
    await refused(async () => {
      const [answer] = await new Person(pair, P.zhou.open_id).say('提交审核');
      return JSON.stringify(answer.content);
    }, '这一轮已经关闭，不能再提交审核');
  }, 60_000);
});
