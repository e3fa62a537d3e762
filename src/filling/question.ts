/**
 * 「本年度是否收到政府信息公开申请？」 — the one-tap answer for the common case.
 *
 * What 「没有收到」 may fill depends on what was carried over (E5: 新收 + 上年结转 = 办理结果 + 结转下年度):
 * - last year carried nothing over (its 结转下年度 row is all 0), or the person says so when last year's report
 *   is unknown: the whole table is 0 and the section is done in one tap;
 * - last year carried requests over: those were handled (or carried on) this year, so their results must be
 *   entered: only 本年新收 is set to 0 and the table is asked, with 上年结转 prefilled from last year.
 * A person who already typed request numbers is not overwritten: nothing typed is lost by a tap.
 */
import { TABLE3, table3Key, type Answers } from '../report/template.js';
import { bumpVersion, cloneDraft, lastYearCarry, type ReportDraft, type S3Answer } from './draft.js';
import { checkSection, sectionState, type SectionState } from './progress.js';
import type { Finding } from '../report/check.js';

const QUESTION_STEP = 's3.question';
const FIRST_TABLE_STEP = 's3.intake';
const inputColumns = TABLE3.columns.filter((c) => !c.computed);
const rowKeys = (rowId: string) => inputColumns.map((c) => table3Key(rowId, c.id));
const ALL_KEYS = TABLE3.rows.filter((r) => !r.computed).flatMap((r) => rowKeys(r.id));
const NEW_KEYS = rowKeys('new');

export interface AnswerOutcome {
  status: 'saved' | 'refused';
  /** the answer that was applied (「没有收到」 becomes carry_only when last year carried requests over) */
  answer?: S3Answer;
  /** the step to show next, null when the section is finished */
  show: string | null;
  /** a sentence for the card: what was filled, or why nothing was */
  message: string;
  errors: Finding[];
  warnings: Finding[];
  state: SectionState;
}

/** Keys the person typed a number other than 0 into (not filled for them). */
function typedNonZero(draft: ReportDraft, keys: string[]): string[] {
  return keys.filter(
    (k) => draft.prefilled[k] === undefined && draft.answers[k] !== undefined && draft.answers[k] !== 0,
  );
}

/** Applies the answer to the question of section 三. */
export function answerQuestion(
  draft: ReportDraft,
  requested: S3Answer,
  previous?: Answers,
): { draft: ReportDraft; outcome: AnswerOutcome } {
  const carry = lastYearCarry(previous);
  const answer: S3Answer = requested === 'none' && carry === 'some' ? 'carry_only' : requested;
  const zeroKeys = answer === 'none' ? ALL_KEYS : answer === 'carry_only' ? NEW_KEYS : [];
  const conflict = typedNonZero(draft, zeroKeys);
  if (conflict.length) {
    return {
      draft,
      outcome: {
        status: 'refused',
        show: QUESTION_STEP,
        message:
          `表中已经填了 ${conflict.length} 格不为 0 的申请数量，没有替你改成 0。` +
          '如果确实没有收到申请，请在表中改为 0；否则请选择「收到了」继续填写。',
        errors: [],
        warnings: [],
        state: sectionState(draft, 's3', previous),
      },
    };
  }
  const next = cloneDraft(draft);
  for (const key of zeroKeys) {
    if (next.answers[key] === 0 && next.prefilled[key] === undefined) continue;
    next.answers[key] = 0;
    next.prefilled[key] = 'zero_shortcut';
  }
  next.s3Answer = answer;
  const progress = next.sections.s3;
  if (!progress.done.includes(QUESTION_STEP)) progress.done.push(QUESTION_STEP);
  bumpVersion(next, 's3');
  const show = answer === 'none' ? null : FIRST_TABLE_STEP;
  if (show) progress.current = show;
  else delete progress.current;
  const message =
    answer === 'none'
      ? '已按「本年度未收到政府信息公开申请」把第三部分表格全部填为 0。'
      : answer === 'carry_only'
        ? requested === 'none' && carry === 'some'
          ? '已把本年新收填为 0。上年报告有结转下年度的申请，它们今年的办理结果仍需按表填写（上年结转已按上年报告预填）。'
          : '已把本年新收填为 0，请填写上年结转的申请及其办理结果。'
        : '请按表填写申请和办理结果。';
  const check = checkSection(next, 's3', previous);
  return {
    draft: next,
    outcome: {
      status: 'saved',
      answer,
      show: answer === 'none' && check.errors.length ? QUESTION_STEP : show,
      message,
      errors: check.errors,
      warnings: check.warnings,
      state: sectionState(next, 's3', previous),
    },
  };
}
