/** Collecting what a table reader read and what it could not, cell by cell. */
import { TABLE_CELL_BY_KEY } from '../report/template.js';
import type { PrintedValue } from './types.js';

export class TableOutcome {
  answers: Record<string, number> = {};
  unread = new Map<string, string>();
  notes: string[] = [];

  /** Records a printed cell under its key: a number is read, anything else is named with its reason. */
  put(key: string, value: PrintedValue, cellName: string): void {
    if (value.kind === 'number') {
      this.answers[key] = value.value;
      if (value.printed.replace(/\s/g, '') !== String(value.value) && /[（(]/.test(value.printed))
        this.notes.push(`${cellName} 原文印作「${value.printed}」，取 ${value.value}`);
    } else if (value.kind === 'blank') {
      this.unread.set(key, value.printed ? `原文此格印作「${value.printed}」（空白）` : '原文此格为空');
    } else {
      this.unread.set(key, `原文此格不是数字：「${value.printed}」`);
    }
  }

  /** Names each key as unread with one reason. */
  miss(keys: string[], reason: string): void {
    for (const key of keys) if (!this.unread.has(key)) this.unread.set(key, reason);
  }

  get read(): number {
    return Object.keys(this.answers).length;
  }
}

/** Records one cell of a split joined row: a number, or a cell printed blank (「-」). */
export function putCell(out: TableOutcome, key: string, cell: number | undefined): void {
  const label = TABLE_CELL_BY_KEY.get(key)!.label;
  if (cell === undefined) out.put(key, { kind: 'blank', printed: '-' }, label);
  else out.put(key, { kind: 'number', value: cell, printed: String(cell) }, label);
}

/** Fits a row's values to the expected count using blank cells left of them; undefined when they do not fit. */
export function fitValues(
  values: PrintedValue[],
  spareBlanks: number,
  expected: number,
): PrintedValue[] | undefined {
  if (values.length === expected) return values;
  const missing = expected - values.length;
  if (missing > 0 && missing <= spareBlanks)
    return [
      ...Array.from({ length: missing }, (): PrintedValue => ({ kind: 'blank', printed: '' })),
      ...values,
    ];
  return undefined;
}

export const countReason = (found: number, expected: number) =>
  `这一行读到 ${found} 个数，应为 ${expected} 个，无法确定各数所在的列`;
