/**
 * What the checker reports, and the helpers every rule uses to word it.
 *
 * Labels always come from template.ts (cell.label, row.short, column label, text heading): a clerk sees the
 * same words in a finding as on the card and in the printed table.
 */
import {
  FEE_FIELDS,
  RULES,
  SECTIONS,
  TABLE_CELL_BY_KEY,
  TEXT_FIELDS,
  sectionOfKey,
  type RuleId,
} from './template.js';

/** One problem found in a report. */
export interface Finding {
  rule: RuleId;
  level: 'error' | 'warning';
  /** canonical keys of the cells and text fields concerned */
  cells: string[];
  /** one sentence a clerk understands */
  message: string;
  expected?: number | string;
  actual?: number | string;
}

/** Builds a finding with the level of its rule. */
export function finding(
  rule: RuleId,
  cells: string[],
  message: string,
  values: { expected?: number | string; actual?: number | string } = {},
): Finding {
  const f: Finding = { rule, level: RULES[rule].level, cells, message };
  if (values.expected !== undefined) f.expected = values.expected;
  if (values.actual !== undefined) f.actual = values.actual;
  return f;
}

/** The clerk's name of any key: a table cell's label, a fee field's, or 「第一部分（一）主动公开」 for a text. */
export function labelOf(key: string): string {
  const cell = TABLE_CELL_BY_KEY.get(key);
  if (cell) return cell.label;
  const part = SECTIONS.find((s) => s.id === sectionOfKey(key))?.part ?? '';
  const fee = FEE_FIELDS.find((f) => f.key === key);
  if (fee) return `${part} ${fee.label}`;
  const text = TEXT_FIELDS.find((t) => t.key === key);
  if (text) return text.heading ? `${part}${text.heading}` : `${part} ${text.label}`.trim();
  return key;
}

/**
 * A number as a clerk writes it: no exponent, no float noise, thousands unseparated below 10 000. Six decimals
 * keep a 万元 amount to the 分 (E2).
 */
export function fmt(n: number): string {
  const rounded = Math.round(n * 1_000_000) / 1_000_000;
  return Math.abs(rounded) >= 10_000
    ? rounded.toLocaleString('en-US', { maximumFractionDigits: 6 })
    : `${rounded}`;
}

/** 「自然人(5)+商业企业(3)=8」 */
export function sumSentence(terms: { name: string; value: number }[]): string {
  const total = terms.reduce((a, t) => a + t.value, 0);
  return `${terms.map((t) => `${t.name}(${fmt(t.value)})`).join('+')}=${fmt(total)}`;
}

/** A list of names for a message, shortened to the first few when long. */
export function listNames(names: string[], max = 4, unit = '项'): string {
  if (names.length <= max) return names.join('、');
  return `${names.slice(0, max).join('、')}等 ${names.length} ${unit}`;
}
