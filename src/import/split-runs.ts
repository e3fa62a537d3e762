/**
 * Splitting a table row whose cells ran together — the text a browser gives when a web page's table is copied:
 * 「一、本年新收政府信息公开申请数量4520000047」 — back into its cells, with only what the format knows: how many
 * cells the row has, that a printed number never starts with 0 (unless it is 0), and the sums among its cells
 * (a row's 总计). Every split that fits is returned, so the caller can name the cells unread when more than one
 * fits: a wrong number is worse than an unread one.
 *
 * A run of n digits has C(n−1, k−1) splits into k cells. A sum cell is not searched but computed from its terms
 * and checked against the digits, which keeps the search small; it is still bounded (MAX_STEPS, MAX_SPLITS) and
 * says when it stopped early, so the caller names the cells unread instead of deciding on a partial search.
 */
import { nfkc } from './normalize.js';
import type { PrintedValue } from './types.js';

/** A cell of a split: a number, or undefined for a cell printed blank (「-」). */
export type Cell = number | undefined;

export interface SplitRule {
  cells: number;
  /** cells whose value is the sum of others: a row's 总计 (E3), a group's 总计 of table 四 (E6) */
  sums?: { at: number; of: number[] }[];
}

export interface Splits {
  /** the splits that fit, in search order */
  splits: Cell[][];
  /** false when the search stopped early (too many steps or splits): then no cell may be decided by it */
  complete: boolean;
}

/** The largest count parse-value accepts has 9 digits. */
const MAX_DIGITS = 9;
/** More splits than this is no basis for a decision, and keeps the column search small. */
export const MAX_SPLITS = 64;
/** Steps of one search: a table 三 row of 20 digits takes a few thousand, 40 digits of 9s run out in ~0.2 s. */
export const MAX_STEPS = 100_000;

/** A piece of a printed row: a digit run that may hold several cells, or one cell as printed. */
type Piece = { run: string } | { cell: Cell };

function piecesOf(values: PrintedValue[]): Piece[] | undefined {
  const pieces: Piece[] = [];
  for (const v of values) {
    if (v.kind === 'text') return undefined;
    const digits = nfkc(v.printed).trim();
    if (v.kind === 'blank') pieces.push({ cell: undefined });
    else if (/^\d{2,}$/.test(digits)) pieces.push({ run: digits });
    else pieces.push({ cell: v.value });
  }
  return pieces;
}

/** Every split of `values` into `rule.cells` cells that keeps the rule's sums. */
export function splitRun(values: PrintedValue[], rule: SplitRule): Splits {
  const pieces = piecesOf(values);
  if (!pieces) return { splits: [], complete: true };
  const size = (p: Piece) => ('run' in p ? p.run.length : 1);
  // The most cells the pieces from i on can give.
  const capacityFrom = pieces.map((_, i) => pieces.slice(i).reduce((n, p) => n + size(p), 0));
  capacityFrom.push(0);
  const sums = new Map((rule.sums ?? []).map((s) => [s.at, s.of]));
  const splits: Cell[][] = [];
  const cells: Cell[] = [];
  let steps = 0;
  let complete = true;

  const walk = (p: number, offset: number): void => {
    if (!complete) return;
    if (++steps > MAX_STEPS) {
      complete = false;
      return;
    }
    const left = rule.cells - cells.length;
    if (left === 0) {
      if (p < pieces.length) return;
      if (splits.length === MAX_SPLITS) complete = false;
      else splits.push([...cells]);
      return;
    }
    if (p === pieces.length) return;
    const piece = pieces[p];
    const here = 'run' in piece ? piece.run.length - offset : 1;
    if (left > here + capacityFrom[p + 1] || left < pieces.length - p) return;
    const terms = sums.get(cells.length);
    const known = terms?.every((t) => cells[t] !== undefined);
    const forced = known ? terms!.reduce((a, t) => a + cells[t]!, 0) : undefined;
    if (!('run' in piece)) {
      if (forced !== undefined && piece.cell !== undefined && piece.cell !== forced) return;
      cells.push(piece.cell);
      walk(p + 1, 0);
      cells.pop();
      return;
    }
    const rest = piece.run.slice(offset);
    const lengths =
      forced !== undefined
        ? rest.startsWith(String(forced))
          ? [String(forced).length]
          : []
        : Array.from({ length: Math.min(rest.length, MAX_DIGITS) }, (_, i) => i + 1).filter(
            (l) => l === 1 || rest[0] !== '0',
          );
    for (const l of lengths) {
      cells.push(Number(rest.slice(0, l)));
      if (l === rest.length) walk(p + 1, 0);
      else walk(p, offset + l);
      cells.pop();
    }
  };
  walk(0, 0);
  return { splits, complete };
}

/** How a joined row was split: by its digits alone, or only with its sums. */
export interface RowSplits extends Splits {
  /** the digits alone allow several splits: the sums chose among them */
  bySums: boolean;
}

/**
 * The splits of a joined row: the one its digits allow when they allow only one (the row as printed, whatever
 * its sums say — the checker judges those), else those its sums allow.
 */
export function rowSplits(values: PrintedValue[], rule: SplitRule): RowSplits {
  const plain = splitRun(values, { cells: rule.cells });
  if (plain.complete && plain.splits.length <= 1) return { ...plain, bySums: false };
  if (!rule.sums?.length) return { ...plain, bySums: false };
  return { ...splitRun(values, rule), bySums: true };
}

/** Per cell: the value every split gives it, or 'differs'. */
export function agreedCells(splits: Cell[][], cells: number): (Cell | 'differs')[] {
  return Array.from({ length: cells }, (_, c) => {
    const values = new Set(splits.map((s) => s[c]));
    return values.size === 1 ? [...values][0] : 'differs';
  });
}

/** 「12/43/156、124/31/56」: two different splits of the cells `at` (default all), for a message. */
export function twoSplits(splits: Cell[][], at?: number[]): string {
  const shown = splits.map((s) =>
    (at ?? s.map((_, i) => i)).map((i) => (s[i] === undefined ? '-' : String(s[i]))).join('/'),
  );
  return [...new Set(shown)].slice(0, 2).join('、');
}

/** The digits of a row as printed, for a message: 「4520000047」. */
export function printedRun(values: PrintedValue[]): string {
  return values.map((v) => v.printed.trim() || '空').join('');
}
