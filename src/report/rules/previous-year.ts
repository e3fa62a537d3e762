/**
 * The rules that compare with last year's report: W1 (结转 carries over), W2 (现行有效 carries over) and
 * W6 (text copied from last year).
 */
import { finding, fmt, labelOf, type Finding } from '../finding.js';
import { SECTIONS, TABLE2, TABLE3, TEXT_FIELDS, table2Key, table3Key } from '../template.js';
import { inSections, known, textOf, type RuleContext } from './context.js';

/** W1: 上年结转 this year = 结转下年度 last year, per applicant column (总计 only if a column is unknown). */
export function checkCarryOver(ctx: RuleContext): Finding[] {
  const last = ctx.previous;
  if (!last || !ctx.sections.has('s3')) return [];
  const part = SECTIONS.find((s) => s.table === 't3')!.part;
  const carryIn = TABLE3.rows.find((r) => r.id === 'carry_in')!;
  const carryOut = TABLE3.rows.find((r) => r.id === 'carry_out')!;
  const findings: Finding[] = [];
  let compared = 0;
  const inputs = TABLE3.columns.filter((c) => !c.computed);
  const compare = (colId: string, label: string) => {
    const key = table3Key(carryIn.id, colId);
    const now = known(ctx.parsed, key);
    const before = known(last.parsed, table3Key(carryOut.id, colId));
    if (now === undefined || before === undefined) return;
    compared++;
    if (now === before) return;
    findings.push(
      finding(
        'W1',
        [key],
        `${part} ${label}列：${carryIn.short}填的是 ${fmt(now)}，但上年报告的${carryOut.short}是 ${fmt(before)}`,
        { expected: before, actual: now },
      ),
    );
  };
  for (const col of inputs) compare(col.id, col.label);
  if (compared < inputs.length) {
    const total = TABLE3.columns.find((c) => c.computed)!;
    compare(total.id, total.label);
  }
  return findings;
}

/** W2: 现行有效件数 = last year's + 本年制发 − 本年废止, for 规章 and 行政规范性文件. */
export function checkValidCount(ctx: RuleContext): Finding[] {
  const last = ctx.previous;
  if (!last || !ctx.sections.has('s2')) return [];
  const block = TABLE2.blocks[0];
  const [issued, repealed, valid] = ['issued', 'repealed', 'valid'].map((id) =>
    block.columns.find((c) => c.id === id)!,
  );
  const part = SECTIONS.find((s) => s.table === 't2')!.part;
  const findings: Finding[] = [];
  for (const row of block.rows) {
    const keys = [issued, repealed, valid].map((c) => table2Key(row.id, c.id));
    const [i, r, v] = keys.map((k) => ctx.parsed.given[k]);
    const before = last.parsed.given[keys[2]];
    if ([i, r, v, before].some((x) => x === undefined)) continue;
    const expected = before + i - r;
    if (expected === v) continue;
    findings.push(
      finding(
        'W2',
        keys,
        `${part} ${row.label}：上年${valid.label}(${fmt(before)})+${issued.label}(${fmt(i)})−${repealed.label}(${fmt(r)})=${fmt(expected)}，但${valid.label}填的是 ${fmt(v)}`,
        { expected, actual: v },
      ),
    );
  }
  return findings;
}

/**
 * How much of this year's text is last year's: the share of this year's character 8-grams that also occur in
 * last year's same field. Whitespace and punctuation are dropped and digits folded to one symbol, so changing
 * 「2023年」 to 「2024年」 or re-punctuating a paragraph does not make a copy look new. 8 characters is about
 * two or three Chinese words: common phrases (「政府信息公开」 is 6) do not count as copying by themselves.
 */
export function textOverlap(current: string, previous: string): number {
  const grams = (text: string) => {
    const t = normalise(text);
    const out: string[] = [];
    for (let i = 0; i + GRAM <= t.length; i++) out.push(t.slice(i, i + GRAM));
    return out;
  };
  const now = grams(current);
  if (now.length === 0) return 0;
  const before = new Set(grams(previous));
  return now.filter((g) => before.has(g)).length / now.length;
}

const GRAM = 8;
/** Over half of the text repeated: the local review rule's threshold (report-format.md W6). */
const MAX_OVERLAP = 0.5;
/** Short fixed sentences (「本年度未收取信息处理费。」) are fine to repeat every year. */
const MIN_CHARS = 60;

function normalise(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]/gu, '').replace(/[0-9０-９]/g, '#');
}

/** W6: each text field of 一, 五, 六 that repeats last year's same field by more than half. */
export function checkCopiedText(ctx: RuleContext): Finding[] {
  const last = ctx.previous;
  if (!last) return [];
  const findings: Finding[] = [];
  for (const field of TEXT_FIELDS) {
    if (!inSections(ctx, field.key)) continue;
    const now = textOf(ctx.answers, field.key);
    const before = textOf(last.answers, field.key);
    if (normalise(now).length < MIN_CHARS || before === '') continue;
    const share = textOverlap(now, before);
    if (share <= MAX_OVERLAP) continue;
    const percent = `${Math.round(share * 100)}%`;
    findings.push(
      finding(
        'W6',
        [field.key],
        `${labelOf(field.key)}有 ${percent} 的文字与上年报告相同，请结合本年的实际工作重新撰写`,
        { expected: `不超过 ${MAX_OVERLAP * 100}%`, actual: percent },
      ),
    );
  }
  return findings;
}
