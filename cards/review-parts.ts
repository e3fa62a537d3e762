/**
 * Small pieces the approval cards share: names, Beijing time, a Feishu `table` component, a collapsible panel.
 */
import type { CardTable } from '../src/approval/review-tables.js';
import type { Names } from '../src/approval/review-view.js';
import { escapeMd } from './parts/elements.js';

/** A person's display name, safe in markdown. */
export function nameOf(names: Names, openId: string): string {
  return escapeMd(names[openId] ?? openId, 30);
}

/** Several people, 「张敏、李强」. */
export function namesOf(names: Names, ids: string[]): string {
  return ids.map((id) => nameOf(names, id)).join('、') || '（未分配）';
}

/** A time as people in China read it: Beijing time, 「11月29日 17:35」 (the year only when it differs). */
export function beijingTime(ms: number, nowYear?: number): string {
  const bj = new Date(ms + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const year = nowYear !== undefined && bj.getUTCFullYear() === nowYear ? '' : `${bj.getUTCFullYear()}年`;
  return `${year}${bj.getUTCMonth() + 1}月${bj.getUTCDate()}日 ${pad(bj.getUTCHours())}:${pad(bj.getUTCMinutes())}`;
}

/**
 * A card table's column widths. Feishu sizes an `auto` column to what is left, so on a phone seven numeric
 * columns squeeze until 「自然人」 stands one character a line; a fixed width (Feishu accepts [80,600]px) keeps
 * each readable and the table scrolls sideways instead, its first column frozen.
 */
const LABEL_WIDTH = '120px';
const NUMBER_WIDTH = '80px';

/**
 * A card table. Feishu pages a table by page_size (at most 10 rows a page); every value is sent as text so a
 * blank cell stays blank instead of showing 0.
 */
export function tableElement(t: CardTable): object {
  return {
    tag: 'table',
    page_size: Math.min(10, Math.max(1, t.rows.length)),
    // auto: a long row name wraps inside its fixed width; a fixed row height would cut it with an ellipsis.
    row_height: 'auto',
    freeze_first_column: true,
    header_style: { text_align: 'left', text_size: 'normal', background_style: 'grey', bold: true, lines: 2 },
    columns: t.columns.map((c) => ({
      name: c.name,
      display_name: c.label,
      data_type: 'text',
      horizontal_align: c.numeric ? 'right' : 'left',
      width: c.numeric ? NUMBER_WIDTH : LABEL_WIDTH,
    })),
    rows: t.rows,
  };
}

/**
 * A collapsible panel; Feishu counts it and its children against the 200-element limit. The title is plain
 * text: names and headings only, no markup to escape.
 */
export function panel(title: string, elements: object[], expanded = false): object {
  return {
    tag: 'collapsible_panel',
    expanded,
    header: { title: { tag: 'plain_text', content: title.slice(0, 100) } },
    vertical_spacing: '8px',
    elements,
  };
}

/** Added text in a diff. */
export const green = (text: string) => `<font color='green'>${text}</font>`;
