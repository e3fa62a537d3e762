/**
 * A person submits a step's form (下一步 / 提交), or leaves it with 上一步 / 保存并退出.
 * Pure: (draft, input) → (new draft, outcome). Valid values are saved even when another field is wrong, so
 * nothing typed correctly is lost; wrong ones are never stored and come back on the card with their message.
 */
import type { Finding } from '../report/check.js';
import type { Answers, SectionId } from '../report/template.js';
import { bumpVersion, cloneDraft, type ReportDraft } from './draft.js';
import {
  checkSection,
  isActive,
  nextOpenStep,
  followingStep,
  previousStep,
  sectionState,
  stepIn,
  stepsOfFinding,
  type SectionState,
} from './progress.js';
import { withNoFee } from './no-fee.js';
import { readStepForm, type FormReading, type ReadMode } from './read-form.js';

export interface StepSubmission {
  section: SectionId;
  step: string;
  /** the card's action.form_value: input name → string */
  formValue: Record<string, unknown>;
  /** the 「空格填 0 并继续」 button: blank table cells are 0 */
  blankAsZero?: boolean;
  /** the 「本年度未收取信息处理费」 button of 六 (no-fee.ts) */
  noFee?: boolean;
}

export interface SubmitOutcome {
  /** `invalid`: a field is wrong, nothing moves on; `saved`: the step is submitted; `unknown_step`: not a step of this section now */
  status: 'invalid' | 'saved' | 'unknown_step';
  step: string;
  /** the step to show next (the same one while it has errors); null: the section is finished without errors */
  show: string | null;
  fieldErrors: Record<string, string>;
  /** exactly what was typed, for the card to show again */
  typed: Record<string, string>;
  /** the section's hard errors that are ready to show (their steps are all submitted) */
  errors: Finding[];
  warnings: Finding[];
  state: SectionState;
}

export interface LeaveOutcome {
  status: 'saved' | 'unknown_step';
  /** for 上一步: the step to show; for 保存并退出: null */
  show: string | null;
  /** keys saved now */
  saved: string[];
  /** values that were not saved because they are wrong: key → message (the card or a toast says so) */
  dropped: Record<string, string>;
  typed: Record<string, string>;
}

/** Applies a reading to a copy of the draft; bumps the version when anything changed. */
function applyReading(
  draft: ReportDraft,
  section: SectionId,
  reading: FormReading,
  confirm: string[],
): ReportDraft {
  const next = cloneDraft(draft);
  let changed = false;
  for (const [key, value] of Object.entries(reading.updates)) {
    if (value === null) {
      if (key in next.answers) {
        delete next.answers[key];
        changed = true;
      }
    } else if (next.answers[key] !== value) {
      next.answers[key] = value;
      changed = true;
    }
  }
  // Once the person has submitted a prefilled value, it is theirs: the card stops saying 「按上年预填」.
  for (const key of confirm) delete next.prefilled[key];
  if (changed) bumpVersion(next, section);
  return next;
}

/** Submits a step: saves what parses; with no field error the step is done and the section is checked. */
export function submitStep(
  draft: ReportDraft,
  input: StepSubmission,
  previous?: Answers,
): { draft: ReportDraft; outcome: SubmitOutcome } {
  const { section } = input;
  const step = stepIn(section, input.step);
  if (!step || step.kind === 'question' || !isActive(draft, section, step.id)) {
    const outcome: SubmitOutcome = {
      status: 'unknown_step',
      step: input.step,
      show: null,
      fieldErrors: {},
      typed: {},
      errors: [],
      warnings: [],
      state: sectionState(draft, section, previous),
    };
    return { draft, outcome };
  }
  const noFee = input.noFee ? withNoFee(input.formValue, draft.answers) : undefined;
  const formValue = noFee?.formValue ?? input.formValue;
  const reading = readStepForm(draft, step, formValue, 'submit', input.blankAsZero === true);
  for (const [key, message] of Object.entries(noFee?.fieldErrors ?? {})) {
    delete reading.updates[key];
    reading.fieldErrors[key] = message;
  }
  const ok = Object.keys(reading.fieldErrors).length === 0;
  const confirmed = step.keys.filter((k) => !(k in reading.fieldErrors));
  let next = applyReading(draft, section, reading, confirmed);
  if (!ok) {
    next.sections[section].current = step.id;
    const check = checkSection(next, section, previous);
    return {
      draft: next,
      outcome: {
        status: 'invalid',
        step: step.id,
        show: step.id,
        fieldErrors: reading.fieldErrors,
        typed: reading.typed,
        errors: check.errors,
        warnings: check.warnings,
        state: sectionState(next, section, previous),
      },
    };
  }
  if (!next.sections[section].done.includes(step.id)) {
    if (next === draft) next = cloneDraft(draft);
    next.sections[section].done.push(step.id);
    if (next.version === draft.version) bumpVersion(next, section);
  }
  const check = checkSection(next, section, previous);
  const touches = (id: string) => check.errors.some((f) => stepsOfFinding(f, section).has(id));
  let show: string | null;
  if (touches(step.id)) show = step.id;
  else {
    const open = nextOpenStep(next, section, step.id);
    const errorStep = check.errors.map((f) => [...stepsOfFinding(f, section)][0]).find(Boolean);
    // Someone going over a finished section (查看修改) walks it step by step to its end; stopping after the
    // first step would make every later step reachable only through the jump menu.
    const following = open || errorStep ? undefined : followingStep(next, section, step.id);
    show = open?.id ?? errorStep ?? following?.id ?? null;
  }
  next.sections[section].current = show ?? undefined;
  if (show === null) delete next.sections[section].current;
  return {
    draft: next,
    outcome: {
      status: 'saved',
      step: step.id,
      show,
      fieldErrors: {},
      typed: reading.typed,
      errors: check.errors,
      warnings: check.warnings,
      state: sectionState(next, section, previous),
    },
  };
}

/** 上一步 / 保存并退出: keeps every value that parses, drops (and reports) the rest; the step stays unfinished. */
export function leaveStep(
  draft: ReportDraft,
  input: StepSubmission,
  where: 'back' | 'exit',
): { draft: ReportDraft; outcome: LeaveOutcome } {
  const { section } = input;
  const step = stepIn(section, input.step);
  if (!step || !isActive(draft, section, step.id)) {
    return { draft, outcome: { status: 'unknown_step', show: null, saved: [], dropped: {}, typed: {} } };
  }
  const mode: ReadMode = 'partial';
  const reading =
    step.kind === 'question'
      ? { updates: {}, fieldErrors: {}, typed: {} }
      : readStepForm(draft, step, input.formValue, mode);
  const saved = Object.keys(reading.updates);
  const next = applyReading(draft, section, reading, saved);
  const back = where === 'back' ? (previousStep(next, section, step.id)?.id ?? step.id) : null;
  next.sections[section].current = back ?? step.id;
  return {
    draft: next,
    outcome: { status: 'saved', show: back, saved, dropped: reading.fieldErrors, typed: reading.typed },
  };
}
