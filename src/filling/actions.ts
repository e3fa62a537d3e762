/**
 * The card actions of the filling flow and the value each button carries (design.md conventions:
 * value.action plus the ids it needs). Parsed with zod, since a callback value may come from a forwarded,
 * outdated or forged card.
 */
import { z } from 'zod';
import { SECTIONS, type SectionId } from '../report/template.js';

/** Every value.action the filling cards send. */
export const FILL_ACTIONS = [
  'open_section',
  'submit_step',
  'back',
  'save_exit',
  'jump',
  'answer',
  'overview',
  'progress',
  'summary',
  /** 填入 on the card asking whether a chat message is report text */
  'chat_fill',
  /** 不是，这是提问 on that card */
  'chat_not_text',
  /** 撤销 on the card saying a chat message was filled in */
  'chat_undo',
] as const;

export type FillActionName = (typeof FILL_ACTIONS)[number];

const sectionId = z.enum(SECTIONS.map((s) => s.id) as [SectionId, ...SectionId[]]);

const fillActionSchema = z.object({
  action: z.enum(FILL_ACTIONS),
  round_id: z.string().min(1),
  unit_id: z.string().min(1),
  section: sectionId.optional(),
  step: z.string().optional(),
  version: z.number().int().nonnegative().optional(),
  answer: z.enum(['none', 'some', 'carry_only']).optional(),
  blank: z.literal('zero').optional(),
  /** 「本年度未收取信息处理费」 on the card of 六 */
  fee: z.literal('none').optional(),
  from: z.string().optional(),
  /** the held or filled chat message a chat card is about */
  chat: z.string().max(40).optional(),
});

export type FillAction = z.infer<typeof fillActionSchema>;

/** The filling action in a card callback value, or undefined when the value is not one (or is malformed). */
export function parseFillAction(value: unknown): FillAction | undefined {
  const parsed = fillActionSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
