/**
 * Where a section stands: which steps are active (the question of 三 can make the table unnecessary), the
 * section state shown on cards (未开始/填写中/有错误/已完成), the 第 n/N 步 numbers, and moving between steps.
 */
import { checkReport, type Finding } from '../report/check.js';
import { TABLE_CELL_BY_KEY, type Answers, type SectionId } from '../report/template.js';
import type { ReportDraft } from './draft.js';
import { planSteps, STEP_BY_ID, STEP_OF_KEY, type Step } from './steps.js';

export type SectionState = 'not_started' | 'in_progress' | 'has_errors' | 'complete';

export const SECTION_STATE_LABEL: Record<SectionState, string> = {
  not_started: '未开始',
  in_progress: '填写中',
  has_errors: '有错误',
  complete: '已完成',
};

/** The steps a person goes through in a section; with 「没有收到」 table 三 needs only the question. */
export function activeSteps(draft: ReportDraft, section: SectionId): Step[] {
  const steps = planSteps([section]);
  if (section === 's3' && draft.s3Answer === 'none') return steps.filter((s) => s.kind === 'question');
  return steps;
}

/** True when the step is one of the section's active steps. */
export function isActive(draft: ReportDraft, section: SectionId, stepId: string): boolean {
  return activeSteps(draft, section).some((s) => s.id === stepId);
}

/** `第 n/N 步` of a step within its section. */
export function stepPosition(
  draft: ReportDraft,
  section: SectionId,
  stepId: string,
): { index: number; total: number } {
  const steps = activeSteps(draft, section);
  return { index: steps.findIndex((s) => s.id === stepId) + 1, total: steps.length };
}

/** The active steps already submitted without a field error. */
export function doneSteps(draft: ReportDraft, section: SectionId): Step[] {
  const done = new Set(draft.sections[section].done);
  return activeSteps(draft, section).filter((s) => done.has(s.id));
}

/** A computed cell stands for its terms: a finding about （七）总计 concerns every result row. */
export function inputKeysOf(key: string): string[] {
  const cell = TABLE_CELL_BY_KEY.get(key);
  if (!cell?.sumOf) return [key];
  return cell.sumOf.flatMap(inputKeysOf);
}

/** The steps of `section` whose cells a finding names. */
export function stepsOfFinding(finding: Finding, section: SectionId): Set<string> {
  const steps = new Set<string>();
  for (const key of finding.cells.flatMap(inputKeysOf)) {
    const step = STEP_OF_KEY.get(key);
    if (step && step.section === section) steps.add(step.id);
  }
  return steps;
}

export interface SectionCheck {
  errors: Finding[];
  warnings: Finding[];
}

/**
 * The section's findings that are ready to show: every step of the section they concern has been submitted.
 * A rule across the whole table (E5) waits for the table's last step; a local one shows at once.
 */
export function checkSection(draft: ReportDraft, section: SectionId, previous?: Answers): SectionCheck {
  const result = checkReport(draft.answers, { sections: [section], ...(previous ? { previous } : {}) });
  const done = new Set(doneSteps(draft, section).map((s) => s.id));
  // Under 「没有收到」 the question stands for the whole table.
  const answeredNone = section === 's3' && draft.s3Answer === 'none' && done.has('s3.question');
  const ready = (f: Finding) => answeredNone || [...stepsOfFinding(f, section)].every((id) => done.has(id));
  return { errors: result.errors.filter(ready), warnings: result.warnings.filter(ready) };
}

/** The state shown for a section. */
export function sectionState(draft: ReportDraft, section: SectionId, previous?: Answers): SectionState {
  const steps = activeSteps(draft, section);
  const done = doneSteps(draft, section);
  if (done.length === steps.length) {
    return checkSection(draft, section, previous).errors.length ? 'has_errors' : 'complete';
  }
  const typed = planSteps([section]).some((s) =>
    s.keys.some((k) => draft.answers[k] !== undefined && draft.prefilled[k] === undefined),
  );
  return done.length || typed ? 'in_progress' : 'not_started';
}

/** The first active step not yet submitted, or undefined when all are. */
export function firstOpenStep(draft: ReportDraft, section: SectionId): Step | undefined {
  const done = new Set(draft.sections[section].done);
  return activeSteps(draft, section).find((s) => !done.has(s.id));
}

/** Where 继续填报 takes a person: the step they had open, else the first one not submitted, else the first. */
export function resumeStep(draft: ReportDraft, section: SectionId): Step {
  const steps = activeSteps(draft, section);
  const current = draft.sections[section].current;
  const open = current ? steps.find((s) => s.id === current) : undefined;
  return open ?? firstOpenStep(draft, section) ?? steps[0];
}

/** The step after `stepId` that still needs an answer: later ones first, then any earlier one left open. */
export function nextOpenStep(draft: ReportDraft, section: SectionId, stepId: string): Step | undefined {
  const steps = activeSteps(draft, section);
  const done = new Set(draft.sections[section].done);
  const at = steps.findIndex((s) => s.id === stepId);
  return (
    steps.slice(at + 1).find((s) => !done.has(s.id)) ?? steps.slice(0, at + 1).find((s) => !done.has(s.id))
  );
}

/** The active step right after `stepId`, or undefined on the last. */
export function followingStep(draft: ReportDraft, section: SectionId, stepId: string): Step | undefined {
  const steps = activeSteps(draft, section);
  const at = steps.findIndex((s) => s.id === stepId);
  return at >= 0 ? steps[at + 1] : undefined;
}

/** The active step before `stepId`, or undefined on the first. */
export function previousStep(draft: ReportDraft, section: SectionId, stepId: string): Step | undefined {
  const steps = activeSteps(draft, section);
  const at = steps.findIndex((s) => s.id === stepId);
  return at > 0 ? steps[at - 1] : undefined;
}

/** A person may open any submitted step, and the first one still open. */
export function canOpen(draft: ReportDraft, section: SectionId, stepId: string): boolean {
  if (!isActive(draft, section, stepId)) return false;
  return draft.sections[section].done.includes(stepId) || firstOpenStep(draft, section)?.id === stepId;
}

/** The step object for an id that belongs to the section, or undefined (a forged or outdated card). */
export function stepIn(section: SectionId, stepId: string): Step | undefined {
  const step = STEP_BY_ID.get(stepId);
  return step && step.section === section ? step : undefined;
}
