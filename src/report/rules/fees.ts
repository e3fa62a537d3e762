/**
 * W4: section 六 states the 信息处理费 (《政府信息公开信息处理费管理办法》 asks the annual report to), and
 * does not deny sending fee notices when table 三 counts applications dropped for an unpaid fee notice.
 */
import { finding, labelOf, type Finding } from '../finding.js';
import { FEE_FIELDS, TABLE3, table3Key } from '../template.js';
import { anyInSections, inSections, known, textOf, type RuleContext } from './context.js';

const TEXT_KEY = 's6.text';
const [NOTICES_KEY] = FEE_FIELDS.map((f) => f.key);
const UNPAID_ROW = TABLE3.rows.find((r) => r.id === 'r6_2')!;
const UNPAID_KEY = table3Key(UNPAID_ROW.id, TABLE3.columns.find((c) => c.computed)!.id);

/** What a report says when no fee was collected (every published sample words it so). */
export const NO_FEE_SENTENCE = '本年度未收取信息处理费';

/**
 * What W4 asks for, in the words both its finding and the card of 六 use: the fee figures not given yet, or a
 * sentence in the text.
 */
export function feeRequest(keys: readonly string[] = FEE_FIELDS.map((f) => f.key)): string {
  const labels = keys.map((k) => FEE_FIELDS.find((f) => f.key === k)!.label.replace(/^信息处理费：/, ''));
  return `请填写${labels.join('、')}，或在文字中写明（例如“${NO_FEE_SENTENCE}”）`;
}

/** Any sentence about the fee: 「未收取信息处理费」「未收取信息公开处理费」(上海市 2025)「收费通知」「无收费情况」. */
const MENTIONS_FEE = /处理费|收费|收取费用/;
/**
 * 「未发出收费通知」「没有发送过信息处理费收费通知」「无收费通知」 — but not 「未按收费通知要求缴纳」, which is
 * the applicant not paying, nor 「未收取信息处理费」, which fits unpaid notices.
 */
const DENIES_NOTICES =
  /(?:未|没有|未曾|无)(?:向申请人)?(?:发出|发送|送达|寄送|出具|制发|开具)(?:过|任何)*(?:信息处理费)?(?:的)?收费通知|无(?:信息处理费)?收费通知/;

/** Whether a text already says something about the fee (W4 is satisfied by it). */
export function mentionsFee(text: string): boolean {
  return MENTIONS_FEE.test(text);
}

/** W4, both halves. */
export function checkFees(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const text = textOf(ctx.answers, TEXT_KEY);
  const feeKeys = FEE_FIELDS.map((f) => f.key);

  // An empty 六 is E7's finding already.
  if (inSections(ctx, TEXT_KEY) && text !== '') {
    // A value that does not parse is E2's: the clerk did state the fee.
    const missing = feeKeys.filter((k) => ctx.parsed.given[k] === undefined && !(k in ctx.parsed.invalid));
    if (missing.length > 0 && !MENTIONS_FEE.test(text))
      findings.push(
        finding(
          'W4',
          [...missing, TEXT_KEY],
          `${labelOf(TEXT_KEY).split('（')[0]}没有说明信息处理费的情况：${feeRequest(missing)}`,
        ),
      );
  }

  const unpaid = known(ctx.parsed, UNPAID_KEY);
  if (unpaid === undefined || unpaid === 0 || !anyInSections(ctx, [UNPAID_KEY, TEXT_KEY])) return findings;
  const notices = ctx.parsed.given[NOTICES_KEY];
  const denial = text.match(DENIES_NOTICES)?.[0];
  if (notices === 0 || denial) {
    const said = notices === 0 ? `${labelOf(NOTICES_KEY)}填的是 0` : `文字中写了“${denial}”`;
    findings.push(
      finding(
        'W4',
        [UNPAID_KEY, notices === 0 ? NOTICES_KEY : TEXT_KEY],
        `${labelOf(UNPAID_KEY)}是 ${unpaid}，说明本年发出过收费通知，但${said}，两者矛盾`,
        { actual: notices === 0 ? 0 : (denial as string) },
      ),
    );
  }
  return findings;
}
