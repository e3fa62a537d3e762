/**
 * E1 (every table cell filled, zero written 0), E7 (each text section written) and W7 (each aspect of 一).
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
    for (const group of groupMissing(section.table, missing))
      findings.push(finding('E1', group.cells, `${group.text}。没有的请填 0，不要留空`));
  }
  return findings;
}

interface MissingGroup {
  cells: string[];
  /** 「第三部分 予以公开行有 1 格未填写：自然人」 */
  text: string;
}

/**
 * Table 二 as a whole (10 cells); table 四 by group; table 三 by row, rows missing the same columns together —
 * an import that printed 「-」 for every organisation column then gives one finding, not 24.
 */
function groupMissing(table: TableId, missing: TableCell[]): MissingGroup[] {
  const part = SECTIONS.find((s) => s.table === table)!.part;
  const keys = (cells: TableCell[]) => cells.map((c) => c.key);
  if (table === 't2') {
    const names = missing.map((c) => c.label.slice(part.length).trim());
    return [{ cells: keys(missing), text: `${part}表格有 ${missing.length} 格未填写：${listNames(names)}` }];
  }
  if (table === 't4')
    return TABLE4.groups.flatMap((group) => {
      const cells = missing.filter((c) => c.key.startsWith(`t4.${group.id}.`));
      if (cells.length === 0) return [];
      const names = TABLE4.columns.filter((col) => cells.some((c) => c.key === `t4.${group.id}.${col.id}`));
      const text = `${part} ${group.parent}${group.label}这一组有 ${cells.length} 格未填写：${listNames(names.map((n) => n.label))}`;
      return [{ cells: keys(cells), text }];
    });
  // Table 三: rows keyed by the set of columns they miss, in printed order.
  const bySignature = new Map<string, { rows: string[]; columns: string[]; cells: TableCell[] }>();
  for (const row of TABLE3.rows) {
    const cells = missing.filter((c) => c.key.startsWith(`t3.${row.id}.`));
    if (cells.length === 0) continue;
    const columns = TABLE3.columns.filter((col) => cells.some((c) => c.key === `t3.${row.id}.${col.id}`));
    const signature = columns.map((c) => c.id).join(',');
    const group = bySignature.get(signature) ?? { rows: [], columns: columns.map((c) => c.label), cells: [] };
    group.rows.push(row.short);
    group.cells.push(...cells);
    bySignature.set(signature, group);
  }
  return [...bySignature.values()].map((g) => ({
    cells: keys(g.cells),
    text:
      g.rows.length === 1
        ? `${part} ${g.rows[0]}行有 ${g.cells.length} 格未填写：${listNames(g.columns)}`
        : `${part} ${g.rows.length <= 3 ? `${g.rows.join('、')}这 ${g.rows.length} 行` : listNames(g.rows, 3, '行')}各有 ${g.columns.length} 格未填写：${listNames(g.columns)}（共 ${g.cells.length} 格）`,
  }));
}

/**
 * E7, per section: 一, 五 and 六 each need some text. Any text of the section counts — the opening paragraph of
 * 一 too: the format does not mandate its five sub-headings, and published reports write 一 (like 五) as one
 * passage. Whitespace alone is empty.
 */
export function checkTexts(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const section of SECTIONS) {
    const asked = section.texts.some((f) => f.required && inSections(ctx, f.key));
    if (!asked || section.texts.some((f) => textOf(ctx.answers, f.key) !== '')) continue;
    findings.push(
      finding(
        'E7',
        section.texts.map((f) => f.key),
        `${section.part}（${section.title}）还没有写，这一部分不能空着`,
      ),
    );
  }
  return findings;
}

const S1 = SECTIONS.find((s) => s.id === 's1')!;
/** The five aspects of 一, （一）主动公开 … （五）监督保障: its texts under a sub-heading. */
const ASPECTS = S1.texts.filter((f) => f.heading !== '');

/**
 * W7: 一 written in parts (one of its five aspects has text) with an aspect left blank. Written as one
 * passage (only the opening paragraph) it is not split, so nothing is said: E7 is what it must meet.
 */
export function checkAspects(ctx: RuleContext): Finding[] {
  if (!ctx.sections.has(S1.id)) return [];
  const blank = ASPECTS.filter((f) => textOf(ctx.answers, f.key) === '');
  if (blank.length === 0 || blank.length === ASPECTS.length) return [];
  const [first, last] = [ASPECTS[0], ASPECTS[ASPECTS.length - 1]].map((f) => f.heading.slice(0, 3));
  return blank.map((f) =>
    finding(
      'W7',
      [f.key],
      `${labelOf(f.key)}还没有写：${S1.part}是按${first}至${last}分方面写的，这一方面空着。` +
        '年度要点和考评要求五个方面都写到，本年确无相关工作的也请写明',
    ),
  );
}
