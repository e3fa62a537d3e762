/**
 * The checker: every rule of report-format.md §3 over one report's answers.
 *
 * It never throws on what a person or an importer may hand it — partial answers, odd JSON values — because a
 * report half filled in is the normal case: what is missing is reported (E1, E7), not crashed on.
 */
import { parseAnswers, type ParsedAnswers } from './compute.js';
import type { Finding } from './finding.js';
import { checkAspects, checkFilled, checkTexts } from './rules/completeness.js';
import type { Rule, RuleContext } from './rules/context.js';
import { checkFees } from './rules/fees.js';
import { checkFeeUnit } from './rules/plausibility.js';
import { checkCarryOver, checkCopiedText, checkValidCount } from './rules/previous-year.js';
import { checkTable3 } from './rules/table3-sums.js';
import { checkTable4 } from './rules/table4-sums.js';
import { checkTextNumbers } from './rules/text-vs-tables.js';
import { checkTypes } from './rules/types.js';
import { SECTIONS, sectionOfKey, type Answers, type SectionId } from './template.js';

export type { Finding } from './finding.js';

export interface CheckResult {
  errors: Finding[];
  warnings: Finding[];
  parsed: ParsedAnswers;
}

export interface CheckOptions {
  /** last year's answers, for W1, W2, W3 (growth) and W6 */
  previous?: Answers;
  /** only these sections' rules and cells (for checking one card step); default all */
  sections?: SectionId[];
}

/** In the order a clerk reads them: completeness and types first, then sums, then the warnings. */
const RULE_FAMILIES: Rule[] = [
  checkFilled,
  checkTypes,
  checkTable3,
  checkTable4,
  checkTexts,
  checkCarryOver,
  checkValidCount,
  checkFeeUnit,
  checkFees,
  checkTextNumbers,
  checkCopiedText,
  checkAspects,
];

/** Checks a report's answers against every rule (report-format.md §3). */
export function checkReport(answers: Answers, options: CheckOptions = {}): CheckResult {
  const safe = isRecord(answers) ? answers : {};
  const parsed = parseAnswers(safe);
  const previous = isRecord(options.previous)
    ? { answers: options.previous, parsed: parseAnswers(options.previous) }
    : undefined;
  const sections = new Set<SectionId>(options.sections ?? SECTIONS.map((s) => s.id));
  const ctx: RuleContext = { answers: safe, parsed, sections, ...(previous ? { previous } : {}) };
  // A rule that spans sections (W4, W5) belongs to every section one of its cells is in.
  const findings = RULE_FAMILIES.flatMap((rule) => rule(ctx)).filter((f) =>
    f.cells.some((key) => sections.has(sectionOfKey(key)!)),
  );
  return {
    errors: findings.filter((f) => f.level === 'error'),
    warnings: findings.filter((f) => f.level === 'warning'),
    parsed,
  };
}

function isRecord(value: unknown): value is Answers {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
