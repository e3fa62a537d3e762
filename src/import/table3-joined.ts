/**
 * Table 三 with rows whose cells ran together (a web page copied as text). Each such row is split by its digits
 * where they leave no choice, else by its 总计 (E3); the rows that still have several splits are then decided
 * together by the column sums the format prints — （七）总计 = （一）…（六） (E4) and 本年新收 + 上年结转 =
 * 办理结果总计 + 结转下年度 (E5). A cell is read only when every combination that keeps all of them gives it the
 * same value. When no combination keeps them (the report's own sums are wrong), no row is split by a sum: only
 * the rows whose digits alone decide are read.
 */
import { TABLE3 } from '../report/template.js';
import { agreedCells, printedRun, rowSplits, twoSplits, type Cell, type SplitRule } from './split-runs.js';
import type { PrintedValue } from './types.js';

const WIDTH = TABLE3.columns.length;
const TOTAL = TABLE3.columns.findIndex((c) => c.computed);
const ROW_RULE: SplitRule = {
  cells: WIDTH,
  sums: [{ at: TOTAL, of: TABLE3.columns.map((_c, i) => i).filter((i) => i !== TOTAL) }],
};
const TOTAL_ROW = TABLE3.rows.find((r) => r.computed)!.id;
/** Combinations tried across rows before giving up on deciding them. */
const MAX_STEPS = 200_000;

/** A printed row of table 三 under its row id; `joined` when its values are to be split. */
export interface PrintedRow {
  id: string;
  values: PrintedValue[];
  joined: boolean;
}

/** Per joined row: its cells (undefined for a blank), or for each cell it could not decide the reason. */
export type JoinedCells = Map<string, { cells: Cell[]; unread: Map<number, string> }>;

interface Candidates {
  cells: Cell[][];
  bySums: boolean;
}

/** An equation over rows, per column: Σ plus = Σ minus. */
interface Equation {
  plus: string[];
  minus: string[];
  column: number;
}

/**
 * Splits the joined rows of table 三. `resultRows` are the rows （七）总计 adds up as printed (（六） may be one
 * row in reports that kept the 2019 format).
 */
export function splitJoinedRows(rows: PrintedRow[], resultRows: string[]): JoinedCells {
  const decided: JoinedCells = new Map();
  const candidates = new Map<string, Candidates>();
  for (const row of rows) {
    if (!row.joined) {
      const cells = row.values.map((v) => (v.kind === 'number' ? v.value : undefined));
      candidates.set(row.id, { cells: [cells], bySums: false });
      continue;
    }
    const run = printedRun(row.values);
    const found = rowSplits(row.values, ROW_RULE);
    const why = !found.complete
      ? `原文这一行的数字连在一起（「${run}」），可能的拆法太多，未能逐一核对`
      : found.splits.length === 0
        ? `原文这一行的数字连在一起（「${run}」），按本行的总计拆不开：原文的总计与各项之和对不上`
        : undefined;
    if (why) decided.set(row.id, allUnread(why));
    else candidates.set(row.id, { cells: found.splits, bySums: found.bySums });
  }

  const equations = usableEquations(candidates, resultRows);
  const searched = search(candidates, equations);
  for (const row of rows) {
    const mine = candidates.get(row.id);
    if (!row.joined || !mine) continue;
    const run = printedRun(row.values);
    if (!(searched instanceof Map) && mine.bySums) {
      const why =
        searched === 'none'
          ? '需要按合计拆分，但原文表中各列的合计对不上，无法据此确定'
          : '各行可能的拆法组合太多，未能逐一核对';
      decided.set(row.id, allUnread(`原文这一行的数字连在一起（「${run}」），${why}`));
      continue;
    }
    const kept = searched instanceof Map && searched.has(row.id) ? searched.get(row.id)! : mine.cells;
    const agreed = agreedCells(kept, WIDTH);
    const unread = new Map<number, string>();
    agreed.forEach((cell, c) => {
      if (cell === 'differs')
        unread.set(
          c,
          `原文这一行的数字连在一起（「${run}」），按本行总计和各列合计仍可拆成 ${twoSplits(kept)} 等多种分法，这一格无法确定`,
        );
    });
    decided.set(row.id, { cells: agreed.map((c) => (c === 'differs' ? undefined : c)), unread });
  }
  return decided;
}

function allUnread(reason: string): { cells: Cell[]; unread: Map<number, string> } {
  return { cells: [], unread: new Map(Array.from({ length: WIDTH }, (_, c) => [c, reason])) };
}

/** E4 and E5 per column, where every row they name is printed with a number in that column. */
function usableEquations(candidates: Map<string, Candidates>, resultRows: string[]): Equation[] {
  const out: Equation[] = [];
  for (let column = 0; column < WIDTH; column++) {
    const all: Equation[] = [
      { plus: resultRows, minus: [TOTAL_ROW], column },
      { plus: ['new', 'carry_in'], minus: [TOTAL_ROW, 'carry_out'], column },
    ];
    for (const eq of all) {
      const rows = [...eq.plus, ...eq.minus];
      const usable = rows.every((id) =>
        candidates.get(id)?.cells.every((cells) => cells[column] !== undefined),
      );
      if (usable) out.push(eq);
    }
  }
  return out;
}

/**
 * Tries every combination of the rows with several splits against the equations. Returns, for each such row,
 * the splits that take part in at least one combination that keeps them all; 'none' when no combination does;
 * 'cut' when the search was too long.
 */
function search(
  candidates: Map<string, Candidates>,
  equations: Equation[],
): Map<string, Cell[][]> | 'none' | 'cut' {
  const inEquations = new Set(equations.flatMap((e) => [...e.plus, ...e.minus]));
  const open = [...candidates]
    .filter(([id, c]) => c.cells.length > 1 && inEquations.has(id))
    .map(([id]) => id);
  const chosen = new Map<string, Cell[]>();
  for (const [id, c] of candidates) if (c.cells.length === 1) chosen.set(id, c.cells[0]);
  const used = new Map(open.map((id) => [id, new Set<number>()]));
  let solutions = 0;
  let steps = 0;
  let cut = false;
  const everyUsed = () => open.every((id) => used.get(id)!.size === candidates.get(id)!.cells.length);

  const consistent = (): boolean =>
    equations.every(({ plus, minus, column }) => {
      const side = (ids: string[]) => {
        let sum = 0;
        let missing = 0;
        for (const id of ids) {
          const cells = chosen.get(id);
          if (cells) sum += cells[column]!;
          else missing++;
        }
        return { sum, missing };
      };
      const [p, m] = [side(plus), side(minus)];
      if (p.missing === 0 && m.missing === 0) return p.sum === m.sum;
      // Counts are never negative: a complete side cannot be exceeded by the other's partial sum.
      if (m.missing === 0 && p.sum > m.sum) return false;
      if (p.missing === 0 && m.sum > p.sum) return false;
      return true;
    });

  const walk = (k: number, picks: number[]): void => {
    if (cut || (solutions > 0 && everyUsed())) return;
    if (++steps > MAX_STEPS) {
      cut = true;
      return;
    }
    if (k === open.length) {
      solutions++;
      open.forEach((id, i) => used.get(id)!.add(picks[i]));
      return;
    }
    const id = open[k];
    candidates.get(id)!.cells.forEach((cells, j) => {
      chosen.set(id, cells);
      if (consistent()) walk(k + 1, [...picks, j]);
    });
    chosen.delete(id);
  };
  if (!consistent()) return 'none';
  walk(0, []);
  if (cut) return 'cut';
  if (solutions === 0) return 'none';
  return new Map(open.map((id) => [id, [...used.get(id)!].map((j) => candidates.get(id)!.cells[j])]));
}
