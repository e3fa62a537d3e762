/**
 * The words and numbers both renderers print: the same preamble, the same number text, the same fee sentence,
 * so the Markdown preview a clerk approves says exactly what the Word file will say.
 */
import { cellValue, type ParsedAnswers } from '../report/compute.js';
import {
  FEE_FIELDS,
  META_FIELDS,
  NUMBER_KINDS,
  NUMBER_INPUTS,
  TABLE_CELL_BY_KEY,
  reportTitle,
  statisticsPeriod,
  type Answers,
  type AnswersFile,
  type NumberKind,
  type Section,
  type TextField,
} from '../report/template.js';

/** Printed for a required text that is still empty, so the gap is visible instead of silently missing. */
export const EMPTY_REQUIRED_TEXT = '（未填写）';

const KIND_BY_KEY: ReadonlyMap<string, NumberKind> = new Map(NUMBER_INPUTS.map((n) => [n.key, n.kind]));

/** A text answer, trimmed; '' when absent (never the string "undefined"). */
export function textAnswer(answers: Answers, key: string): string {
  const raw = answers[key];
  if (raw === undefined || raw === null) return '';
  return String(raw).trim();
}

/** A text split into its paragraphs, blank lines dropped. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The paragraphs printed for a text field of a section: its own, or 「（未填写）」 when the whole section is empty.
 * An empty part of a section that has text elsewhere prints nothing: published reports write 一 as one passage
 * and 五 as one text (E7 is per section); a blank aspect of 一 is W7's warning, not a gap to print.
 */
export function fieldParagraphs(answers: Answers, section: Section, field: TextField): string[] {
  const paragraphs = paragraphsOf(textAnswer(answers, field.key));
  if (paragraphs.length > 0 || !field.required) return paragraphs;
  const writtenElsewhere = section.texts.some((f) => textAnswer(answers, f.key) !== '');
  return writtenElsewhere ? [] : [EMPTY_REQUIRED_TEXT];
}

/**
 * Whether the sub-heading (「（一）主动公开」) is printed on its own line: not when the text already starts with
 * its numeral, as texts imported from a published report do (「（一）主动公开。中心党组……」).
 */
export function showsOwnHeading(field: TextField, paragraphs: string[]): boolean {
  if (!field.heading || paragraphs.length === 0) return false;
  const numeral = /^（[一二三四五六七八九十]+）/.exec(field.heading)?.[0];
  return !(numeral && paragraphs[0]?.startsWith(numeral));
}

/**
 * A number as printed: plain digits, no thousands separators; amounts keep the decimals typed
 * (59237.2449 stays 59237.2449, 96171.60 stays 96171.60) because the report copies what the finance office gave.
 * '' for a blank or unparseable cell — never 0, a blank must stay visible.
 */
export function numberText(answers: Answers, parsed: ParsedAnswers, key: string): string {
  const value = TABLE_CELL_BY_KEY.has(key) ? cellValue(parsed, key) : parsed.given[key];
  if (value === undefined) return '';
  const kind = TABLE_CELL_BY_KEY.get(key)?.kind ?? KIND_BY_KEY.get(key) ?? 'count';
  const raw = answers[key];
  if (kind === 'count' || typeof raw !== 'string' || TABLE_CELL_BY_KEY.get(key)?.sumOf) return String(value);
  const typedDecimals = /[.．。]([0-9０-９]+)/.exec(raw)?.[1].length ?? 0;
  const decimals = Math.min(typedDecimals, NUMBER_KINDS[kind].maxDecimals);
  return decimals > 0 ? value.toFixed(decimals) : String(value);
}

/** The preamble: the legal basis, the statistics period and, when known, whom to contact. */
export function preambleText(file: AnswersFile): string {
  const basis =
    '依据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定，编制本报告。' +
    `本报告所列数据统计期限为${statisticsPeriod(file.year)}。`;
  return basis + contactSentence(file);
}

function contactSentence(file: AnswersFile): string {
  const [office, ...details] = META_FIELDS.map((f) => ({
    label: f.label,
    value: textAnswer(file.answers, f.key),
  }));
  const given = details.filter((d) => d.value !== '');
  if (office.value === '' && given.length === 0) return '';
  const who = office.value || file.unit;
  const brackets = given.length ? `（${given.map((d) => `${d.label}：${d.value}`).join('，')}）` : '';
  return `如对本报告有任何疑问，请与${who}联系${brackets}。`;
}

/**
 * The 信息处理费 figures of 六 as the sentence published reports print (办法 国办函〔2020〕109号);
 * undefined when none was given.
 */
export function feeSentence(file: AnswersFile, parsed: ParsedAnswers): string | undefined {
  const [notices, billed, collected] = FEE_FIELDS.map((f) =>
    parsed.given[f.key] === undefined ? undefined : numberText(file.answers, parsed, f.key),
  );
  if (notices === undefined && billed === undefined && collected === undefined) return undefined;
  const isZero = (text: string | undefined) => text === undefined || Number(text) === 0;
  if (notices !== undefined && isZero(notices) && isZero(billed) && isZero(collected))
    return '本年度未发出信息处理费收费通知，未收取信息处理费。';
  const parts: string[] = [];
  if (notices !== undefined) parts.push(`发出信息处理费收费通知${notices}件`);
  if (billed !== undefined) parts.push(`收费通知总金额${billed}元`);
  if (collected !== undefined)
    parts.push(isZero(collected) ? '未实际收取信息处理费' : `实际收取信息处理费${collected}元`);
  return `本年度${parts.join('，')}。`;
}

/** 二号 fits 20 characters on a line of the A4 text width. */
const TITLE_LINE_CHARS = 20;

/** The title's lines: a long title breaks after the agency's name, as published reports print it, not mid-phrase. */
export function titleLines(unit: string, year: number): string[] {
  const title = reportTitle(unit, year);
  return title.length > TITLE_LINE_CHARS && title.startsWith(unit) && unit.length <= TITLE_LINE_CHARS
    ? [unit, title.slice(unit.length)]
    : [title];
}
