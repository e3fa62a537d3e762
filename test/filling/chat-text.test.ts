import { confirmHeld, holdChatText } from '../../src/filling/chat-hold.js';
import { applyChatText, openStep } from '../../src/filling/chat-text.js';
import { isStale, newDraft } from '../../src/filling/draft.js';
import { MAX_TEXT_CHARS } from '../../src/filling/read-form.js';
import { stepView } from '../../src/filling/view.js';
import { CTX } from './helpers.js';

const ME = 'ou_5f0a3c1e9b7d4e2a8c6b1d3f5e7a9c01';

describe('long text sent as chat messages', () => {
  it("fills the open field: the first message replaces last year's text, the next ones append", () => {
    let draft = openStep(newDraft({ 's1.active': '去年的文字。' }), ME, 's1', 's1.active');
    const before = draft.sections.s1.version;
    let r = applyChatText(draft, ME, '今年我们主动公开了……（第一段）');
    expect(r.outcome).toMatchObject({ status: 'saved', key: 's1.active', mode: 'replaced' });
    draft = r.draft;
    r = applyChatText(draft, ME, '（第二段）');
    expect(r.outcome).toMatchObject({ status: 'saved', mode: 'appended' });
    expect(r.draft.answers['s1.active']).toBe('今年我们主动公开了……（第一段）\n（第二段）');
    // A card built before the messages is now stale: its blank input must not wipe the text.
    expect(isStale(r.draft, 's1', before)).toBe(true);
  });

  it("never replaces the person's own text, only extends it", () => {
    let draft = openStep(newDraft(), ME, 's5', 's5.problems');
    draft = applyChatText(draft, ME, '问题一。').draft;
    draft = openStep(draft, ME, 's5', 's5.problems');
    const r = applyChatText(draft, ME, '问题二。');
    expect(r.draft.answers['s5.problems']).toBe('问题一。\n问题二。');
  });

  it('goes to the text of 六 while its step is open, and nowhere when no text step is open', () => {
    const draft = openStep(newDraft(), ME, 's6', 's6.all');
    expect(applyChatText(draft, ME, '本年度未收取信息处理费。').draft.answers['s6.text']).toBe(
      '本年度未收取信息处理费。',
    );
    const table = openStep(draft, ME, 's4', 's4.table');
    expect(applyChatText(table, ME, '随便说点什么').outcome).toEqual({ status: 'no_field' });
    expect(applyChatText(newDraft(), 'ou_other', '你好').outcome).toEqual({ status: 'no_field' });
  });

  it('refuses a message that would make the field too long, keeping what is there', () => {
    let draft = openStep(newDraft(), ME, 's1', 's1.platform');
    draft = applyChatText(draft, ME, '平台建设。').draft;
    const r = applyChatText(draft, ME, 'x'.repeat(MAX_TEXT_CHARS));
    expect(r.outcome.status).toBe('refused');
    expect(r.draft.answers['s1.platform']).toBe('平台建设。');
  });

  it('a message held for 填入 expires when a newer message is filled or the step is left', () => {
    const open = openStep(newDraft(), ME, 's5', 's5.problems');
    const { draft: held, held: text } = holdChatText(open, ME, '这里写什么', { kind: 'short', chars: 5 })!;
    const filled = applyChatText(held, ME, '一是公开内容不够全面，部分领域的信息发布不够及时。').draft;
    expect(confirmHeld(filled, ME, text.id).outcome).toEqual({ status: 'gone', why: 'gone' });
    const left = openStep(held, ME, 's5', 's5.improvements');
    expect(confirmHeld(left, ME, text.id).outcome).toEqual({ status: 'gone', why: 'gone' });
    expect(left.answers['s5.problems']).toBeUndefined();
  });

  it('tells the person on the card that chat messages fill the field', () => {
    const draft = openStep(newDraft(), ME, 's1', 's1.request');
    const view = stepView(draft, CTX, 's1', 's1.request')!;
    expect(view.chatKey).toBe('s1.request');
  });
});
