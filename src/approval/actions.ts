/**
 * The card actions of review and approval and the value each button carries. Parsed with zod: a callback
 * value may come from a forwarded, outdated or forged card.
 */
import { z } from 'zod';
import { SECTIONS, type SectionId } from '../report/template.js';

/** Every value.action the approval cards send (the filling summary card sends submit_for_review). */
export const APPROVAL_ACTIONS = [
  'submit_for_review',
  'approve',
  'reject',
  'reject_confirm',
  'review',
  'withdraw',
  'history',
  'resend_file',
  /** 阅读全文 of a section on the approver card: the section's whole text, a page at a time */
  'read_section',
  /** 重新打开 of an approved report (the admin's unit card, the last approver's card): the reason form */
  'reopen',
  /** 确认重新打开 on that form */
  'reopen_confirm',
  /** 返回 from that form, for the last approver (the admin's 返回 goes to the admin's unit card) */
  'reopen_back',
] as const;

export type ApprovalActionName = (typeof APPROVAL_ACTIONS)[number];

const ids = { round_id: z.string().min(1).max(80), unit_id: z.string().min(1).max(80) };
const version = z.coerce.number().int().positive();
const sectionId = z.enum(SECTIONS.map((s) => s.id) as [SectionId, ...SectionId[]]);
const step = z.coerce.number().int().nonnegative();

/** Where the reopen form was opened from: its 返回 goes back there. */
const reopenValue = z.object({
  ...ids,
  submission: version,
  from: z.enum(['admin', 'approver']).default('approver'),
});

const schemas = {
  submit_for_review: z.object(ids),
  approve: z.object({ ...ids, submission: version, step: step.default(0) }),
  reject: z.object({ ...ids, submission: version, step: step.default(0) }),
  reject_confirm: z.object({ ...ids, submission: version, step: step.default(0) }),
  review: z.object({ ...ids, submission: version, step: step.default(0) }),
  withdraw: z.object({ ...ids, submission: version }),
  history: z.object(ids),
  resend_file: z.object({ ...ids, submission: version }),
  read_section: z.object({
    ...ids,
    submission: version,
    step: step.default(0),
    section: sectionId,
    page: z.coerce.number().int().nonnegative().max(1000).default(0),
  }),
  reopen: reopenValue,
  reopen_confirm: reopenValue,
  reopen_back: reopenValue,
};

export type ApprovalValue<A extends ApprovalActionName> = z.infer<(typeof schemas)[A]> & { action: A };

/** The value of an approval button, or undefined when it is malformed. */
export function parseApprovalValue<A extends ApprovalActionName>(
  action: A,
  value: unknown,
): ApprovalValue<A> | undefined {
  const parsed = schemas[action].safeParse(value);
  return parsed.success ? ({ ...parsed.data, action } as ApprovalValue<A>) : undefined;
}

/** Longest rejection reason kept: enough for a paragraph of instructions, small on every card it appears on. */
export const MAX_REASON_CHARS = 500;

const SECTION_IDS = new Set<string>(SECTIONS.map((s) => s.id));

/** The 驳回 form: a reason (required) and at least one section; Chinese messages for what is missing. */
export function parseRejectForm(form: Record<string, unknown>): {
  reason?: string;
  sections?: SectionId[];
  errors: { reason?: string; sections?: string };
} {
  const errors: { reason?: string; sections?: string } = {};
  const rawReason = typeof form.reason === 'string' ? form.reason.trim() : '';
  if (!rawReason) errors.reason = '请写明驳回理由，填报人会看到它';
  else if (rawReason.length > MAX_REASON_CHARS)
    errors.reason = `驳回理由最多 ${MAX_REASON_CHARS} 字，现在有 ${rawReason.length} 字`;
  const raw = Array.isArray(form.sections)
    ? form.sections
    : typeof form.sections === 'string' && form.sections
      ? [form.sections]
      : [];
  const picked = SECTIONS.map((s) => s.id).filter((id) => raw.includes(id));
  if (!picked.length || raw.some((r) => typeof r !== 'string' || !SECTION_IDS.has(r)))
    errors.sections = '请至少选择一个要退回修改的部分';
  return {
    ...(errors.reason ? {} : { reason: rawReason }),
    ...(errors.sections ? {} : { sections: picked }),
    errors,
  };
}
