/**
 * One filler on real cards in the emulated Feishu: bad input, 上一步 and jumps, the all-zero shortcut, a restart
 * in the middle of a step, a stale card, long text by chat, and what other text gets.
 */
import { draftRepo } from '../../src/filling/draft-repo.js';
import { INPUT_CELLS } from '../../src/report/template.js';
import type { Pair } from '../server/harness.js';
import { settled } from './approval-helpers.js';
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

/** The red lines shown right after the input named `key` (before the next input) in the card. */
function errorNextTo(card: CardJson, key: string): string {
  const flat: Array<{ input?: string; text?: string }> = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.tag === 'input') flat.push({ input: String(o.name) });
    else if (o.tag === 'markdown') flat.push({ text: String(o.content) });
    for (const v of Object.values(o)) if (typeof v === 'object') visit(v);
  };
  visit(card);
  const at = flat.findIndex((f) => f.input === key);
  if (at < 0) throw new Error(`no input ${key}`);
  // Inputs of one table row sit side by side; the row's error line comes right after the last of them.
  let i = at + 1;
  while (flat[i]?.input) i++;
  const after: string[] = [];
  while (flat[i]?.text?.includes("color='red'")) after.push(flat[i++].text!);
  return after.join('\n');
}

/** 张敏 opens section 三, answers 「收到了」 and is on the intake table. */
async function openIntake(z: Person): Promise<Screen> {
  const screen = await z.fill();
  await z.tap(screen, by.action('open_section', { section: 's3' }));
  await z.tap(screen, by.action('answer', { answer: 'some' }));
  expect(stepOf(screen.card)?.step).toBe('s3.intake');
  return screen;
}

describe('filling on real cards', () => {
  it('bad numbers: a message next to each field, what was typed stays, only good values are stored', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await openIntake(z);
    const typed = {
      't3.new.np': '１２',
      't3.new.biz': '12.5',
      't3.new.res': '-3',
      't3.new.npo': '1e9',
      't3.new.law': '',
      't3.new.oth': '7',
    };
    const r = await z.tap(screen, by.action('submit_step'), typed);
    expect(r.toast?.type).toBe('error');
    expect(stepOf(screen.card)?.step).toBe('s3.intake');
    const shown = inputsOf(screen.card);
    for (const [k, v] of Object.entries(typed)) expect(shown[k]).toBe(v);
    expect(errorNextTo(screen.card, 't3.new.oth')).toMatch(/整数/);
    expect(errorNextTo(screen.card, 't3.new.oth')).toMatch(/负数/);
    expect(errorNextTo(screen.card, 't3.new.oth')).toMatch(/科学计数法/);
    expect(errorNextTo(screen.card, 't3.new.oth')).toMatch(/还没有填写/);
    expect(errorNextTo(screen.card, 't3.new.oth')).not.toMatch(/自然人/); // １２ was read as 12
    const answers = await stored();
    expect(answers['t3.new.np']).toBe(12);
    expect(answers['t3.new.oth']).toBe(7);
    for (const k of ['t3.new.biz', 't3.new.res', 't3.new.npo', 't3.new.law'])
      expect(answers[k]).toBeUndefined();

    // Fixing the wrong ones on the same card (the blank 上年结转 row left to 空格填 0) goes on to the next step.
    const fixed = { ...typed, 't3.new.biz': '12', 't3.new.res': '3', 't3.new.npo': '0', 't3.new.law': '0' };
    const ok = await z.tap(screen, by.action('submit_step', { blank: 'zero' }), fixed);
    expect(ok.toast?.type).toBe('success');
    expect(stepOf(screen.card)?.step).toBe('s3.r1r2');
    expect(cardText(screen.card)).toContain('34'); // the total so far: 12+12+3+0+0+7
  });

  it('30,000 characters of text (90 KB, more than one field takes): refused with a message under the field, the short texts of the step are saved', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's1' }));
    await z.tap(screen, by.action('submit_step'), { 's1.intro': '本机关坚持以公开为常态。' });
    // A form push this big is still under the webhook's body limit (src/server/raw-body.ts).
    const huge = '公开'.repeat(15_000);
    const r = await z.tap(screen, by.action('submit_step'), { 's1.active': huge });
    expect(r.toast?.type).toBe('error');
    expect(stepOf(screen.card)?.step).toBe('s1.active');
    expect(errorNextTo(screen.card, 's1.active')).toMatch(/文字过长（30000 字）/);
    const answers = await stored();
    expect(answers['s1.active']).toBeUndefined();
    expect(answers['s1.intro']).toBe('本机关坚持以公开为常态。');
  });

  it('上一步 shows the step before with what was saved; a finished step can be jumped to and changed', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's1' }));
    await z.tap(screen, by.action('submit_step'), { 's1.intro': '开头。' });
    await z.tap(screen, by.action('submit_step'), { 's1.active': '主动公开 35 条。' });
    expect(stepOf(screen.card)?.step).toBe('s1.request');
    // 上一步 also saves what was typed on the way out.
    const back = await z.tap(screen, by.action('back'), { 's1.request': '依申请公开平稳。' });
    expect(back.toast?.content).toContain('已保存');
    expect(stepOf(screen.card)?.step).toBe('s1.active');
    expect(inputsOf(screen.card)['s1.active']).toBe('主动公开 35 条。');
    expect((await stored())['s1.request']).toBe('依申请公开平稳。');

    const jump = buttonsOf(screen.card).find((b) => b.value.action === 'jump' && b.value.step === 's1.intro');
    expect(jump).toBeDefined();
    await z.tap(screen, by.action('jump', { step: 's1.intro' }));
    expect(stepOf(screen.card)?.step).toBe('s1.intro');
    expect(inputsOf(screen.card)['s1.intro']).toBe('开头。');
    await z.tap(screen, by.action('submit_step'), { 's1.intro': '改过的开头。' });
    expect((await stored())['s1.intro']).toBe('改过的开头。');
    // A step not filled yet cannot be jumped to, even with a hand-made value.
    const r = await pair.emu.act(screen.messageId, {
      open_id: ZHANG,
      value: {
        ...buttonsOf(screen.card).find((b) => b.value.action === 'submit_step')!.value,
        action: 'jump',
        step: 's1.oversight',
      },
    });
    expect(r.toast?.content).toContain('只能跳到已填写的步骤');
  });

  it('「没有收到申请」 fills the whole table 三 with zeros in one tap and finishes the section', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's3' }));
    const r = await z.tap(screen, by.action('answer', { answer: 'none' }));
    expect(r.toast?.content).toContain('全部填为 0');
    expect(stepOf(screen.card)).toBeUndefined(); // back on the unit card
    expect(cardText(screen.card)).toMatch(
      /三、收到和处理政府信息公开申请情况\*\*\\n<font color='green'>已完成/,
    );
    const answers = await stored();
    const inputs = INPUT_CELLS.filter((c) => c.key.startsWith('t3.')).map((c) => c.key);
    expect(inputs.length).toBeGreaterThan(100);
    for (const k of inputs) expect(answers[k]).toBe(0);
    expect(z.taps).toBe(2);
  });

  it('a restart of the bot in the middle of a step: the same card goes on where it was', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's1' }));
    await z.tap(screen, by.action('submit_step'), { 's1.intro': '开头。' });
    expect(stepOf(screen.card)?.step).toBe('s1.active');
    await pair.restart({ outbox: { baseDelayMs: 10, maxDelayMs: 100 } });
    const r = await z.tap(screen, by.action('submit_step'), { 's1.active': '主动公开 35 条。' });
    expect(r.toast?.type).toBe('success');
    expect(stepOf(screen.card)?.step).toBe('s1.request');
    const again = await z.fill();
    expect(cardText(again.card)).toContain('填写中（2/7 步）');
    await z.tap(again, by.action('open_section', { section: 's1' }));
    expect(stepOf(again.card)?.step).toBe('s1.request');
  });

  it('a stale card says so and does not overwrite what was saved since from another card', async () => {
    const z = new Person(pair, ZHANG);
    const phone = await z.fill();
    await z.tap(phone, by.action('open_section', { section: 's1' }));
    // The same person continues on a second card (another device, or a new 填报).
    const desktop = await z.fill();
    await z.tap(desktop, by.action('open_section', { section: 's1' }));
    await z.tap(desktop, by.action('submit_step'), { 's1.intro': '电脑上写的开头。' });

    const r = await z.tap(phone, by.action('submit_step'), { 's1.intro': '手机上的旧内容。' });
    expect(r.toast?.content).toContain('已过期');
    expect((await stored())['s1.intro']).toBe('电脑上写的开头。');
    // The stale card was replaced by the current state: the step the section is at now.
    expect(stepOf(phone.card)?.step).toBe('s1.active');
  });

  it('long text by chat: two messages make one text, the open card is refreshed, 下一步 keeps it', async () => {
    const z = new Person(pair, ZHANG);
    const screen = await z.fill();
    await z.tap(screen, by.action('open_section', { section: 's1' }));
    const first = '第一段：本年度，本机关认真贯彻落实《政府信息公开条例》。'.repeat(30);
    const second = '第二段：持续优化政府网站信息公开专栏，做好政策解读。'.repeat(25);
    const [reply1] = await z.say(first);
    expect(cardText(reply1.content)).toContain('已填入');
    const [reply2] = await z.say(second);
    expect(cardText(reply2.content)).toContain(
      `已接在后面，这一栏现在共 ${first.length + 1 + second.length} 字`,
    );
    expect((await stored())['s1.intro']).toBe(`${first}\n${second}`);

    // The step card in the chat was patched: it shows the length and a preview, and carries the new version.
    await pair.emu.waitForMessages(
      ZHANG,
      () => cardText(z.refresh(screen).card).includes('超过输入框'),
      10_000,
    );
    expect(inputsOf(screen.card)['s1.intro']).toBe('');
    const r = await z.tap(screen, by.action('submit_step'));
    expect(r.toast?.type).toBe('success');
    expect((await stored())['s1.intro']).toBe(`${first}\n${second}`);

    // Outside a text step, chat text is not taken as an answer: the help card comes.
    for (let i = 0; i < 5; i++)
      await z.tap(screen, by.action('submit_step'), {
        [Object.keys(inputsOf(screen.card))[0]]: `第 ${i} 部分。`,
      });
    expect(stepOf(screen.card)?.step).toBe('s1.contact');
    const [help] = await z.say('今天天气如何');
    expect(cardText(help.content)).toContain('没看懂「今天天气如何」');
  });

  it('进度 lists who fills what by name; 帮助 lists the commands', async () => {
    // What the test before sent through the outbox first: on a loaded machine it can arrive after 进度 is sent,
    // and be taken for the answer.
    await settled(pair);
    const z = new Person(pair, ZHANG);
    const [progress] = await z.say('进度');
    const text = cardText(progress.content);
    expect(text).toContain('张敏');
    expect(text).toContain('李强');
    // The 进度 button of the unit card answers in place with the same names.
    const unit = await z.fill();
    const tapped = await z.tap(unit, by.action('progress'));
    expect(cardText(tapped.card)).toContain('李强');
    const [help] = await z.say('帮助');
    for (const word of ['填报', '进度', '提交审核', '历史']) expect(cardText(help.content)).toContain(word);
  });
});
