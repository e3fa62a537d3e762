/**
 * Table 三 (收到和处理政府信息公开申请情况): the printed rows are aligned to the 25 official rows in order.
 *
 * Each printed row scores against each official row by how much of the official label its text contains,
 * with the numbering as evidence (「（六）1.」 names r6_1 even when the words are abbreviated); a
 * monotone alignment then picks the best assignment. A row whose label the extractor lost is placed by
 * position only when the rows around it leave exactly one place for it. A （六）其他处理 printed as one
 * row (the 2019 trial format) is recognised and its three sub-rows are reported unread, never guessed. Rows
 * whose cells ran together (a web page copied as text) are split by the table's sums (table3-joined.ts).
 */
import {
  TABLE3,
  TABLE3_RESULT_GROUPS,
  TABLE3_RESULT_ROWS,
  TABLE_CELL_BY_KEY,
  table3Key,
} from '../report/template.js';
import { TableOutcome, countReason, fitValues, putCell } from './cells-out.js';
import { groupNumber, itemNumber, labelCore, recall } from './normalize.js';
import { splitJoinedRows, type PrintedRow } from './table3-joined.js';
import type { RawRow } from './types.js';

/** The rows （七）总计 adds up as the report printed them: a one-row （六） stands for its three sub-rows. */
function resultRowsAsPrinted(ids: string[]): string[] {
  const collapsed = ids.includes('r6');
  return TABLE3_RESULT_ROWS.filter((r) => !(collapsed && COLLAPSED_ROWS.includes(r))).concat(
    collapsed ? ['r6'] : [],
  );
}

interface Target {
  id: string;
  label: string;
  core: string;
  group?: number;
  item?: number;
  /** the core of the group heading a sub-row sits under: 「不予公开」 */
  groupCore?: string;
  /** the one-row （六） of the 2019 format */
  collapsed?: boolean;
}

const OTHER_GROUP = TABLE3_RESULT_GROUPS[TABLE3_RESULT_GROUPS.length - 1];
const COLLAPSED_ROWS = TABLE3.rows.filter((r) => r.parents.includes(OTHER_GROUP)).map((r) => r.id);

const TARGETS: Target[] = TABLE3.rows.flatMap((row): Target[] => {
  const target: Target = {
    id: row.id,
    label: row.label,
    core: labelCore(row.label),
    group: row.parents.length > 1 ? groupNumber(row.parents[1]) : groupNumber(row.label),
    item: itemNumber(row.label),
    ...(row.parents.length > 1 ? { groupCore: labelCore(row.parents[1]) } : {}),
  };
  if (row.id !== COLLAPSED_ROWS[0]) return [target];
  const collapsed = { id: 'r6', label: OTHER_GROUP, core: labelCore(OTHER_GROUP), group: 6, collapsed: true };
  return [collapsed, target];
});

const CONFIDENT = 0.6;
const POSITIONAL = 0.2;

function score(row: RawRow, t: Target): number {
  const context = labelCore(row.context);
  if (context === '') return t.collapsed ? 0 : POSITIONAL;
  // A sub-row's words must stand outside its group's heading: 「（六）其他处理」 alone is not 「3.其他」.
  let s = recall(t.groupCore ? context.split(t.groupCore).join('') : context, t.core);
  const item = itemNumber(row.label);
  const group = groupNumber(row.label);
  if (item !== undefined && t.item !== undefined && item !== t.item) s *= 0.3;
  if (item !== undefined && t.item === undefined) s *= 0.5;
  if (group !== undefined && group === t.group && item === t.item) s = Math.max(s, 0.9);
  return t.collapsed ? s * 0.9 : s;
}

/** The best monotone assignment of rows to targets (longest-path over the score grid). */
function align(scores: number[][]): (number | undefined)[] {
  const n = scores.length;
  const m = TARGETS.length;
  const best = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      const take = scores[i][j] > 0 ? scores[i][j] + best[i + 1][j + 1] : -1;
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], take);
    }
  const assigned: (number | undefined)[] = new Array(n).fill(undefined);
  for (let i = 0, j = 0; i < n && j < m;) {
    if (scores[i][j] > 0 && best[i][j] === scores[i][j] + best[i + 1][j + 1]) assigned[i++] = j++;
    else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return assigned;
}

/** Reads table 三 from the rows of its section (rows with at least a few values). */
export function readTable3(rows: RawRow[]): TableOutcome {
  const out = new TableOutcome();
  const scores = rows.map((r) => TARGETS.map((t) => score(r, t)));
  const assigned = align(scores);

  // Rows matched on weak evidence stay only where the confident rows around them leave exactly their places.
  const confident = (i: number) => assigned[i] !== undefined && scores[i][assigned[i]!] >= CONFIDENT;
  const realTargetsBetween = (a: number, b: number) =>
    TARGETS.slice(a + 1, b).filter((t) => !t.collapsed).length;
  const byPosition: string[] = [];
  const dropped: RawRow[] = [];
  rows.forEach((row, i) => {
    if (assigned[i] === undefined || confident(i)) return;
    let a = i - 1;
    while (a >= 0 && !confident(a)) a--;
    let b = i + 1;
    while (b < rows.length && !confident(b)) b++;
    const ta = a >= 0 ? assigned[a]! : -1;
    const tb = b < rows.length ? assigned[b]! : TARGETS.length;
    if (b - a - 1 === realTargetsBetween(ta, tb) && !TARGETS[assigned[i]!].collapsed) {
      if (labelCore(row.context) === '') byPosition.push(TARGETS[assigned[i]!].label);
    } else {
      dropped.push(row);
      assigned[i] = undefined;
    }
  });
  if (byPosition.length)
    out.notes.push(
      `第三部分有 ${byPosition.length} 行原文没有印出行名，按前后行的顺序认定为：${byPosition.join('、')}`,
    );

  const columns = TABLE3.columns.map((c) => c.id);
  const seen = new Set<string>();
  const printed: (PrintedRow & { row: RawRow })[] = [];
  rows.forEach((row, i) => {
    if (assigned[i] === undefined) return;
    const target = TARGETS[assigned[i]!];
    const fits = fitValues(row.values, row.spareBlanks, columns.length);
    const joined = !fits && row.joined !== undefined;
    printed.push({ id: target.id, row, values: fits ?? row.values, joined });
  });
  const splitRows = printed.some((p) => p.joined)
    ? splitJoinedRows(
        printed.filter((p) => p.joined || p.values.length === columns.length),
        resultRowsAsPrinted(printed.map((p) => p.id)),
      )
    : undefined;
  for (const { id, row, values, joined } of printed) {
    const target = TARGETS.find((t) => t.id === id)!;
    if (target.collapsed) {
      const shown = values.map((v) => v.printed || '空').join(' ');
      out.notes.push(
        `第三部分「（六）其他处理」只有一行（沿用 2019 年试行格式，数字：${shown}），无法拆分为 3 个子项，未导入`,
      );
      out.miss(
        COLLAPSED_ROWS.flatMap((r) => columns.map((c) => table3Key(r, c))),
        '原文「（六）其他处理」只印了一行（沿用 2019 年试行格式），无法拆分到 3 个子项',
      );
      continue;
    }
    seen.add(id);
    const keys = columns.map((c) => table3Key(id, c));
    const split = joined ? splitRows?.get(id) : undefined;
    if (split) {
      keys.forEach((key, k) => {
        const why = split.unread.get(k);
        if (why) out.miss([key], why);
        else putCell(out, key, split.cells[k]);
      });
      continue;
    }
    if (values.length !== keys.length) {
      out.miss(keys, countReason(row.values.length, keys.length));
      continue;
    }
    keys.forEach((key, k) => out.put(key, values[k], TABLE_CELL_BY_KEY.get(key)!.label));
  }
  const joinedRows = printed.filter((p) => p.joined && !TARGETS.find((t) => t.id === p.id)!.collapsed);
  if (joinedRows.length) {
    const open = joinedRows.reduce((n, p) => n + (splitRows?.get(p.id)?.unread.size ?? 0), 0);
    out.notes.push(
      `第三部分有 ${joinedRows.length} 行的数字在原文中连在一起（网页表格复制的文字），已按各行总计和各列合计拆分` +
        (open ? `；其中 ${open} 格有多种拆法或无法拆分，未导入` : ''),
    );
  }
  for (const row of dropped)
    out.notes.push(
      `第三部分有一行无法确定是哪一行，未导入：「${row.label || row.values.map((v) => v.printed).join(' ')}」`,
    );
  for (const t of TARGETS)
    if (!t.collapsed && !seen.has(t.id))
      out.miss(
        columns.map((c) => table3Key(t.id, c)),
        '原文中没有找到这一行，或行名无法识别',
      );
  return out;
}
