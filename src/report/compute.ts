/**
 * From raw answers to numbers: every typed cell parsed, every computed cell (ⓒ) summed.
 *
 * A computed cell may also be *given*, when a published report is imported with its printed totals;
 * the given value is kept apart from the sum so the checker can compare them.
 */
import { parseNumber } from './parse-value.js';
import { COMPUTED_CELLS, NUMBER_INPUTS, TABLE_CELL_BY_KEY, type Answers, type RawValue } from './template.js';

export interface ParsedAnswers {
  /** every number that was given and parses, including printed totals of computed cells */
  given: Record<string, number>;
  /** the raw values that do not parse, with the Chinese reason, by key */
  invalid: Record<string, string>;
  /** each computed cell's sum, present when every one of its terms is known */
  computed: Record<string, number>;
}

/** Parses every number of a report and computes its sums. */
export function parseAnswers(answers: Answers): ParsedAnswers {
  answers ??= {};
  const given: Record<string, number> = {};
  const invalid: Record<string, string> = {};
  const numberCells = [...NUMBER_INPUTS, ...COMPUTED_CELLS];
  for (const { key, kind } of numberCells) {
    const raw = answers[key] as unknown;
    // Blank is not invalid: it is missing, which E1 reports.
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
    const parsed = parseNumber(raw as RawValue, kind);
    if (parsed.ok) given[key] = parsed.value;
    else invalid[key] = parsed.message;
  }

  const computed: Record<string, number> = {};
  const known = (key: string): number | undefined =>
    TABLE_CELL_BY_KEY.get(key)?.sumOf ? computed[key] : given[key];
  for (const cell of COMPUTED_CELLS) {
    const terms = cell.sumOf!.map(known);
    if (terms.every((t) => t !== undefined)) computed[cell.key] = terms.reduce((a, b) => a! + b!, 0)!;
  }
  return { given, invalid, computed };
}

/** The value to show for a cell: a computed cell's sum (or its printed value when the sum is unknown), else the given number. */
export function cellValue(parsed: ParsedAnswers, key: string): number | undefined {
  if (TABLE_CELL_BY_KEY.get(key)?.sumOf) return parsed.computed[key] ?? parsed.given[key];
  return parsed.given[key];
}
