/**
 * Reading a card's form_value for one step: every value parsed, every problem a Chinese sentence keyed by
 * the field, every raw string kept so the card can show it again exactly as typed.
 */
import { parseContact } from '../report/contact-value.js';
import { parseNumber } from '../report/parse-value.js';
import { unprintable } from '../report/printable.js';
import { SECTION_BY_ID, type RawValue } from '../report/template.js';
import type { ReportDraft } from './draft.js';
import { numberKindOf, OPTIONAL_NUMBER_KEYS, type Step } from './steps.js';

/**
 * Feishu's input component accepts at most 1,000 characters (its `max_length` range is 1–1000); a longer
 * text cannot be put into a card input, so it arrives as chat messages and is shown as a preview.
 */
export const INPUT_MAX_CHARS = 1000;

/**
 * The longest text one field may hold. A section of a county report runs to a few thousand characters;
 * far above that is a paste gone wrong (a whole document), and it would not fit a 30 KB approval card.
 */
export const MAX_TEXT_CHARS = 20_000;

/** What a step's form says: values to store (null = remove), problems by key, and the raw strings. */
export interface FormReading {
  updates: Record<string, RawValue | null>;
  fieldErrors: Record<string, string>;
  typed: Record<string, string>;
}

/**
 * `submit`: the step is being finished, so a blank table cell or a blank required text is a problem (E1, E7).
 * `partial`: 上一步 / 保存并退出, so blanks are simply not saved.
 */
export type ReadMode = 'submit' | 'partial';

/** Normalizes a text as stored: Windows line ends unified, surrounding blanks dropped. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** Checks a text's length; undefined when it fits. */
export function textTooLong(text: string): string | undefined {
  if (text.length <= MAX_TEXT_CHARS) return undefined;
  return `文字过长（${text.length} 字），每一栏最多 ${MAX_TEXT_CHARS} 字，请删减后再提交`;
}

/** A text as it may be stored, or why not. */
export type TextCheck = { ok: true; value: string } | { ok: false; message: string };

/**
 * The one check of a text before it is stored, typed in a card input or sent as a chat message: its length,
 * characters the Word file can print, and the format of the contact lines (邮编, 电话).
 */
export function checkText(key: string, text: string): TextCheck {
  const message = textTooLong(text) ?? unprintable(text);
  if (message) return { ok: false, message };
  return parseContact(key, text);
}

/**
 * E7 takes each section as one text (一 may be one passage in its opening paragraph, 五 problems and
 * improvements together): a part may stay blank once another text of its section has text; W7 then warns
 * about a blank aspect of 一.
 */
function coveredBySibling(
  draft: ReportDraft,
  step: Step,
  key: string,
  formValue: Record<string, unknown>,
): boolean {
  const section = SECTION_BY_ID.get(step.section);
  if (!section) return false;
  return section.texts.some((t) => {
    if (t.key === key) return false;
    const typed = formValue[t.key];
    const text = typeof typed === 'string' && step.keys.includes(t.key) ? typed : draft.answers[t.key];
    return typeof text === 'string' && cleanText(text) !== '';
  });
}

/** Reads the step's keys from form_value; keys that are not the step's own are ignored. */
export function readStepForm(
  draft: ReportDraft,
  step: Step,
  formValue: Record<string, unknown>,
  mode: ReadMode,
  blankAsZero = false,
): FormReading {
  const reading: FormReading = { updates: {}, fieldErrors: {}, typed: {} };
  const labels = new Map(
    step.parts.flatMap((p) =>
      p.type === 'text'
        ? [
            [
              p.key,
              { label: p.label, required: p.required && !coveredBySibling(draft, step, p.key, formValue) },
            ] as const,
          ]
        : [],
    ),
  );
  for (const key of step.keys) {
    const value = formValue[key];
    const raw = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
    reading.typed[key] = raw;
    // An input sends a string; anything else (a list from a multi-select, an object) is not what the person
    // typed here, and guessing would store a wrong value.
    if (value !== undefined && value !== null && raw === '' && typeof value !== 'string') {
      reading.fieldErrors[key] = '这一栏收到的内容无法识别，请重新填写';
      continue;
    }
    const kind = numberKindOf(key);
    // 「空格填 0」: a table cell left blank means none (E1 wants the 0 written, the person need not type it).
    // The card shows what was stored, so the zero appears where it went and a later submit sends it back.
    if (kind && blankAsZero && raw.trim() === '' && !OPTIONAL_NUMBER_KEYS.has(key)) {
      reading.updates[key] = 0;
      reading.typed[key] = '0';
    } else if (kind) readNumber(reading, draft, key, raw, kind, mode);
    else readText(reading, draft, key, raw, labels.get(key) ?? { label: key, required: false }, mode);
  }
  return reading;
}

function readNumber(
  reading: FormReading,
  draft: ReportDraft,
  key: string,
  raw: string,
  kind: NonNullable<ReturnType<typeof numberKindOf>>,
  mode: ReadMode,
): void {
  if (raw.trim() === '') {
    // Blank fee fields are allowed: W4 only asks that fees be stated, in the fields or in the text.
    if (mode === 'submit' && OPTIONAL_NUMBER_KEYS.has(key)) {
      if (draft.answers[key] !== undefined) reading.updates[key] = null;
      return;
    }
    if (mode === 'partial') return;
  }
  const parsed = parseNumber(raw, kind);
  if (parsed.ok) reading.updates[key] = parsed.value;
  else reading.fieldErrors[key] = parsed.message;
}

function readText(
  reading: FormReading,
  draft: ReportDraft,
  key: string,
  raw: string,
  field: { label: string; required: boolean },
  mode: ReadMode,
): void {
  const text = cleanText(raw);
  if (text) {
    const checked = checkText(key, text);
    if (checked.ok) reading.updates[key] = checked.value;
    else reading.fieldErrors[key] = checked.message;
    return;
  }
  const stored = draft.answers[key];
  // A text longer than an input holds was shown as a preview with an empty input: blank means "keep it".
  if (typeof stored === 'string' && stored.length > INPUT_MAX_CHARS) return;
  if (mode === 'partial') return;
  if (field.required)
    reading.fieldErrors[key] = `「${field.label}」还没有写，这一部分不能空着；也可以直接把文字发消息给我`;
  else if (stored !== undefined) reading.updates[key] = null;
}
