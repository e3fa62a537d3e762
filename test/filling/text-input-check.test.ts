/**
 * What a person types is checked before it is stored (issue 11, 2.8; issue 14, 5): 邮编 is six digits, 电话
 * looks like a phone number, and a text the Word file cannot print (emoji, characters XML 1.0 forbids) is
 * refused with a clear sentence, from a card input and from a chat message alike, keeping what was typed.
 */
import { stepCard } from '../../cards/fill-step.js';
import { openStep } from '../../src/filling/chat-text.js';
import { newDraft } from '../../src/filling/draft.js';
import { fillChat, type FillContext } from '../../src/filling/flow.js';
import { submitStep } from '../../src/filling/submit-step.js';
import { stepView } from '../../src/filling/view.js';
import { inputsOf } from './card-taps.js';
import { CTX } from './helpers.js';

const ME = 'ou_me';
const FCTX: FillContext = {
  ...CTX,
  fillers: { s1: [ME], s2: [ME], s3: [ME], s4: [ME], s5: [ME], s6: [ME] },
};

/** Submits the contact step of 一 with these lines; what the card shows afterwards. */
function contact(lines: Record<string, string>) {
  const start = newDraft({ 'meta.postcode': '223001' });
  const { draft, outcome } = submitStep(start, { section: 's1', step: 's1.contact', formValue: lines });
  const card = stepCard(stepView(draft, CTX, 's1', 's1.contact', outcome)!);
  return { draft, outcome, card, text: JSON.stringify(card) };
}

describe('the contact lines of the preamble', () => {
  it('refuses 邮编 「abc」 next to its field, keeps what was typed and what was stored', () => {
    const { draft, outcome, card, text } = contact({ 'meta.phone': '0517-83606185', 'meta.postcode': 'abc' });
    expect(outcome.status).toBe('invalid');
    expect(outcome.fieldErrors['meta.postcode']).toBe('邮编应是 6 位数字，例如 223001');
    expect(text).toContain('邮编应是 6 位数字');
    expect(inputsOf(card)['meta.postcode']).toBe('abc');
    expect(draft.answers['meta.postcode']).toBe('223001');
    expect(draft.answers['meta.phone']).toBe('0517-83606185');
  });

  it.each([
    '0517-83606185',
    '12345',
    '(0517)83606185 转 8001',
    '+86 10 1234 5678',
    '0517-83606185、12345',
    '0517-83606185（兼传真）',
  ])('takes the phone number %s as typed', (phone) => {
    const { outcome, draft } = contact({ 'meta.phone': phone });
    expect(outcome.fieldErrors).toEqual({});
    expect(draft.answers['meta.phone']).toBe(phone);
  });

  it.each(['abc', '无', '123', '电话：0517-83606185'])('refuses the phone 「%s」', (phone) => {
    const { outcome, draft, card } = contact({ 'meta.phone': phone });
    expect(outcome.fieldErrors['meta.phone']).toContain('电话只能写号码');
    expect(draft.answers['meta.phone']).toBeUndefined();
    expect(inputsOf(card)['meta.phone']).toBe(phone);
  });

  it('stores a post code typed with full-width digits and a space as six digits', () => {
    expect(contact({ 'meta.postcode': '２２３ ００１' }).draft.answers['meta.postcode']).toBe('223001');
  });
});

describe('characters the Word file cannot print', () => {
  const bad: [string, string, RegExp][] = [
    ['an emoji', '主动公开政府信息 35 条👍，群众满意。', /表情符号「👍」/],
    ['U+FFFE', '主动公开政府信息\uFFFE 35 条。', /第 9 字处看不见的控制字符/],
    ['U+FFFF', '\uFFFF主动公开政府信息 35 条。', /第 1 字处看不见的控制字符/],
    ['a C0 control', '主动公开\u0001政府信息。', /第 5 字处看不见的控制字符/],
  ];

  it.each(bad)(
    'a card input with %s is refused with a clear message, the stored text kept',
    (_, typed, says) => {
      const start = newDraft({ 's1.active': '原来的文字。' });
      const { draft, outcome } = submitStep(start, {
        section: 's1',
        step: 's1.active',
        formValue: { 's1.active': typed },
      });
      expect(outcome.status).toBe('invalid');
      expect(outcome.fieldErrors['s1.active']).toMatch(says);
      expect(outcome.fieldErrors['s1.active']).toContain('Word 文件印不出来');
      expect(draft.answers['s1.active']).toBe('原来的文字。');
      expect(stepView(draft, CTX, 's1', 's1.active', outcome)!.values['s1.active']).toBe(typed);
    },
  );

  it.each(bad)(
    'a chat message with %s is refused with the same message, nothing stored',
    (_, typed, says) => {
      const open = openStep(newDraft(), ME, 's1', 's1.active');
      const r = fillChat(open, FCTX, ME, typed);
      expect(r.handled).toBe(true);
      expect(r.changed).toBe(false);
      expect(r.reply).toMatch(says);
      expect(r.reply).toContain('这条消息没有保存');
      expect(r.draft.answers['s1.active']).toBeUndefined();
    },
  );

  it('a short question with an emoji is refused at once rather than held for 填入', () => {
    const open = openStep(newDraft(), ME, 's5', 's5.problems');
    const r = fillChat(open, FCTX, ME, '这里写什么😂');
    expect(r.reply).toContain('表情符号「😂」');
    expect(r.draft.chat[ME]?.held).toBeUndefined();
  });

  it('symbols Word prints (©, ☎, ✔, →), tabs, new lines and rare characters (𠮷) are fine', () => {
    const text = '热线☎ 12345 ✔ 已办结 → 归档 ©\t𠮷\n第二段。';
    const { draft, outcome } = submitStep(newDraft(), {
      section: 's1',
      step: 's1.active',
      formValue: { 's1.active': text },
    });
    expect(outcome.fieldErrors).toEqual({});
    expect(draft.answers['s1.active']).toBe(text);
  });
});
