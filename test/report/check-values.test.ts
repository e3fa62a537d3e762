/**
 * Every kind of raw value a clerk or an importer may hand over: what parseNumber makes of it, and the E2
 * message checkReport gives for it.
 */
import { checkReport } from '../../src/report/check.js';
import { parseNumber } from '../../src/report/parse-value.js';
import {
  FEE_FIELDS,
  SECTION_BY_ID,
  TABLE_CELL_BY_KEY,
  type NumberKind,
  type RawValue,
} from '../../src/report/template.js';
import { validAnswers, withChanges } from './helpers/sample-answers.js';

const COUNT_KEY = 't3.r1.np';
const WAN_KEY = 't2.fee';
const YUAN_KEY = 's6.fee.collected';
const KEY_OF: Record<NumberKind, string> = { count: COUNT_KEY, wan_yuan: WAN_KEY, yuan: YUAN_KEY };

/** The E2 findings of the valid report with one value replaced. */
function e2(kind: NumberKind, raw: RawValue) {
  return checkReport(withChanges(validAnswers(), { [KEY_OF[kind]]: raw })).errors.filter(
    (f) => f.rule === 'E2',
  );
}

describe.each([
  ['full-width digits', 'count', '１２', 12],
  ['full-width decimal point in 万元', 'wan_yuan', '１２．５', 12.5],
  ['thousands separators', 'count', '1,234', 1234],
  ['full-width thousands separators', 'yuan', '３，９４０', 3940],
  ['a unit after the number', 'count', '12件', 12],
  ['万元 written as 万', 'wan_yuan', '3.5万', 3.5],
  ['four decimals of 万元', 'wan_yuan', '59237.2449', 59237.2449],
  ['six decimals of 万元 (to the 分), as published reports print', 'wan_yuan', '1234.567891', 1234.567891],
  ['six decimals of 万元 as a JSON number', 'wan_yuan', 1234.567891, 1234.567891],
  ['trailing zeros past the sixth decimal', 'wan_yuan', '0.0000010', 0.000001],
  ['a JSON number', 'count', 7, 7],
  ['a large city’s 行政处罚', 'count', '12,345,678', 12345678],
  ['spaces around', 'count', '  8 ', 8],
] as const)('accepted: %s', (_name, kind, raw, value) => {
  it('parses to the number', () => {
    expect(parseNumber(raw, kind)).toEqual({ ok: true, value });
  });
  it('gives no E2, and the checker uses the number', () => {
    expect(e2(kind, raw)).toEqual([]);
    expect(checkReport(withChanges(validAnswers(), { [KEY_OF[kind]]: raw })).parsed.given[KEY_OF[kind]]).toBe(
      value,
    );
  });
});

describe.each([
  ['negative', 'count', '-3', '不能是负数'],
  ['negative JSON number', 'yuan', -20, '不能是负数'],
  ['a fraction in a count', 'count', '2.5', '件数必须是整数，不能有小数'],
  [
    'a seventh decimal in 万元',
    'wan_yuan',
    '1234.5678912',
    '单位是万元，最多保留 6 位小数（精确到分），请检查是否多打了位数',
  ],
  [
    'a seventh decimal in 万元 as a JSON number',
    'wan_yuan',
    0.1234567,
    '单位是万元，最多保留 6 位小数（精确到分），请检查是否多打了位数',
  ],
  ['more than 2 decimals in 元', 'yuan', '10.125', '最多保留 2 位小数'],
  ['not a number', 'count', '若干', '「若干」不是数字，请只填阿拉伯数字'],
  ['a Chinese numeral', 'count', '十二', '「十二」不是数字，请只填阿拉伯数字'],
  ['exponent notation', 'wan_yuan', '1.5e3', '请直接写出完整的数字，不要用科学计数法'],
  ['a huge JSON number', 'count', 1e21, '数字过大或过小，请检查是否多打或少打了位数'],
  ['an absurd size', 'count', '99999999999', '数字过大（超过 999,999,999），请检查是否多打了位数'],
  ['元 in a 万元 cell', 'wan_yuan', '35000元', '单位是万元，请换算成万元后填写（例如 35000 元填 3.5）'],
  ['a pasted page of text', 'count', '依申请公开'.repeat(20_000), '这里只能填一个数字，请不要粘贴文字'],
] as const)('refused: %s', (_name, kind, raw, message) => {
  it('parseNumber says why', () => {
    expect(parseNumber(raw, kind)).toEqual({ ok: false, message });
  });
  it('checkReport gives one E2 with the cell label and that message, quoting at most 20 characters', () => {
    const findings = e2(kind, raw);
    expect(findings).toHaveLength(1);
    const key = KEY_OF[kind];
    const fee = FEE_FIELDS.find((f) => f.key === key);
    const label = TABLE_CELL_BY_KEY.get(key)?.label ?? `${SECTION_BY_ID.get('s6')!.part} ${fee!.label}`;
    expect(findings[0]).toMatchObject({ rule: 'E2', cells: [key], message: `${label}：${message}` });
    expect(String(findings[0].actual).length).toBeLessThanOrEqual(21);
  });
});

describe('blank values', () => {
  it('parseNumber asks for a number, 0 when there is none', () => {
    expect(parseNumber('', 'count')).toEqual({ ok: false, message: '还没有填写，请填数字，没有就填 0' });
    expect(parseNumber('　', 'count')).toEqual({ ok: false, message: '还没有填写，请填数字，没有就填 0' });
    expect(parseNumber(undefined, 'count')).toMatchObject({ ok: false });
  });

  it('are missing (E1), not wrong (E2)', () => {
    const { errors } = checkReport(withChanges(validAnswers(), { [COUNT_KEY]: '' }));
    expect(errors.map((f) => f.rule)).toEqual(['E1']);
  });
});

describe('values JSON allows but a form never sends', () => {
  it.each([true, null, ['1'], { n: 1 }])('%j is refused or missing, never a crash', (raw) => {
    const a = withChanges(validAnswers(), {});
    (a as Record<string, unknown>)[COUNT_KEY] = raw;
    const { errors } = checkReport(a);
    expect(errors).toHaveLength(1);
    expect(['E1', 'E2']).toContain(errors[0].rule);
  });
});
