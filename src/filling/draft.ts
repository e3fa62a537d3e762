/**
 * A report being filled: the accepted answers of one unit's report plus where each section stands.
 * Storage-free: every change is a function (draft, input) → new draft; the caller persists it.
 * Only values that parse are stored ("nothing wrong is stored"); what a person typed wrongly travels back
 * on the card, not into the draft.
 */
import {
  SECTIONS,
  TABLE3,
  TEXT_FIELDS,
  table3Key,
  type Answers,
  type RawValue,
  type SectionId,
} from '../report/template.js';
import type { ChatDoubt } from './chat-doubt.js';

/** The answer to 「本年度是否收到政府信息公开申请？」. */
export type S3Answer =
  /** no new requests and nothing carried over: table 三 is all zeros */
  | 'none'
  /** no new requests, but requests carried over from last year were handled: the table is asked */
  | 'carry_only'
  /** requests were received: the table is asked */
  | 'some';

export interface SectionProgress {
  /** increments when an answer of this section changes; a card carries it to detect that it is stale */
  version: number;
  /** ids of the steps submitted without a field error */
  done: string[];
  /** the step the section's filler last had open, to resume there */
  current?: string;
}

/** Why a stored value is there although nobody typed it on this report. */
export type PrefillSource = 'last_year' | 'zero_shortcut';

/** Which text field a person's plain chat messages go to, and whether one already arrived. */
export interface ChatFocus {
  section: SectionId;
  step: string;
  key: string;
  messages: number;
  /** the chat message of the step card that is open, so a chat message can refresh it in place */
  messageId?: string;
  /**
   * A message that may not be report text (chat-doubt.ts), waiting for 填入. Kept here, in storage, so a
   * restart loses nothing; it goes with the focus (leaving the step) and a newer message replaces it.
   */
  held?: HeldText;
}

/** A chat message waiting for the person to confirm it is report text. */
export interface HeldText {
  /** what the confirmation card's buttons carry */
  id: string;
  text: string;
  doubt: ChatDoubt;
}

/** The last chat message a person filled in, to undo it with one tap (restoring exactly what was there). */
export interface ChatFill {
  /** what the 撤销 button carries */
  id: string;
  section: SectionId;
  step: string;
  key: string;
  /** the value before the fill; absent when the field was empty */
  before?: RawValue;
  /** the field was prefilled from last year before the fill */
  beforePrefilled?: PrefillSource;
  /** the section's version right after the fill: any later change of the section moves it */
  version: number;
  undone?: boolean;
}

export interface ReportDraft {
  /** format of this object, for migrations of stored drafts */
  schema: 1;
  /** increments on every accepted save of any section (for storage-level conflict checks) */
  version: number;
  answers: Answers;
  sections: Record<SectionId, SectionProgress>;
  s3Answer?: S3Answer;
  /** keys whose value was filled for the person; cleared when the person submits that key */
  prefilled: Record<string, PrefillSource>;
  /** by open_id: the text field a chat message fills */
  chat: Record<string, ChatFocus>;
  /** by open_id: the last chat message filled in, for 撤销 (absent in drafts stored before it existed) */
  chatFills?: Record<string, ChatFill>;
  /** counts held and filled chat messages, so each gets an id no older card carries */
  chatSeq?: number;
}

/** The carried-over row is the one number that comes from last year: 上年结转 = last year's 结转下年度 (W1). */
export const CARRY_KEYS = TABLE3.columns
  .filter((c) => !c.computed)
  .map((c) => ({ carryIn: table3Key('carry_in', c.id), lastCarryOut: table3Key('carry_out', c.id) }));

/** A new draft; with last year's answers, every text and the 上年结转 row are prefilled from them. */
export function newDraft(previous?: Answers): ReportDraft {
  const sections = Object.fromEntries(
    SECTIONS.map((s) => [s.id, { version: 0, done: [] }]),
  ) as unknown as Record<SectionId, SectionProgress>;
  const draft: ReportDraft = { schema: 1, version: 0, answers: {}, sections, prefilled: {}, chat: {} };
  if (!previous) return draft;
  for (const field of TEXT_FIELDS) {
    const text = previous[field.key];
    if (typeof text === 'string' && text.trim()) {
      draft.answers[field.key] = text;
      draft.prefilled[field.key] = 'last_year';
    }
  }
  for (const { carryIn, lastCarryOut } of CARRY_KEYS) {
    const value = lastYearCount(previous, lastCarryOut);
    if (value !== undefined) {
      draft.answers[carryIn] = value;
      draft.prefilled[carryIn] = 'last_year';
    }
  }
  return draft;
}

/** A count from last year's answers, when it is a whole number ≥ 0. */
export function lastYearCount(previous: Answers | undefined, key: string): number | undefined {
  const raw = previous?.[key];
  const n =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** Last year's 结转下年度 row: 'zero' when all six are 0, 'some' when any is > 0, 'unknown' otherwise. */
export function lastYearCarry(previous: Answers | undefined): 'zero' | 'some' | 'unknown' {
  const values = CARRY_KEYS.map(({ lastCarryOut }) => lastYearCount(previous, lastCarryOut));
  if (values.some((v) => v !== undefined && v > 0)) return 'some';
  return values.every((v) => v === 0) ? 'zero' : 'unknown';
}

/** A copy of the draft that the caller may change without touching the original. */
export function cloneDraft(draft: ReportDraft): ReportDraft {
  return structuredClone(draft);
}

/** Counts one accepted save of a section. */
export function bumpVersion(draft: ReportDraft, section: SectionId): void {
  draft.version += 1;
  draft.sections[section].version += 1;
}

/** True when a card built at `version` of the section no longer matches the stored draft. */
export function isStale(draft: ReportDraft, section: SectionId, version: number): boolean {
  return draft.sections[section].version !== version;
}
