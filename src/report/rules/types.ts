/** E2: every number that was given parses as its kind (parse-value.ts says why not). */
import { finding, labelOf, type Finding } from '../finding.js';
import { FEE_FIELDS, TABLE_CELLS } from '../template.js';
import { inSections, type RuleContext } from './context.js';

/** What a finding quotes of a wrong raw value: a pasted page is cut, not echoed back. */
const MAX_QUOTED = 20;

/** E2: one finding per value that does not parse, in printed order. */
export function checkTypes(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { key } of [...TABLE_CELLS, ...FEE_FIELDS]) {
    const message = ctx.parsed.invalid[key];
    if (message === undefined || !inSections(ctx, key)) continue;
    findings.push(
      finding('E2', [key], `${labelOf(key)}：${message}`, { actual: quote(ctx.answers[key] as unknown) }),
    );
  }
  return findings;
}

function quote(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw));
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}
