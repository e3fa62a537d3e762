/**
 * Small Card JSON 2.0 building blocks for the filling cards. Only properties Feishu documents are used:
 * JSON 2.0 rejects unknown properties (feishu-brief §7).
 */
import type { CardIds } from '../../src/filling/view.js';

/** The value every filling button carries: the route key and the ids the handler needs. */
export type ActionValue = { action: string } & Record<string, string | number>;

/** The ids and version a step card's buttons carry, so a stale card can be recognised. */
export function stepValue(
  action: string,
  ids: CardIds,
  section: string,
  step: string,
  version: number,
  extra: Record<string, string | number> = {},
): ActionValue {
  return { action, round_id: ids.round_id, unit_id: ids.unit_id, section, step, version, ...extra };
}

/** A markdown block; `notation` is Feishu's small text size. */
export function md(content: string, small = false): object {
  return small ? { tag: 'markdown', content, text_size: 'notation' } : { tag: 'markdown', content };
}

/** Text from people or from the report inside markdown: no markup, no card-breaking length. */
export function escapeMd(text: string, max = 300): string {
  const clean = text.replace(/[<>]/g, (c) => (c === '<' ? '＜' : '＞')).replace(/([*_~`[\]])/g, '\\$1');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** A line in red: an error next to the field it is about. */
export const red = (text: string) => `<font color='red'>${text}</font>`;
/** A line in orange: a warning that does not block. */
export const orange = (text: string) => `<font color='orange'>${text}</font>`;
/** A line in grey: a hint. */
export const grey = (text: string) => `<font color='grey'>${text}</font>`;

type ButtonType = 'primary_filled' | 'default' | 'danger';

/** A button outside a form: calls back with `value`. */
export function actionButton(text: string, value: ActionValue, type: ButtonType = 'default'): object {
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: text },
    type,
    behaviors: [{ type: 'callback', value }],
  };
}

/**
 * A button inside a form. Feishu requires form_action_type on every button in a form, and a card-unique name;
 * all of ours submit, so 上一步 and 保存并退出 also bring what was typed (nothing typed is lost).
 */
export function formButton(
  name: string,
  text: string,
  value: ActionValue,
  type: ButtonType = 'default',
): object {
  return {
    tag: 'button',
    name,
    text: { tag: 'plain_text', content: text },
    type,
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value }],
  };
}

/**
 * What an input may show besides its value. `label` is a visible caption above the box (Feishu's input
 * `label` with `label_position` top): unlike a placeholder it stays when a value is typed and is never cut to
 * the box's width. `width` is Feishu's input width: 'fill' (the default), 'default' or a fixed '[100,∞)px'.
 */
export interface InputOptions {
  placeholder?: string;
  multiline?: boolean;
  maxLength?: number;
  rows?: number;
  label?: string;
  width?: 'fill' | 'default' | `${number}px`;
}

/** A Feishu input named with its canonical key; default_value only when there is one. */
export function input(name: string, value: string, options: InputOptions = {}): object {
  return {
    tag: 'input',
    name,
    width: options.width ?? 'fill',
    ...(options.label ? { label: { tag: 'plain_text', content: options.label }, label_position: 'top' } : {}),
    ...(options.multiline ? { input_type: 'multiline_text', rows: options.rows ?? 6 } : {}),
    ...(options.maxLength ? { max_length: options.maxLength } : {}),
    // Feishu shows at most 100 characters of a placeholder.
    ...(options.placeholder
      ? { placeholder: { tag: 'plain_text', content: options.placeholder.slice(0, 100) } }
      : {}),
    ...(value !== '' ? { default_value: value } : {}),
  };
}

/** Columns side by side; flex_mode none keeps them in one row on phones too (a table row is one line). */
export function columns(cells: object[][], weights?: number[]): object {
  return {
    tag: 'column_set',
    flex_mode: 'none',
    horizontal_spacing: 'small',
    columns: cells.map((elements, i) => ({
      tag: 'column',
      width: 'weighted',
      weight: weights?.[i] ?? 1,
      elements,
    })),
  };
}

/**
 * Blocks that wrap like words: flex_mode flow puts as many columns on a line as fit and moves the rest to the
 * next line, so fixed-width inputs stay wide enough on a phone (3 a line at 390 px) instead of being squeezed.
 */
export function flowColumns(cells: object[][]): object {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    horizontal_spacing: 'small',
    columns: cells.map((elements) => ({ tag: 'column', width: 'auto', elements })),
  };
}
