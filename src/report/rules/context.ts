/** What every rule family is given, and the small accessors they share. */
import { cellValue, type ParsedAnswers } from '../compute.js';
import type { Finding } from '../finding.js';
import { sectionOfKey, type Answers, type SectionId } from '../template.js';

export interface RuleContext {
  answers: Answers;
  parsed: ParsedAnswers;
  /** last year's report, for the W rules that compare years */
  previous?: { answers: Answers; parsed: ParsedAnswers };
  /** the sections being checked */
  sections: ReadonlySet<SectionId>;
}

/** A rule family: reads the context, returns its findings. */
export type Rule = (ctx: RuleContext) => Finding[];

/** Whether a key's section is being checked. */
export function inSections(ctx: RuleContext, key: string): boolean {
  const s = sectionOfKey(key);
  return s !== undefined && ctx.sections.has(s);
}

/** Whether any of the keys' sections is being checked (W rules span sections). */
export function anyInSections(ctx: RuleContext, keys: string[]): boolean {
  return keys.some((k) => inSections(ctx, k));
}

/** A text answer, trimmed; '' for missing or non-text values. */
export function textOf(answers: Answers, key: string): string {
  const raw = answers[key] as unknown;
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return '';
}

/** The value a check should use for a cell: the sum when computable, else the printed number. */
export function known(parsed: ParsedAnswers, key: string): number | undefined {
  return cellValue(parsed, key);
}
