/**
 * The cards answering a chat message (held for 填入, filled in with 撤销, undone) and the help card that
 * answers 不是，这是提问, in their largest state, against Feishu's rules: the emulator's JSON 2.0 validator,
 * ≤ 200 elements, ≤ 30 KB; every button carries value.action and the ids the route needs.
 */
import { cardButtons, expectFeishuAccepts } from '../support/card-checks.js';
import { fillScreenCard } from '../../cards/fill-screen.js';
import { parseFillAction } from '../../src/filling/actions.js';
import { fieldName, type ChatNoticeView } from '../../src/filling/chat-view.js';
import type { Screen } from '../../src/filling/flow.js';
import { MAX_TEXT_CHARS } from '../../src/filling/read-form.js';
import { CTX } from '../filling/helpers.js';

// The longest field name (六's text has no heading), a text of the most a field holds, full of markdown.
const base: ChatNoticeView = {
  ids: CTX.ids,
  state: 'held',
  section: 's6',
  field: fieldName('s6.text'),
  chat: 'c123456',
};
const huge = '**<font>[链接](x)</font>**'.repeat(MAX_TEXT_CHARS / 20);
const card = (view: Partial<ChatNoticeView>) => fillScreenCard({ kind: 'chat', view: { ...base, ...view } });

describe('the cards answering a chat message', () => {
  it('held: asks 「把这段文字填入「…」吗？」 with 填入 and 不是，这是提问, quoting the start of the text', () => {
    for (const doubt of [
      { kind: 'short' as const, chars: 7 },
      { kind: 'question' as const },
      { kind: 'command' as const, command: '提交审核' },
    ]) {
      const held = card({ text: huge, doubt });
      expectFeishuAccepts(held);
      const text = JSON.stringify(held);
      expect(text).toContain(`把这段文字填入「${fieldName('s6.text')}」吗？`);
      expect(text).not.toContain('<font>[链接]');
      expect(cardButtons(held).map((b) => b.text)).toEqual(['填入', '不是，这是提问']);
      for (const { value } of cardButtons(held))
        expect(parseFillAction(value)).toMatchObject({ ...CTX.ids, section: 's6', chat: 'c123456' });
    }
  });

  it('filled: says how long the field is now and offers 撤销; undone: says so, with nothing left to tap', () => {
    const filled = card({ state: 'filled', mode: 'appended', length: MAX_TEXT_CHARS });
    expectFeishuAccepts(filled);
    expect(JSON.stringify(filled)).toContain(`已接在后面，这一栏现在共 ${MAX_TEXT_CHARS} 字`);
    expect(cardButtons(filled).map((b) => [b.text, b.value.action])).toEqual([['撤销', 'chat_undo']]);
    const undone = card({ state: 'undone', length: 0 });
    expectFeishuAccepts(undone);
    expect(JSON.stringify(undone)).toContain('已撤销，这一栏恢复为填入前的内容（现在是空的）');
    expect(cardButtons(undone)).toEqual([]);
  });

  it('不是，这是提问 is answered with the help card and a line above it', () => {
    const screen: Screen = {
      kind: 'help',
      notice: '好的，没有填入。要用「进度」，请只发送「进度」这几个字。',
    };
    const help = fillScreenCard(screen);
    expectFeishuAccepts(help);
    expect(JSON.stringify(help)).toContain('请只发送「进度」这几个字');
  });
});
