/**
 * Whether a chat message sent while a long-text step is open may not be meant as report text: then it is held
 * and confirmed with one tap instead of being stored (issue 9: 「这里要写什么？」 was stored as report text).
 *
 * The thresholds come from what people send and from published reports (the fixtures in test/fixtures):
 * - Chat text exists for texts longer than a card input (1,000 characters); a short text is typed in the card.
 *   Of the 87 section texts of the 11 published reports the shortest is 21 characters but one 「无。」, while the
 *   questions and requests people type are a few words (「这里要写什么？」 is 7). Under SHORT_CHARS is held.
 * - Question words and command words occur in report text too (「帮助学员……」, 「办理进度」), but in long
 *   paragraphs: they count only in a message of one sentence, under SENTENCE_CHARS. None of those 87
 *   section texts contains a question word.
 * - A message ending in a question mark is held whatever its length: report text states, it does not ask.
 */

/** Why a message is held. */
export type ChatDoubt =
  /** fewer than SHORT_CHARS characters */
  | { kind: 'short'; chars: number }
  /** ends with ？ or ?, or a short sentence with a question word */
  | { kind: 'question' }
  /** a command word of the bot typed with other words (the bare word is a command and never reaches here) */
  | { kind: 'command'; command: string };

/** Characters (not counting spaces) below which a message is not taken as report text without asking. */
export const SHORT_CHARS = 20;

/** Characters (not counting spaces) below which a question word or a command word makes a message doubtful. */
export const SENTENCE_CHARS = 50;

const QUESTION_END = /[？?]$/;
const QUESTION_WORDS =
  /吗|什么|怎么|怎样|如何|为什么|为何|哪里|哪儿|哪个|哪些|能不能|能否|可不可以|是不是|要不要|请问|咋/;
/** The words the bot answers as commands (handlers/message.ts, fill-commands.ts, approval-routes.ts). */
const COMMAND_WORDS = [
  '提交审核',
  '审核历史',
  '审核记录',
  '查看进度',
  '填报',
  '进度',
  '帮助',
  '菜单',
  '历史',
];

/** The number of characters a person sees, spaces left out (a surrogate pair is one). */
function visibleChars(text: string): number {
  return Array.from(text.replace(/\s+/g, '')).length;
}

/** Why `text` may not be report text, or undefined when it reads as report text and is filled at once. */
export function chatDoubt(text: string): ChatDoubt | undefined {
  const trimmed = text.trim();
  const chars = visibleChars(trimmed);
  if (QUESTION_END.test(trimmed)) return { kind: 'question' };
  if (chars < SENTENCE_CHARS) {
    const command = COMMAND_WORDS.find((w) => trimmed.includes(w));
    if (command) return { kind: 'command', command };
    if (QUESTION_WORDS.test(trimmed)) return { kind: 'question' };
  }
  return chars < SHORT_CHARS ? { kind: 'short', chars } : undefined;
}
