/**
 * 「本年度未收取信息处理费」 on the card of 六: one tap states what W4 asks for. The sentence goes in front of the
 * text (published reports state the fee first), unless the text already says it; the step is then submitted
 * with what else was typed. A collected amount above 0 typed on the same card, or a text that already states the
 * fee its own way, could contradict it: refused next to the field.
 */
import { parseNumber } from '../report/parse-value.js';
import { mentionsFee, NO_FEE_SENTENCE } from '../report/rules/fees.js';
import type { Answers } from '../report/template.js';
import { INPUT_MAX_CHARS } from './read-form.js';

const TEXT_KEY = 's6.text';
const COLLECTED_KEY = 's6.fee.collected';

/** The form of 六 with the sentence in its text, and the fields that contradict it. */
export function withNoFee(
  formValue: Record<string, unknown>,
  stored: Answers,
): { formValue: Record<string, unknown>; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const collected = formValue[COLLECTED_KEY];
  const amount =
    typeof collected === 'string' && collected.trim() ? parseNumber(collected, 'yuan') : undefined;
  if (amount?.ok && amount.value > 0)
    fieldErrors[COLLECTED_KEY] =
      `实际收取金额填的是 ${collected}，与「${NO_FEE_SENTENCE}」不符：没有收取请填 0 或清空这一栏`;
  const typed = typeof formValue[TEXT_KEY] === 'string' ? (formValue[TEXT_KEY] as string) : '';
  const kept = stored[TEXT_KEY];
  // A text longer than the input holds is shown as a preview with the input empty: that text is the one to extend.
  const text =
    typed.trim() === '' && typeof kept === 'string' && kept.length > INPUT_MAX_CHARS ? kept : typed.trim();
  if (text.includes(NO_FEE_SENTENCE)) return { formValue, fieldErrors };
  // The text already states the fee its own way (「收取信息处理费 3940 元」): adding 「未收取」 could contradict it.
  if (mentionsFee(text)) {
    fieldErrors[TEXT_KEY] =
      `文字中已经写了信息处理费的情况，不用再点「${NO_FEE_SENTENCE}」；请点「提交本部分」，或先改写文字`;
    return { formValue, fieldErrors };
  }
  const stated = text ? `${NO_FEE_SENTENCE}。\n${text}` : `${NO_FEE_SENTENCE}。`;
  return { formValue: { ...formValue, [TEXT_KEY]: stated }, fieldErrors };
}
