/**
 * Property-based fuzzing (issue 14) of what a person writes in the chat: the message parsing
 * (handlers/message-text.ts), the choice of a command (handlers/message.ts), and a long text sent as messages
 * into an open text step (src/filling/chat-text.ts). Whatever arrives, nothing throws; a command is picked only
 * for its own words, however they are wrapped; a text stored is exactly the messages sent, or refused in Chinese.
 */
import fc from 'fast-check';
import { messageCommands } from '../../handlers/message.js';
import { messageText } from '../../handlers/message-text.js';
import type { MessageEvent } from '../../handlers/types.js';
import { newDraft } from '../../src/filling/draft.js';
import { applyChatText, openStep } from '../../src/filling/chat-text.js';
import { cleanText } from '../../src/filling/read-form.js';
import { CHINESE, params } from './runs.js';

/** Every command's words: what a person writes to get it (the oracle the matching is checked against). */
const WORDS: Record<string, string[]> = {
  help: ['帮助', 'help', '?', '？', '菜单'],
  fill: ['填报', '开始填报', '继续填报', '填写', '年报'],
  progress: ['进度', '查看进度'],
  submit_for_review: ['提交审核'],
  history: ['历史', '审核历史', '审核记录'],
  new_round: ['新建年报', '新建轮次', '开启年报', '新建'],
  rounds: ['轮次', '管理', '年报轮次', '管理轮次'],
  template: ['模板', '表格模板', '下载模板', '年报模板'],
};
const ALL_WORDS = new Map(
  Object.entries(WORDS).flatMap(([name, ws]) => ws.map((w) => [w.toLowerCase(), name])),
);

const event = (message_type: string, content: string, chat_type = 'p2p'): MessageEvent => ({
  event_id: 'fuzz',
  sender: { sender_id: { open_id: 'ou_fuzz' }, sender_type: 'user' },
  message: { message_id: 'om_fuzz', chat_id: 'oc_fuzz', chat_type, message_type, content },
});
const commandFor = (text: string) => messageCommands.find((c) => c.match(text))?.name;

/** The ways a client wraps a message's words: blanks, a full-width space, @mentions, a post's locale. */
const blank = fc.constantFrom('', ' ', '\u3000', '\n', ' \u3000 ', '\t');
const mention = fc.constantFrom('', '@_user_1 ', '@_user_12', ' @_all ');
const wrap = (text: string, kind: 'text' | 'post' | 'post-locale') => {
  if (kind === 'text') return event('text', JSON.stringify({ text }));
  const body = { title: '', content: [[{ tag: 'text', text }]] };
  return event('post', JSON.stringify(kind === 'post' ? body : { zh_cn: body }));
};

describe('chat commands', () => {
  it('never throw on any message content or kind, and read a text or nothing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        fc.constantFrom('text', 'post', 'image', 'file', 'sticker', 'interactive', ''),
        (content, type) => {
          const text = messageText(event(type, content));
          expect(text === null || typeof text === 'string').toBe(true);
          if (text !== null) expect(() => commandFor(text)).not.toThrow();
        },
      ),
      params,
    );
  });

  it('pick each command for its own words, however the message wraps them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_WORDS.keys()),
        fc.boolean(),
        blank,
        mention,
        blank,
        fc.constantFrom('text', 'post', 'post-locale'),
        (word, upper, before, at, after, kind) => {
          const typed = upper ? word.toUpperCase() : word;
          const text = messageText(wrap(before + at + typed + after, kind as 'text'));
          expect(text).toBe(typed);
          expect(commandFor(text!)).toBe(ALL_WORDS.get(word));
        },
      ),
      params,
    );
  });

  it('pick no command for any other text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          // Command words with something around them: 「我想看看进度」 is not the command 进度.
          fc
            .tuple(
              fc.string({ maxLength: 4 }),
              fc.constantFrom(...ALL_WORDS.keys()),
              fc.string({ maxLength: 4 }),
            )
            .map(([a, w, b]) => a + w + b),
        ),
        (raw) => {
          const text = messageText(wrap(raw, 'text'))!;
          const picked = commandFor(text);
          if (picked !== undefined) expect(ALL_WORDS.get(text.toLowerCase())).toBe(picked);
        },
      ),
      params,
    );
  });

  it('store a long text sent as messages exactly as sent, joined by line ends, or refuse in Chinese', () => {
    const open = openStep(newDraft(), 'ou_fuzz', 's5', 's5.problems');
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 300 }),
            fc.string({ unit: 'binary', maxLength: 50 }),
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (messages) => {
          let draft = open;
          const kept: string[] = [];
          for (const m of messages) {
            const text = messageText(wrap(m, 'text'));
            if (text === null) continue;
            const r = applyChatText(draft, 'ou_fuzz', text);
            if (r.outcome.status === 'refused') {
              expect(r.outcome.message).toMatch(CHINESE);
              expect(r.draft).toBe(draft);
            } else if (r.outcome.status === 'saved') kept.push(cleanText(text));
            draft = r.draft;
          }
          expect(draft.answers['s5.problems']).toBe(kept.length ? kept.join('\n') : undefined);
        },
      ),
      params,
    );
  });
});
