/**
 * Characters a text may not hold because the Word file cannot carry or print them: what XML 1.0 forbids (a
 * document.xml holding U+FFFE, U+FFFF or a C0 control is not well-formed and Word refuses to open it), the C1
 * controls (allowed by XML, printed by no font), and emoji, which the 公文 fonts (仿宋, 宋体, 黑体, 楷体,
 * Times New Roman) do not have. Symbols that have a text form (©, ☎, ✔, arrows) stay: Word prints them.
 */

/** Outside XML 1.0's Char production (tab and newline are fine), or a C1 control. */
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is what this is for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

/**
 * Emoji: characters shown as colour pictures by default, pictographs beyond the BMP (where the fonts have none),
 * and the marks that turn a character into an emoji (variation selector 16, the keycap).
 */
const EMOJI = /\p{Emoji_Presentation}|(?=\p{Extended_Pictographic})[\u{10000}-\u{10FFFF}]|\uFE0F|\u20E3/u;

/** How many of each kind a message names: enough to find them, short enough to read. */
const NAMED = 3;

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * Why the text cannot be printed in the Word file, in a sentence about `what` (「这段文字」, 「单位名称」);
 * undefined when every character prints.
 */
export function unprintable(text: string, what = '这段文字'): string | undefined {
  if (!CONTROL.test(text) && !EMOJI.test(text)) return undefined;
  const emoji: string[] = [];
  const controls: number[] = [];
  // By what a person sees as one character: 「❤️」「🇨🇳」 are named whole, and 第 N 字 counts as they count.
  let position = 0;
  for (const { segment } of graphemes.segment(text)) {
    position++;
    if (CONTROL.test(segment)) controls.push(position);
    else if (EMOJI.test(segment) && !emoji.includes(segment)) emoji.push(segment);
  }
  const parts: string[] = [];
  if (emoji.length) {
    const named = emoji.slice(0, NAMED).map((e) => `「${e}」`);
    parts.push(`表情符号${named.join('')}${emoji.length > NAMED ? '等' : ''}`);
  }
  if (controls.length) {
    const where = `第 ${controls.slice(0, NAMED).join('、')} 字${controls.length > NAMED ? '等处' : '处'}`;
    parts.push(`${where}看不见的控制字符（常见于从网页或其他软件复制的文字）`);
  }
  return `${what}里有 Word 文件印不出来的字符：${parts.join('；')}，请删去后再提交`;
}
