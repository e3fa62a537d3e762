/** Shared test helpers: a view context and a person filling steps the way the card submits them. */
import { newDraft, type ReportDraft } from '../../src/filling/draft.js';
import { submitStep } from '../../src/filling/submit-step.js';
import { STEP_BY_ID } from '../../src/filling/steps.js';
import type { ViewContext } from '../../src/filling/view.js';
import type { Answers, SectionId } from '../../src/report/template.js';

export const CTX: ViewContext = {
  ids: { round_id: '2026-rabc123', unit_id: 'u1' },
  unitName: '上高县机关事务管理中心',
  roundName: '2026 年度政府信息公开工作年度报告',
  year: 2026,
  deadline: '2027-01-31T23:59:00+08:00',
};

/** The form_value a person sends for a step: given values, else `fill(key)`. */
export function formFor(stepId: string, fill: (key: string) => string, given: Record<string, string> = {}) {
  const step = STEP_BY_ID.get(stepId)!;
  return Object.fromEntries(step.keys.map((k) => [k, given[k] ?? fill(k)]));
}

/** Contact lines as a real preamble prints them (they are checked like any entry). */
const CONTACT: Record<string, string> = { 'meta.phone': '0517-83606185', 'meta.postcode': '223001' };

/** A sentence for every text, 0 for every number, a real phone number and post code. */
export const zeroOrText = (key: string) =>
  key.startsWith('t') || key.startsWith('s6.fee') ? '0' : (CONTACT[key] ?? `${key} 的情况说明。`);

/** Submits a step and insists it was accepted. */
export function submitOk(
  draft: ReportDraft,
  section: SectionId,
  step: string,
  form: Record<string, string>,
  previous?: Answers,
) {
  const { draft: next, outcome } = submitStep(draft, { section, step, formValue: form }, previous);
  if (outcome.status !== 'saved') throw new Error(`${step}: ${JSON.stringify(outcome.fieldErrors)}`);
  return { draft: next, outcome };
}

export { newDraft };
