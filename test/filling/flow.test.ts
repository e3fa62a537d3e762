/**
 * The conversation through the real card JSON: each tap takes a button's value from the card the person sees,
 * the form_value from its inputs (as Feishu sends them), and goes through parseFillAction and fillAction.
 */
import { fillScreenCard } from '../../cards/fill-screen.js';
import type { Card } from '../../cards/card-shell.js';
import { parseFillAction } from '../../src/filling/actions.js';
import { newDraft, type ReportDraft } from '../../src/filling/draft.js';
import {
  fillAction,
  fillChat,
  fillCommand,
  type FillContext,
  type FillResult,
} from '../../src/filling/flow.js';
import { MAX_TEXT_CHARS } from '../../src/filling/read-form.js';
import { CTX } from './helpers.js';

const ZHANG = 'ou_zhang';
const LI = 'ou_li';
const FCTX: FillContext = {
  ...CTX,
  fillers: { s1: [ZHANG], s2: [ZHANG], s3: [ZHANG], s4: [LI], s5: [LI], s6: [LI] },
  fillerNames: { s1: ['张敏'], s4: ['李强'] },
};

type El = Record<string, unknown>;
function all(card: Card): El[] {
  const out: El[] = [];
  const visit = (list: El[]) =>
    list.forEach((el) => {
      out.push(el);
      if (Array.isArray(el.elements)) visit(el.elements as El[]);
      if (Array.isArray(el.columns)) visit(el.columns as El[]);
    });
  visit(card.body.elements as El[]);
  return out;
}
const buttons = (card: Card) =>
  all(card)
    .filter((el) => el.tag === 'button')
    .map((el) => ({
      text: (el.text as { content: string }).content,
      value: (el.behaviors as { value: El }[])[0].value,
    }));
/** What Feishu sends as form_value: every input's current content. */
const formOf = (card: Card, typed: Record<string, string> = {}) =>
  Object.fromEntries(
    all(card)
      .filter((el) => el.tag === 'input')
      .map((el) => [el.name as string, typed[el.name as string] ?? (el.default_value as string) ?? '']),
  );

class Chat {
  card!: Card;
  /** the card that answered the last chat message (held, filled, undone) or 不是，这是提问 (help) */
  answer?: Card;
  toast?: string;
  constructor(
    public draft: ReportDraft,
    private who: string,
  ) {}
  take(r: FillResult) {
    this.draft = r.draft;
    this.toast = r.toast?.content;
    if (r.refresh) this.card = fillScreenCard(r.refresh);
    if (r.screen?.kind === 'chat' || r.screen?.kind === 'help') this.answer = fillScreenCard(r.screen);
    else if (r.screen) this.card = fillScreenCard(r.screen);
    return r;
  }
  command() {
    return this.take(fillCommand(this.draft, FCTX, this.who));
  }
  /** Taps the button whose text is `text` (first match) on the current card. */
  tap(text: string, typed?: Record<string, string>, card = this.card) {
    const button = buttons(card).find((b) => b.text === text);
    if (!button)
      throw new Error(
        `no button 「${text}」: ${buttons(card)
          .map((b) => b.text)
          .join(' | ')}`,
      );
    const action = parseFillAction(button.value)!;
    expect(action).toBeDefined();
    return this.take(
      fillAction(this.draft, FCTX, this.who, action, typed ? formOf(card, typed) : formOf(card)),
    );
  }
  /** 填报, then the unit card's button of `section`. */
  open(section: string) {
    this.command();
    const button = buttons(this.card).find((b) => b.value.section === section)!;
    return this.take(fillAction(this.draft, FCTX, this.who, parseFillAction(button.value)!));
  }
  say(text: string) {
    const r = fillChat(this.draft, FCTX, this.who, text);
    this.take(r);
    return r;
  }
  /** Taps a button of the card that answered the last chat message. */
  tapAnswer(text: string) {
    return this.tap(text, undefined, this.answer!);
  }
  text() {
    return JSON.stringify(this.card);
  }
}

describe('the filling conversation on real cards', () => {
  it('张敏: 填报 → her three sections → 三 in one tap with 「没有收到」', () => {
    const zhang = new Chat(newDraft(), ZHANG);
    zhang.command();
    expect(zhang.text()).toContain('分配给你的部分');
    expect(buttons(zhang.card).filter((b) => b.value.action === 'open_section')).toHaveLength(3);
    zhang.tap('开始填报'); // the first section is 一
    expect(zhang.text()).toContain('第 1/7 步');
    zhang.open('s3');
    expect(zhang.text()).toContain('本年度是否收到政府信息公开申请？');
    zhang.tap('没有收到，也没有上年结转');
    expect(zhang.toast).toContain('全部填为 0');
    expect(zhang.text()).toContain('已完成');
  });

  it('李强 cannot open 张敏 sections; he fills 四 by typing one cell and tapping 空格填 0', () => {
    const li = new Chat(newDraft(), LI);
    const r = fillAction(
      li.draft,
      FCTX,
      LI,
      parseFillAction({ action: 'open_section', round_id: 'r', unit_id: 'u', section: 's1' })!,
    );
    expect(r.toast).toEqual({ type: 'error', content: '这一部分没有分配给你，不能填写' });
    expect(r.changed).toBe(false);

    li.open('s4');
    li.tap('空格填 0 并提交', { 't4.review.upheld': '２' });
    expect(li.toast).toBe('四、政府信息公开行政复议、行政诉讼情况已填完');
    expect(li.draft.answers['t4.review.upheld']).toBe(2);
    expect(li.draft.answers['t4.post.pending']).toBe(0);
  });

  it('a wrong cell comes back on the same card with everything typed; an outdated card is refused', () => {
    const li = new Chat(newDraft(), LI);
    li.open('s4');
    const first = li.card;
    li.tap('提交本部分', { 't4.review.upheld': '1.5', 't4.review.corrected': '3' });
    expect(li.toast).toContain('有 11 处需要修改');
    expect(li.text()).toContain('件数必须是整数');
    expect(formOf(li.card)['t4.review.upheld']).toBe('1.5');
    expect(formOf(li.card)['t4.review.corrected']).toBe('3');
    expect(li.draft.answers['t4.review.corrected']).toBe(3);
    // The first card still says version 0; the draft moved on when 3 was saved.
    const before = li.draft;
    li.tap('提交本部分', { 't4.review.upheld': '9' }, first);
    expect(li.toast).toContain('已过期');
    expect(li.draft).toBe(before);
  });

  it('long text by chat: the answer says how long the field is, and the refreshed card goes on', () => {
    const li = new Chat(newDraft(), LI);
    li.open('s5');
    const one = '一是公开内容不够全面，部分领域的政策文件发布不够及时。';
    const two = '二是解读形式单一，图解、视频等形式运用较少。';
    li.say(one);
    expect(JSON.stringify(li.answer)).toContain('已填入');
    li.say(two);
    expect(JSON.stringify(li.answer)).toContain(`已接在后面，这一栏现在共 ${one.length + 1 + two.length} 字`);
    li.tap('下一步');
    expect(li.draft.answers['s5.problems']).toBe(`${one}\n${two}`);
    expect(li.text()).toContain('（二）改进情况');
    expect(fillChat(newDraft(), FCTX, ZHANG, '你好').handled).toBe(false);
  });

  it('上一步, 保存并退出 and jumping back to a finished step', () => {
    const li = new Chat(newDraft(), LI);
    li.open('s5');
    li.tap('下一步', { 's5.problems': '问题。' });
    li.tap('上一步', { 's5.improvements': '整改中' });
    expect(li.text()).toContain('（一）存在的主要问题');
    expect(li.draft.answers['s5.improvements']).toBe('整改中');
    li.tap('保存并退出');
    expect(li.toast).toContain('随时发送「填报」继续');
    li.open('s5');
    expect(li.text()).toContain('（一）存在的主要问题'); // resumes where they left
    li.tap('下一步');
    expect(li.text()).toContain('第 1 步 （一）存在的主要问题');
    li.tap('第 1 步 （一）存在的主要问题');
    expect(li.text()).toContain('第 1/2 步');
  });
});

describe('chat text that may not be report text is confirmed first, and a fill can be undone', () => {
  /** 张敏 on the step of 「（二）依申请公开」. */
  function onRequest(previous?: Record<string, string>) {
    const zhang = new Chat(newDraft(previous), ZHANG);
    zhang.open('s1');
    zhang.tap('下一步', { 's1.intro': '本年度，本机关认真贯彻落实《政府信息公开条例》。' });
    zhang.tap('下一步', { 's1.active': '主动公开政府信息 35 条。' });
    expect(zhang.text()).toContain('（二）依申请公开');
    return zhang;
  }

  it('「这里要写什么？」 is held: nothing stored, one tap on 填入 stores it, 撤销 puts back exactly what was there', () => {
    const zhang = onRequest();
    const stepCard = zhang.card;
    const version = zhang.draft.sections.s1.version;
    zhang.say('这里要写什么？');
    expect(JSON.stringify(zhang.answer)).toContain('把这段文字填入「（二）依申请公开」吗？');
    expect(zhang.draft.answers['s1.request']).toBeUndefined();
    // Holding changes no answer: the open step card stays current.
    expect(zhang.draft.sections.s1.version).toBe(version);
    expect(zhang.card).toBe(stepCard);

    zhang.tapAnswer('填入');
    expect(zhang.toast).toBe('已填入');
    expect(zhang.draft.answers['s1.request']).toBe('这里要写什么？');
    expect(JSON.stringify(zhang.answer)).toContain('已填入，这一栏现在共 7 字');
    expect(JSON.stringify(zhang.card)).toContain('这里要写什么？'); // the step card was refreshed
    const filled = zhang.answer!;

    zhang.tapAnswer('撤销');
    expect(zhang.toast).toBe('已撤销');
    expect('s1.request' in zhang.draft.answers).toBe(false);
    expect(JSON.stringify(zhang.card)).not.toContain('这里要写什么？');
    zhang.tap('撤销', undefined, filled);
    expect(zhang.toast).toBe('这次填入已经撤销过了');
    expect('s1.request' in zhang.draft.answers).toBe(false);
  });

  it('不是，这是提问 answers with the help card and stores nothing; the card cannot fill it afterwards', () => {
    const zhang = onRequest();
    zhang.say('我想看看进度');
    const held = zhang.answer!;
    expect(JSON.stringify(held)).toContain('这条消息里有「进度」');
    zhang.tapAnswer('不是，这是提问');
    expect(JSON.stringify(zhang.answer)).toContain('要用「进度」，请只发送「进度」这几个字');
    expect(JSON.stringify(zhang.answer)).toContain('年报助手');
    zhang.tap('填入', undefined, held);
    expect(zhang.toast).toContain('已不在等待填入');
    expect(zhang.draft.answers['s1.request']).toBeUndefined();
  });

  it('a message too long for any field is refused at once rather than held', () => {
    const zhang = onRequest();
    const r = zhang.say(`${'公开'.repeat(MAX_TEXT_CHARS)}可以吗？`);
    expect(r.reply).toMatch(/^这条消息没有保存：文字过长/);
    expect(r.changed).toBe(false);
    expect(zhang.draft.chat[ZHANG].held).toBeUndefined();
  });

  it('a newer held message replaces the older one, and a second 填入 says it is done', () => {
    const zhang = onRequest();
    zhang.say('这一栏可以不写吗');
    const older = zhang.answer!;
    zhang.say('依申请公开写多少字？');
    zhang.tap('填入', undefined, older);
    expect(zhang.toast).toBe('这段文字已被你之后发的消息代替，请在最新那条消息上确认');
    expect(zhang.draft.answers['s1.request']).toBeUndefined();
    const newer = zhang.answer!;
    zhang.tap('填入', undefined, newer);
    expect(zhang.draft.answers['s1.request']).toBe('依申请公开写多少字？');
    zhang.tap('填入', undefined, newer);
    expect(zhang.toast).toBe('这段文字已经填入了');
    expect(zhang.draft.answers['s1.request']).toBe('依申请公开写多少字？');
  });

  it("撤销 brings back last year's prefilled text; after a newer change of the section it says why it cannot", () => {
    const last = '上年：共收到政府信息公开申请 12 件，均按时答复。';
    const zhang = onRequest({ 's1.request': last });
    const text = '本年度共收到政府信息公开申请 45 件，均在法定期限内答复，无行政复议。';
    zhang.say(text);
    expect(zhang.draft.answers['s1.request']).toBe(text);
    expect(zhang.draft.prefilled['s1.request']).toBeUndefined();
    const filled = zhang.answer!;
    zhang.tapAnswer('撤销');
    expect(zhang.draft.answers['s1.request']).toBe(last);
    expect(zhang.draft.prefilled['s1.request']).toBe('last_year');

    zhang.say(text);
    const again = zhang.answer!;
    zhang.tap('下一步', { 's1.request': `${text}另有 2 件转下年度办理。` });
    zhang.tap('撤销', undefined, again);
    expect(zhang.toast).toBe('填入之后这一部分又有改动，不能再撤销；请在卡片上直接修改这一栏');
    expect(zhang.draft.answers['s1.request']).toBe(`${text}另有 2 件转下年度办理。`);
    zhang.tap('撤销', undefined, filled);
    expect(zhang.toast).toContain('只能撤销最近一次填入');
  });
});
