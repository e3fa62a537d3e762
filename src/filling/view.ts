/**
 * View-models for the filling cards: everything a card shows, computed from the draft (cards never read
 * storage nor compute). The handler builds a view, then hands it to the pure card builder in cards/.
 */
import { checkReport, type Finding } from '../report/check.js';
import { cellValue } from '../report/compute.js';
import { fmt } from '../report/finding.js';
import {
  SECTION_BY_ID,
  SECTIONS,
  TABLE_CELL_BY_KEY,
  type Answers,
  type SectionId,
} from '../report/template.js';
import { formatDeadline } from '../rounds/deadline.js';
import type { RejectionNote } from '../approval/rejection-note.js';
import { chatKeyOf } from './chat-text.js';
import { lastYearCarry, type PrefillSource, type ReportDraft, type S3Answer } from './draft.js';
import {
  activeSteps,
  checkSection,
  doneSteps,
  previousStep,
  SECTION_STATE_LABEL,
  sectionState,
  stepIn,
  stepPosition,
  stepsOfFinding,
  type SectionState,
} from './progress.js';
import { INPUT_MAX_CHARS } from './read-form.js';
import type { ReviewStanding } from './review-standing.js';
import type { Step } from './steps.js';
import { stepTotals } from './totals.js';

/** The ids every button of a filling card carries. */
export interface CardIds {
  round_id: string;
  unit_id: string;
}

/** What the view needs to know about the round and unit. */
export interface ViewContext {
  ids: CardIds;
  unitName: string;
  roundName: string;
  year: number;
  /** ISO 8601 with offset */
  deadline: string;
  /** last year's answers, when stored */
  previous?: Answers;
  /** the report's review, once submitted (names resolved): the cards then offer only what still works */
  review?: ReviewStanding;
  /** the rejection being fixed: its reason stays on the step cards of the sections sent back */
  rejection?: RejectionNote;
  /** sections nobody types (a consolidated report's summed tables): shown read-only, with why */
  readOnly?: { sections: SectionId[]; reason: string };
}

export interface StepView {
  ids: CardIds;
  unitName: string;
  year: number;
  section: SectionId;
  sectionHeading: string;
  step: Step;
  index: number;
  total: number;
  version: number;
  /** what each input shows: what the person typed (after a refused submit), else the stored value */
  values: Record<string, string>;
  /** texts too long for a card input: shown as a preview, the input stays empty */
  longTexts: Record<string, { length: number; preview: string }>;
  fieldErrors: Record<string, string>;
  /** hard errors; `here` when they concern this step's cells */
  errors: { message: string; here: boolean }[];
  warnings: string[];
  totals: string[];
  prefilled: Record<string, PrefillSource>;
  /** submitted steps a person may jump to */
  jumps: { step: string; title: string; index: number }[];
  canBack: boolean;
  /** the text field that chat messages fill while this step is open */
  chatKey?: string;
  notice?: string;
  /** why this section was sent back, by whom and when: shown until the report is submitted again */
  rejection?: { reason: string; by: string; at: number; reopened?: boolean };
  /** for the question of 三 */
  question?: { carry: 'zero' | 'some' | 'unknown'; answer?: S3Answer };
}

/** What a refused submit or a just-finished action adds to the card. */
export interface StepExtras {
  fieldErrors?: Record<string, string>;
  typed?: Record<string, string>;
  errors?: Finding[];
  warnings?: Finding[];
  notice?: string;
}

/** How much of a long text a card previews: enough to recognise it, small against the 30 KB card limit. */
const PREVIEW_CHARS = 120;

/** The view of one step's card; undefined when the step is not a step of the section. */
export function stepView(
  draft: ReportDraft,
  ctx: ViewContext,
  section: SectionId,
  stepId: string,
  extras: StepExtras = {},
): StepView | undefined {
  const step = stepIn(section, stepId);
  if (!step) return undefined;
  const { index, total } = stepPosition(draft, section, step.id);
  const values: Record<string, string> = {};
  const longTexts: StepView['longTexts'] = {};
  for (const key of step.keys) {
    const typed = extras.typed?.[key];
    const stored = draft.answers[key];
    const shown = typed !== undefined ? typed : stored === undefined ? '' : String(stored);
    if (shown.length > INPUT_MAX_CHARS) {
      values[key] = '';
      if (typed === undefined || typeof stored === 'string') {
        const text = typeof stored === 'string' ? stored : '';
        if (text) longTexts[key] = { length: text.length, preview: text.slice(0, PREVIEW_CHARS) };
      }
    } else values[key] = shown;
  }
  const check =
    extras.errors && extras.warnings
      ? { errors: extras.errors, warnings: extras.warnings }
      : checkSection(draft, section, ctx.previous);
  const prefilled: Record<string, PrefillSource> = {};
  for (const key of step.keys) if (draft.prefilled[key]) prefilled[key] = draft.prefilled[key];
  const jumps = doneSteps(draft, section)
    .filter((s) => s.id !== step.id)
    .map((s) => ({ step: s.id, title: s.title, index: stepPosition(draft, section, s.id).index }));
  const chatKey = chatKeyOf(step);
  return {
    ids: ctx.ids,
    unitName: ctx.unitName,
    year: ctx.year,
    section,
    sectionHeading: SECTION_BY_ID.get(section)!.heading,
    step,
    index,
    total,
    version: draft.sections[section].version,
    values,
    longTexts,
    fieldErrors: extras.fieldErrors ?? {},
    errors: check.errors.map((f) => ({ message: f.message, here: stepsOfFinding(f, section).has(step.id) })),
    warnings: check.warnings.map((f) => f.message),
    totals: stepTotals(draft.answers, step),
    prefilled,
    jumps,
    canBack: previousStep(draft, section, step.id) !== undefined,
    ...(chatKey ? { chatKey } : {}),
    ...(extras.notice ? { notice: extras.notice } : {}),
    ...(ctx.rejection?.sections.includes(section)
      ? {
          rejection: {
            reason: ctx.rejection.reason,
            by: ctx.rejection.by,
            at: ctx.rejection.at,
            ...(ctx.rejection.reopened ? { reopened: true } : {}),
          },
        }
      : {}),
    ...(step.kind === 'question'
      ? {
          question: {
            carry: lastYearCarry(ctx.previous),
            ...(draft.s3Answer ? { answer: draft.s3Answer } : {}),
          },
        }
      : {}),
  };
}

export interface SectionLine {
  id: SectionId;
  heading: string;
  state: SectionState;
  stateLabel: string;
  done: number;
  total: number;
  errors: number;
  /** display names of the section's fillers (progress card) */
  fillers?: string[];
}

function sectionLine(draft: ReportDraft, id: SectionId, previous?: Answers): SectionLine {
  const state = sectionState(draft, id, previous);
  return {
    id,
    heading: SECTION_BY_ID.get(id)!.heading,
    state,
    stateLabel: SECTION_STATE_LABEL[state],
    done: doneSteps(draft, id).length,
    total: activeSteps(draft, id).length,
    errors: state === 'has_errors' ? checkSection(draft, id, previous).errors.length : 0,
  };
}

export interface OverviewView {
  ids: CardIds;
  unitName: string;
  roundName: string;
  year: number;
  deadlineText: string;
  /** the sections assigned to the person who asked */
  sections: SectionLine[];
  /** every section of the unit is complete: the summary with 提交审核 can be shown */
  unitReady: boolean;
  /** the admin closed the round: the card says this sentence and offers no filling buttons */
  closed?: string;
  /** submitted, approved or rejected: locked sections open read-only, an approved report offers its Word file */
  review?: ReviewStanding;
  /** sections that open read-only whatever the review (a consolidated report's summed tables) */
  readOnly?: SectionId[];
}

/** The unit card of 填报: the person's sections with their state. */
export function overviewView(draft: ReportDraft, ctx: ViewContext, sections: SectionId[]): OverviewView {
  return {
    ids: ctx.ids,
    unitName: ctx.unitName,
    roundName: ctx.roundName,
    year: ctx.year,
    deadlineText: formatDeadline(ctx.deadline),
    sections: SECTIONS.filter((s) => sections.includes(s.id)).map((s) =>
      sectionLine(draft, s.id, ctx.previous),
    ),
    unitReady: unitReady(draft, ctx.previous),
    ...(ctx.review ? { review: ctx.review } : {}),
    ...(ctx.readOnly ? { readOnly: ctx.readOnly.sections } : {}),
  };
}

export interface ProgressView {
  ids: CardIds;
  unitName: string;
  year: number;
  deadlineText: string;
  sections: SectionLine[];
  complete: number;
  /** when the next deadline reminder goes out (src/reminders/next.ts), e.g. 「下次提醒：1月22日（周三）09:30（北京时间）」 */
  nextReminder?: string;
  /** where the report stands in its review, once submitted */
  review?: ReviewStanding;
  /** the person who asked fills a section of this unit (else 返回填报 would be refused) */
  fills?: boolean;
  /** the person who asked is the approver the report waits for: the card offers 去审核 */
  reviewAction?: { submission: number; step: number };
}

/** The 进度 card: every section of the unit's report, with who fills it. */
export function progressView(
  draft: ReportDraft,
  ctx: ViewContext,
  fillerNames: Partial<Record<SectionId, string[]>> = {},
): ProgressView {
  const sections = SECTIONS.map((s) => ({
    ...sectionLine(draft, s.id, ctx.previous),
    ...(fillerNames[s.id] ? { fillers: fillerNames[s.id] } : {}),
  }));
  return {
    ids: ctx.ids,
    unitName: ctx.unitName,
    year: ctx.year,
    deadlineText: formatDeadline(ctx.deadline),
    sections,
    complete: sections.filter((s) => s.state === 'complete').length,
    ...(ctx.review ? { review: ctx.review } : {}),
  };
}

/** True when every section of the report is submitted and has no hard error. */
export function unitReady(draft: ReportDraft, previous?: Answers): boolean {
  return SECTIONS.every((s) => sectionState(draft, s.id, previous) === 'complete');
}

export interface SummaryView {
  ids: CardIds;
  unitName: string;
  year: number;
  sections: SectionLine[];
  /** the totals a leader looks at first, e.g. 「本年新收 总计：3 件」 */
  figures: string[];
  errors: string[];
  warnings: string[];
  canSubmit: boolean;
}

const FIGURE_KEYS = [
  't3.new.tot',
  't3.carry_in.tot',
  't3.r7.tot',
  't3.carry_out.tot',
  't4.review.total',
  't4.direct.total',
  't4.post.total',
];

/** The report summary shown to every filler once all sections are complete: remaining warnings and 提交审核. */
export function summaryView(draft: ReportDraft, ctx: ViewContext): SummaryView {
  const result = checkReport(draft.answers, ctx.previous ? { previous: ctx.previous } : {});
  const figures = FIGURE_KEYS.flatMap((key) => {
    const value = cellValue(result.parsed, key);
    const cell = TABLE_CELL_BY_KEY.get(key)!;
    return value === undefined ? [] : [`${cell.label}：${fmt(value)} 件`];
  });
  const sections = SECTIONS.map((s) => sectionLine(draft, s.id, ctx.previous));
  return {
    ids: ctx.ids,
    unitName: ctx.unitName,
    year: ctx.year,
    sections,
    figures,
    errors: result.errors.map((f) => f.message),
    warnings: result.warnings.map((f) => f.message),
    canSubmit: result.errors.length === 0 && sections.every((s) => s.state === 'complete'),
  };
}
