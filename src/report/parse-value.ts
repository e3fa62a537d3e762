/**
 * Turning what a person typed into a number, or into a Chinese sentence that says what to fix.
 *
 * People type into Feishu inputs on phones with Chinese IMEs: full-width digits (１２), full-width punctuation,
 * thousands separators, a unit after the number. All of those are accepted. What is refused is what would
 * put a wrong number into a published report: a sign, a fraction of a count, a seventh decimal of 万元 (six
 * already reach the 分), exponent notation, and sizes no agency reports.
 */
import { NUMBER_KINDS, type NumberKind, type RawValue } from './template.js';

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

/**
 * The largest value each kind accepts: far above any published report, far below a typo of many digits.
 * Counts go to 10 digits because 行政处罚 of a large city already reaches 3 985 758 (淮安市 2024) and
 * provincial traffic penalties can pass ten million; an error here would block a true report.
 */
const MAX_VALUE: Record<NumberKind, number> = {
  count: 999_999_999,
  wan_yuan: 99_999_999,
  yuan: 999_999_999,
};

/** Anything longer than this is not a number someone meant to type. */
const MAX_INPUT_LENGTH = 40;

const FULL_WIDTH: Record<string, string> = {
  '．': '.',
  '。': '.',
  '，': ',',
  '－': '-',
  '−': '-',
  '—': '-',
  '＋': '+',
  ｅ: 'e',
  Ｅ: 'E',
  '　': ' ',
};

function toHalfWidth(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。，－−—＋ｅＥ\u3000]/g, (c) => FULL_WIDTH[c]);
}

/** Parses a raw answer of the given kind. */
export function parseNumber(raw: RawValue | null | undefined, kind: NumberKind): ParsedNumber {
  const { unit, maxDecimals } = NUMBER_KINDS[kind];
  if (raw === null || raw === undefined) return fail('还没有填写，请填数字，没有就填 0');
  if (typeof raw === 'number') return checkRange(raw, String(raw), kind);
  // Imported or hand-edited answers files may hold anything JSON allows; never let that throw.
  if (typeof raw !== 'string') return fail('这里只能填一个数字');

  if (raw.length > MAX_INPUT_LENGTH) return fail('这里只能填一个数字，请不要粘贴文字');
  let text = toHalfWidth(raw).trim();
  if (text === '') return fail('还没有填写，请填数字，没有就填 0');
  // A unit after the number is what people write on paper: 「12件」「3.5万元」.
  if (text.endsWith(unit)) text = text.slice(0, -unit.length).trim();
  // 「3.5万」 in a 万元 cell means 3.5 万元.
  else if (kind === 'wan_yuan' && text.endsWith('万')) text = text.slice(0, -1).trim();
  else if (kind === 'wan_yuan' && text.endsWith('元'))
    return fail('单位是万元，请换算成万元后填写（例如 35000 元填 3.5）');

  if (/^[+-]?\s*\d/.test(text) && text.replace(/\s/g, '').startsWith('-')) return fail('不能是负数');
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(text)) return fail('请直接写出完整的数字，不要用科学计数法');
  const plain = withoutThousandsSeparators(text);
  if (plain === undefined)
    return fail(`「${raw.trim()}」不是数字，请只填阿拉伯数字${maxDecimals ? '和小数点' : ''}`);
  return checkRange(Number(plain), plain, kind);
}

/** `1,234,567` → `1234567`; also plain `1234.5`; anything else → undefined. */
function withoutThousandsSeparators(text: string): string | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return text;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return text.replace(/,/g, '');
  return undefined;
}

function checkRange(value: number, text: string, kind: NumberKind): ParsedNumber {
  const { maxDecimals } = NUMBER_KINDS[kind];
  if (!Number.isFinite(value)) return fail('不是有效的数字');
  if (value < 0) return fail('不能是负数');
  if (/e/i.test(text)) return fail('数字过大或过小，请检查是否多打或少打了位数');
  const decimals = text.includes('.') ? text.split('.')[1].replace(/0+$/, '').length : 0;
  if (maxDecimals === 0 && decimals > 0) return fail('件数必须是整数，不能有小数');
  if (decimals > maxDecimals)
    return fail(
      kind === 'wan_yuan'
        ? `单位是万元，最多保留 ${maxDecimals} 位小数（精确到分），请检查是否多打了位数`
        : `最多保留 ${maxDecimals} 位小数`,
    );
  if (value > MAX_VALUE[kind])
    return fail(`数字过大（超过 ${MAX_VALUE[kind].toLocaleString('en-US')}），请检查是否多打了位数`);
  return { ok: true, value };
}

function fail(message: string): ParsedNumber {
  return { ok: false, message };
}
