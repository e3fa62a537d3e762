/** E6: each group of table 四 — its printed 总计 against 维持 + 纠正 + 其他 + 尚未审结. */
import { finding, fmt, sumSentence, type Finding } from '../finding.js';
import { SECTIONS, TABLE4, table4Key } from '../template.js';
import type { RuleContext } from './context.js';

const PART = SECTIONS.find((s) => s.table === 't4')!.part;

/** E6: only printed totals can be wrong; the bot computes them. */
export function checkTable4(ctx: RuleContext): Finding[] {
  if (!ctx.sections.has('s4')) return [];
  const p = ctx.parsed;
  const total = TABLE4.columns.find((c) => c.computed)!;
  const inputs = TABLE4.columns.filter((c) => !c.computed);
  const findings: Finding[] = [];
  for (const group of TABLE4.groups) {
    const totalKey = table4Key(group.id, total.id);
    const printed = p.given[totalKey];
    const sum = p.computed[totalKey];
    if (printed === undefined || sum === undefined || printed === sum) continue;
    const keys = inputs.map((c) => table4Key(group.id, c.id));
    const sentence = sumSentence(inputs.map((c, i) => ({ name: c.label, value: p.given[keys[i]] })));
    findings.push(
      finding(
        'E6',
        [totalKey, ...keys],
        `${PART} ${group.parent}${group.label}：${sentence}，但${total.label}填的是 ${fmt(printed)}`,
        { expected: sum, actual: printed },
      ),
    );
  }
  return findings;
}
