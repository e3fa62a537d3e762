/**
 * The cell-wise sum of reports: what the 本级政府's consolidated report states in its tables (二, 三, 四) and in
 * its 信息处理费 figures. Every rule of the format is a linear equation between cells (E3–E6, W1, W2), so a sum
 * of reports that keep them keeps them too (test/consolidated/sum-rules.test.ts says so for every rule).
 */
import { parseAnswers } from '../report/compute.js';
import { FEE_FIELDS, INPUT_CELLS, NUMBER_KINDS, type Answers, type NumberKind } from '../report/template.js';

/** Every number a consolidated report takes from its units: the typed table cells and the fee figures. */
export const SUMMED_KEYS: readonly { key: string; kind: NumberKind }[] = [
  ...INPUT_CELLS.map((c) => ({ key: c.key, kind: c.kind })),
  ...FEE_FIELDS.map((f) => ({ key: f.key, kind: f.kind })),
];

/**
 * The cell-wise sum of the reports' numbers. A key is summed only when every report gives it (an approved report
 * gives every table cell; the fee figures are optional). Decimals are added as whole 分 (or 0.000001 万元), so a
 * sum of 0.1 + 0.2 stays 0.3 and never grows past the places its kind allows (E2).
 */
export function sumAnswers(reports: readonly Answers[]): Answers {
  const parsed = reports.map((r) => parseAnswers(r).given);
  const sum: Answers = {};
  if (!parsed.length) return sum;
  for (const { key, kind } of SUMMED_KEYS) {
    const values = parsed.map((p) => p[key]);
    if (values.some((v) => v === undefined)) continue;
    const scale = 10 ** NUMBER_KINDS[kind].maxDecimals;
    const units = values.reduce((total, v) => total + Math.round(v! * scale), 0);
    sum[key] = units / scale;
  }
  return sum;
}
