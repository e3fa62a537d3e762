/** The consolidated report's draft as the office first opens it: the sums in place and the tables done. */
import { bumpVersion, cloneDraft, type ReportDraft } from '../filling/draft.js';
import { activeSteps } from '../filling/progress.js';
import { FEE_FIELDS, type Answers } from '../report/template.js';
import { SUMMED_SECTIONS } from './read-only.js';
import { SUMMED_KEYS } from './sum.js';

/**
 * The draft with the sums written in: every summed key replaced (a 上年结转 prefilled from last year gives way to
 * the units' own), the table sections marked done so only the texts are left to the office, and 六 told its fee
 * figures changed when the sum brought them.
 */
export function seededDraft(base: ReportDraft, sums: Answers): ReportDraft {
  const draft = cloneDraft(base);
  for (const { key } of SUMMED_KEYS) {
    delete draft.answers[key];
    delete draft.prefilled[key];
    if (sums[key] !== undefined) draft.answers[key] = sums[key];
  }
  // 「本年度是否收到政府信息公开申请？」 is answered by the table itself: every step of 三 stays in the plan.
  draft.s3Answer = 'some';
  for (const section of SUMMED_SECTIONS) {
    draft.sections[section].done = activeSteps(draft, section).map((s) => s.id);
    bumpVersion(draft, section);
  }
  if (FEE_FIELDS.some((f) => sums[f.key] !== undefined)) bumpVersion(draft, 's6');
  return draft;
}
