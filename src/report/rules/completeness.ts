/**
 * E1 (every table cell filled, zero written 0) and E7 (the required texts written).
 *
 * A blank table would give one finding per cell — 144 for table 三 — which hides everything else; so missing
 * cells are grouped: one finding for a table left entirely blank, else one per table row (三), per group (四),
 * and one for table 二. Every missing key is still listed in `cells`, so a card can mark each one.
 */
import { finding, labelOf, listNames, type Finding } from '../finding.js';
import { INPUT_CELLS, SECTIONS, TABLE2, TABLE3, TABLE4, type TableCell, type TableId } from '../template.js';
import { inSections, textOf, type RuleContext } from './context.js';

const TABLE_TITLES: Record<TableId, string> = { t2: TABLE2.title, t3: TABLE3.title, t4: TABLE4.title };

/** E1: inputs of tables 二, 三, 四 that are neither given nor invalid (invalid ones are E2's). */
export function checkFilled(ctx: RuleContext): Finding[] {
  const { parsed } = ctx;
  const isMissing = (c: TableCell) =>
    parsed.given[c.key] === undefined && parsed.invalid[c.key] === undefined;
  const findings: Finding[] = [];
  for (const section of SECTIONS) {
    if (!section.table || !ctx.sections.has(section.id)) continue;
    const inputs = INPUT_CELLS.filter((c) => c.table === section.table);
    const missing = inputs.filter(isMissing);
    if (missing.length === 0) continue;
    if (missing.length === inputs.length) {
      findings.push(
        finding(
          'E1',
          missing.map((c) => c.key),
          `${section.part}（${TABLE_TITLES[section.table]}）的表格还没有填写，共 ${inputs.length} 格，没有的填 0`,
        ),
      );
      continue;
    }
    for (const group of groupByRow(section.table, missing)) {
      findings.push(
        finding(
          'E1',
          group.cells.map((c) => c.key),
          `${group.name}有 ${group.cells.length} 格未填写：${listNames(group.cells.map(group.cellName))}。没有的请填 0，不要留空`,
        ),
      );
    }
  }
  return findings;
}

interface MissingGroup {
  name: string;
  cells: TableCell[];
  cellName: (c: TableCell) => string;
}

/** Table 三 by row, table 四 by group, table 二 as a whole (it has only 10 cells). */
function groupByRow(table: TableId, missing: TableCell[]): MissingGroup[] {
  if (table === 't2') {
    const part = SECTIONS.find((s) => s.table === 't2')!.part;
    return [{ name: `${part}表格`, cells: missing, cellName: (c) => c.label.slice(part.length).trim() }];
  }
  if (table === 't3') {
    const part = SECTIONS.find((s) => s.table === 't3')!.part;
    return TABLE3.rows
      .map((row) => ({
        name: `${part} ${row.short}行`,
        cells: missing.filter((c) => c.key.startsWith(`t3.${row.id}.`)),
        cellName: (c: TableCell) => TABLE3.columns.find((col) => c.key === `t3.${row.id}.${col.id}`)!.label,
      }))
      .filter((g) => g.cells.length > 0);
  }
  const part = SECTIONS.find((s) => s.table === 't4')!.part;
  return TABLE4.groups
    .map((group) => ({
      name: `${part} ${group.parent}${group.label}这一组`,
      cells: missing.filter((c) => c.key.startsWith(`t4.${group.id}.`)),
      cellName: (c: TableCell) => TABLE4.columns.find((col) => c.key === `t4.${group.id}.${col.id}`)!.label,
    }))
    .filter((g) => g.cells.length > 0);
}

/** E7: the required texts of 一, 五 and 六; whitespace alone is empty. */
export function checkTexts(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const section of SECTIONS) {
    for (const field of section.texts) {
      if (!field.required || !inSections(ctx, field.key)) continue;
      if (textOf(ctx.answers, field.key) !== '') continue;
      findings.push(finding('E7', [field.key], `${labelOf(field.key)}还没有写，这一部分不能空着`));
    }
  }
  return findings;
}
