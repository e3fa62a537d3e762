/**
 * Cards that only offer what works, for each role, over one bot (issue 11 §2.2, 2.3, 2.6, 2.9). 帮助 lists the
 * commands of each role the person has (filler, approver, admin, several at once) with buttons that run them;
 * 进度 offers 返回填报 only to a filler and 去审核 to the approver a report waits for; 填报 of a report with
 * the approver or approved offers 查看 (read-only), the Word file and 历史, never a button answered with a
 * refusal, and announces no reminder. An admin is whoever ADMINS names or whoever administers a round.
 */
import { validateCard } from '../../src/emulator/card-validation.js';
import { actOnCard, sendMessage, type ActionAnswer } from '../support/control-api.js';
import { chatOf, tap, waitChat } from './admin-helpers.js';
import { settled } from './approval-helpers.js';
import { buttonsOf, cardText, type CardJson } from './fill-helpers.js';
import { bj, P, startLevers, type Levers } from './levers-fixture.js';

describe('cards that offer only what works, per role', () => {
  let levers: Levers;
  let emu: string;
  beforeAll(async () => {
    // 赵磊 administers the round; 刘洋 fills 财政局 (submitted, waiting for 王芳) and is named in ADMINS; 张敏
    // fills 教育局 (not submitted); 王芳 approves 教育局 and 财政局; 周杰 fills 文旅局, approved by 陈静.
    levers = await startLevers(bj('2025-01-20T10:00'), { admins: P.liu.open_id });
    emu = levers.pair.emu.url;
  });
  afterAll(async () => {
    await settled(levers.pair);
    await levers.pair.close();
  });

  /**
   * The bot's clock stands still unless moved, and its outbox paces sends to a person per second of that clock:
   * each exchange moves it on a few seconds, as a person would take.
   */
  const tick = () => {
    levers.clock.now += 5000;
  };

  /** The cards the bot answers `text` with (all of them, once `count` arrived). */
  async function answers(openId: string, text: string, count = 1): Promise<{ id: string; card: CardJson }[]> {
    tick();
    const before = (await chatOf(emu, openId)).length;
    await sendMessage(emu, openId, text);
    const fresh = (m: Awaited<ReturnType<typeof chatOf>>) =>
      m.slice(before).filter((x) => x.sender === 'bot' && x.msg_type === 'interactive');
    const chat = await waitChat(emu, openId, (m) => fresh(m).length >= count);
    return fresh(chat).map((m) => ({ id: m.message_id, card: m.content as CardJson }));
  }
  const answer = async (openId: string, text: string) => (await answers(openId, text))[0];
  const actions = (card: CardJson) => buttonsOf(card).map((b) => b.value.action);
  const labels = (card: CardJson) => buttonsOf(card).map((b) => b.text);

  /** Taps a button of a card that stays (help): the card it sends arrives as a new message. */
  async function tapForCard(openId: string, screen: { id: string; card: CardJson }, label: string) {
    tick();
    const before = (await chatOf(emu, openId)).length;
    const r = await tap(emu, openId, screen, label);
    expect(r.toast?.type).toBe('info');
    const chat = await waitChat(emu, openId, (m) =>
      m.slice(before).some((x) => x.sender === 'bot' && x.msg_type === 'interactive'),
    );
    const m = chat.slice(before).find((x) => x.sender === 'bot' && x.msg_type === 'interactive')!;
    return { id: m.message_id, card: m.content as CardJson };
  }

  /** A refusal is a warning or error toast without a card: the button led nowhere. */
  const refused = (r: ActionAnswer) => !r.card && (r.toast?.type === 'error' || r.toast?.type === 'warning');

  it('帮助 lists each role’s commands with buttons that work, and no 刷新帮助', async () => {
    const filler = await answer(P.zhang.open_id, '帮助');
    expect(cardText(filler.card)).toContain('你是填报人');
    expect(cardText(filler.card)).not.toContain('你是审核人');
    expect(labels(filler.card)).toEqual(['填报', '进度', '历史']);

    const approver = await answer(P.wang.open_id, '帮助');
    expect(cardText(approver.card)).toContain('你是审核人');
    expect(labels(approver.card)).toEqual(['进度', '历史']);

    const admin = await answer(P.zhao.open_id, '帮助');
    for (const word of ['新建年报', '轮次', '进度', '模板', '.xlsx', '催办'])
      expect(cardText(admin.card)).toContain(word);
    expect(actions(admin.card)).toEqual(expect.arrayContaining(['setup_start', 'rounds']));

    // 刘洋 is an admin (ADMINS) and a filler: both lists, each button once.
    const both = await answer(P.liu.open_id, '这个怎么用');
    expect(cardText(both.card)).toContain('没看懂');
    expect(cardText(both.card)).toContain('你是年报管理员');
    expect(cardText(both.card)).toContain('你是填报人');
    expect(labels(both.card).filter((l) => l === '进度')).toHaveLength(1);

    for (const c of [filler, approver, admin, both]) {
      expect(validateCard(c.card)).toBeNull();
      expect(labels(c.card)).not.toContain('刷新帮助');
    }

    // 填报 on the filler's help sends the unit card; 进度 on the approver's the progress of their units.
    const unit = await tapForCard(P.zhang.open_id, filler, '填报');
    expect(cardText(unit.card)).toContain('云溪县教育局');
    const progress = await tapForCard(P.wang.open_id, approver, '进度');
    expect(cardText(progress.card)).toContain('年度年报进度');
    // The admin's 进度 opens the round's progress card, 轮次 the rounds he runs, 新建年报 a new round's card.
    const rounds = await tapForCard(P.zhao.open_id, admin, '进度');
    expect(cardText(rounds.card)).toContain('年报进度：2024 年度');
    tick();
    await tap(emu, P.zhao.open_id, admin, '轮次');
    expect(cardText(admin.card)).toContain('2024 年度政府信息公开工作年度报告');
    const again = await answer(P.zhao.open_id, '帮助');
    await tap(emu, P.zhao.open_id, again, '新建年报');
    expect(cardText(again.card)).toContain('新建年报：');
  });

  it('an approver’s 进度 has no 返回填报; 去审核 opens the report, whose 通过 asks for confirmation', async () => {
    const cards = await answers(P.wang.open_id, '进度', 2);
    const finance = cards.find((c) => cardText(c.card).includes('云溪县财政局'))!;
    expect(labels(finance.card)).not.toContain('返回填报');
    expect(cardText(finance.card)).not.toContain('下次提醒');
    expect(cardText(finance.card)).toContain('正在等待');
    for (const c of cards) expect(labels(c.card)).not.toContain('返回填报');

    const r = await tap(emu, P.wang.open_id, finance, '去审核');
    expect(refused(r)).toBe(false);
    const review = await waitChat(emu, P.wang.open_id, (m) =>
      m.some((x) => x.sender === 'bot' && JSON.stringify(x.content).includes('请审核：云溪县财政局')),
    );
    const card = review.reverse().find((x) => JSON.stringify(x.content).includes('请审核'))!
      .content as CardJson;
    const approve = JSON.stringify(card).match(/"confirm":\{[^}]*\}[^}]*\}/)?.[0] ?? '';
    // 王芳 is first of two: her 通过 passes it on to 陈静, and the dialog says so.
    expect(approve).toContain('陈静');
  });

  it('an approved report shows as done, with its Word file; no button leads to a refusal', async () => {
    // 周杰 fills 卫健委 (filled, not submitted) and 文旅局 (approved by 陈静 on 13 January).
    const cards = await answers(P.zhou.open_id, '填报', 2);
    const culture = cards.find((c) => cardText(c.card).includes('云溪县文旅局'))!;
    const text = cardText(culture.card);
    expect(text).toContain('审核通过');
    expect(text).toContain('陈静');
    expect(labels(culture.card)).not.toContain('查看修改');
    expect(labels(culture.card)).not.toContain('查看汇总并提交审核');
    expect(actions(culture.card)).toContain('resend_file');

    for (const b of buttonsOf(culture.card)) {
      const r = await actOnCard(emu, culture.id, { open_id: P.zhou.open_id, value: b.value });
      expect({ button: b.text, refused: refused(r), toast: r.toast }).toEqual(
        expect.objectContaining({ button: b.text, refused: false }),
      );
    }
    // The final Word file arrives.
    await waitChat(emu, P.zhou.open_id, (m) => m.some((x) => x.sender === 'bot' && x.msg_type === 'file'));

    // 进度 announces no reminder where none is due: an approved unit, one whose sections are all filled; 李强,
    // who still owes 四 to 六 of 教育局, hears of his next one.
    const progress = await answers(P.zhou.open_id, '进度', 2);
    for (const c of progress) expect(cardText(c.card)).not.toContain('下次提醒');
    expect(cardText((await answer(P.li.open_id, '进度')).card)).toContain('下次提醒');
  });

  it('a report with the approver: its sections open read-only, with why and a way back', async () => {
    const unit = await answer(P.liu.open_id, '填报');
    expect(cardText(unit.card)).toContain('正在等待');
    expect(labels(unit.card)).not.toContain('查看修改');
    expect(labels(unit.card)).not.toContain('查看汇总并提交审核');
    expect(labels(unit.card)).toContain('撤回');
    const view = buttonsOf(unit.card).find((b) => b.text === '查看' && b.value.section === 's1')!;
    const r = await actOnCard(emu, unit.id, { open_id: P.liu.open_id, value: view.value });
    expect(refused(r)).toBe(false);
    const card = (r.card as { data: CardJson }).data;
    expect(validateCard(card)).toBeNull();
    expect(cardText(card)).toContain('审核期间不能修改');
    expect(cardText(card)).not.toContain('"tag":"input"');
    expect(labels(card)).toEqual(['返回']);
    // Every button of the unit card works while the report waits (撤回 last: it takes the report back).
    const buttons = buttonsOf(unit.card).sort(
      (a, b) => Number(a.text === '撤回') - Number(b.text === '撤回'),
    );
    for (const b of buttons) {
      const answer = await actOnCard(emu, unit.id, { open_id: P.liu.open_id, value: b.value });
      expect({ button: b.text, refused: refused(answer) }).toEqual({ button: b.text, refused: false });
    }
  });
});
