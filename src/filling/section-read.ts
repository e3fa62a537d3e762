/**
 * A locked section, read-only (issue 11 §2.9): while the report is with the approver, approved, or after a
 * rejection that did not send this section back, its filler may still look at every answer, only not change it.
 */
import { cardTables, type CardTable } from '../approval/review-tables.js';
import { parseAnswers } from '../report/compute.js';
import { numberText } from '../render/format.js';
import {
  FEE_FIELDS,
  NUMBER_INPUTS,
  SECTION_BY_ID,
  TABLE_CELL_BY_KEY,
  TEXT_FIELDS,
  type SectionId,
  type TableId,
} from '../report/template.js';
import type { ReportDraft } from './draft.js';
import { planSteps } from './steps.js';
import type { CardIds, ViewContext } from './view.js';

export interface SectionReadView {
  ids: CardIds;
  unitName: string;
  year: number;
  section: SectionId;
  heading: string;
  /** why it cannot be changed now (approval/lock.ts lockReason) */
  reason: string;
  /** every text of the section, in full, under its heading; '' when not written */
  texts: { label: string; text: string }[];
  /** the short answers: contact lines of 一, the fee figures of 六; '' when blank */
  fields: { label: string; value: string }[];
  /** the section's statistics table, as the approver card shows it */
  table?: CardTable;
  /** 三 answered 「没有收到申请」 */
  noRequests?: boolean;
}

const LABELS = new Map([...TEXT_FIELDS, ...NUMBER_INPUTS].map((f) => [f.key, f.label]));

/** The read-only view of a section with the sentence saying why it is locked. */
export function sectionReadView(
  draft: ReportDraft,
  ctx: ViewContext,
  section: SectionId,
  reason: string,
): SectionReadView {
  const def = SECTION_BY_ID.get(section)!;
  const answers = draft.answers;
  const textKeys = new Set(def.texts.map((t) => t.key));
  const parsed = parseAnswers(answers);
  const fields = planSteps([section])
    .flatMap((s) => s.keys)
    .filter((key) => !textKeys.has(key) && !TABLE_CELL_BY_KEY.has(key))
    .map((key) => ({
      label: LABELS.get(key) ?? '其他',
      value: FEE_FIELDS.some((f) => f.key === key)
        ? numberText(answers, parsed, key)
        : String(answers[key] ?? ''),
    }));
  return {
    ids: ctx.ids,
    unitName: ctx.unitName,
    year: ctx.year,
    section,
    heading: def.heading,
    reason,
    texts: def.texts.map((t) => ({
      label: t.heading || t.label,
      text: typeof answers[t.key] === 'string' ? (answers[t.key] as string) : String(answers[t.key] ?? ''),
    })),
    fields,
    ...(def.table ? { table: cardTables(answers)[def.table as TableId] } : {}),
    ...(section === 's3' && draft.s3Answer === 'none' ? { noRequests: true } : {}),
  };
}
