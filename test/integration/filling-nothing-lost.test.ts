/**
 * Nothing a filler typed is silently lost, and nothing they did not mean as report text is silently stored
 * (issue 9), on real cards in the emulated Feishu: every button that leaves a step card brings the card's
 * inputs along; a chat message that may not be report text waits for one tap on 填入, also across a restart;
 * a chat fill is undone with one tap.
 */
import { draftRepo } from '../../src/filling/draft-repo.js';
import type { Pair } from '../server/harness.js';
import {
  buttonsOf,
  by,
  cardText,
  inputsOf,
  Person,
  startFilling,
  stepOf,
  ZHANG,
  type CardJson,
  type Screen,
} from './fill-helpers.js';

let pair: Pair;
let roundId: string;
let unitId: string;

beforeEach(async () => {
  ({ pair, roundId, unitId } = await startFilling());
});
afterEach(async () => {
  await pair.close();
});

const stored = async () => (await draftRepo(pair.bot.storage).load(roundId, unitId)).draft.answers;

describe('跳到已填写的步骤修改 keeps what was typed', () => {
  it('a text typed on the step being left is saved and shown again on the way back', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's1' }));
    await z.tap(screen, by.action('submit_step'), { 's1.intro': '开头。' });
    expect(stepOf(screen.card)?.step).toBe('s1.active');
    const typed = '主动公开政府信息 35 条，刚写好，还没有点「下一步」。';
    const r = await z.tap(screen, by.action('jump', { step: 's1.intro' }), { 's1.active': typed });
    expect(r.toast?.content).toMatch(/^已保存/);
    expect(stepOf(screen.card)?.step).toBe('s1.intro');
    expect((await stored())['s1.active']).toBe(typed);
    // 下一步 on the step jumped to goes on to the first step still open, which shows the text again.
    await z.tap(screen, by.action('submit_step'));
    expect(stepOf(screen.card)?.step).toBe('s1.active');
    expect(inputsOf(screen.card)['s1.active']).toBe(typed);
  });

  it('on a table step the good cells are saved and a wrong one is named in the toast, as with 上一步', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's3' }));
    await z.tap(screen, by.action('answer', { answer: 'some' }));
    await z.tap(screen, by.action('submit_step', { blank: 'zero' }), { 't3.new.np': '12' });
    expect(stepOf(screen.card)?.step).toBe('s3.r1r2');
    const [good, bad] = Object.keys(inputsOf(screen.card));
    const r = await z.tap(screen, by.action('jump', { step: 's3.intake' }), { [good]: '4', [bad]: '2.5' });
    expect(r.toast).toEqual({ type: 'warning', content: '已保存，有 1 项格式不对没有保存' });
    expect(stepOf(screen.card)?.step).toBe('s3.intake');
    const answers = await stored();
    expect(answers[good]).toBe(4);
    expect(answers[bad]).toBeUndefined();
  });
});

describe('chat text while a long-text step is open', () => {
  /** 张敏 on the step of 「（二）依申请公开」, its card on screen. */
  async function onRequest(z: Person): Promise<Screen> {
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's1' }));
    await z.tap(screen, by.action('submit_step'), { 's1.intro': '开头段落。' });
    await z.tap(screen, by.action('submit_step'), { 's1.active': '主动公开政府信息 35 条。' });
    expect(stepOf(screen.card)?.step).toBe('s1.request');
    return screen;
  }
  /** The bot's answer to a chat message, as a card on screen. */
  async function answerTo(z: Person, text: string): Promise<Screen> {
    const [msg] = await z.say(text);
    return { messageId: msg.message_id, owner: ZHANG, card: msg.content as CardJson };
  }
  const shows = (z: Person, screen: Screen, text: string) =>
    pair.emu.waitForMessages(ZHANG, () => cardText(z.refresh(screen).card).includes(text), 10_000);

  it('「这里要写什么？」 waits for 填入, across a restart; 撤销 puts back what was there, once', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await onRequest(z);
    const asked = await answerTo(z, '这里要写什么？');
    expect(cardText(asked.card)).toContain('把这段文字填入「（二）依申请公开」吗？');
    expect(buttonsOf(asked.card).map((b) => b.text)).toEqual(['填入', '不是，这是提问']);
    expect((await stored())['s1.request']).toBeUndefined();

    await pair.restart({ outbox: { baseDelayMs: 10, maxDelayMs: 100 } });
    const filled = await z.tap(asked, by.text('填入'));
    expect(filled.toast).toEqual({ type: 'success', content: '已填入' });
    expect(cardText(asked.card)).toContain('已填入，这一栏现在共 7 字');
    expect((await stored())['s1.request']).toBe('这里要写什么？');
    await shows(z, screen, '这里要写什么？'); // the step card was patched with the text
    const filledCard = asked.card;

    const undone = await z.tap(asked, by.text('撤销'));
    expect(undone.toast).toEqual({ type: 'success', content: '已撤销' });
    expect(cardText(asked.card)).toContain('已撤销');
    expect((await stored())['s1.request']).toBeUndefined();
    await pair.emu.waitForMessages(
      ZHANG,
      () => !cardText(z.refresh(screen).card).includes('这里要写什么？'),
      10_000,
    );
    const again = await z.tap({ ...asked, card: filledCard }, by.text('撤销'));
    expect(again.toast?.content).toBe('这次填入已经撤销过了');
    expect((await stored())['s1.request']).toBeUndefined();
  });

  it('不是，这是提问 answers with the help card; the step card is still current and takes what is typed', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await onRequest(z);
    const asked = await answerTo(z, '我想看看进度');
    const r = await z.tap(asked, by.text('不是，这是提问'));
    expect(cardText(r.card)).toContain('要用「进度」，请只发送「进度」这几个字');
    expect((await stored())['s1.request']).toBeUndefined();
    const typed = '本年度共收到政府信息公开申请 45 件，均按期答复。';
    const next = await z.tap(screen, by.action('submit_step'), { 's1.request': typed });
    expect(next.toast?.type).toBe('success');
    expect((await stored())['s1.request']).toBe(typed);
  });

  it('a paragraph of report text is filled at once, with 撤销 on the answer', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await onRequest(z);
    const text = '本年度共收到政府信息公开申请 45 件，均在法定期限内答复，未发生行政复议。';
    const answer = await answerTo(z, text);
    expect(cardText(answer.card)).toContain(`已填入，这一栏现在共 ${text.length} 字`);
    expect((await stored())['s1.request']).toBe(text);
    await shows(z, screen, text);
    await z.tap(answer, by.text('撤销'));
    expect((await stored())['s1.request']).toBeUndefined();
  });
});
