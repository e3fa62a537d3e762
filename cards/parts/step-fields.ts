/**
 * The inputs of a step, inside its form: a table row is its label, then one input per column (a form cannot
 * contain a `table`, feishu-brief §7); numbers and texts one under another. Every input is named with its
 * canonical key; a field's error is the red line right under it, and what the person typed stays in the input.
 */
import type { GridColumn, GridRow, StepPart } from '../../src/filling/steps.js';
import type { StepView } from '../../src/filling/view.js';
import { INPUT_MAX_CHARS } from '../../src/filling/read-form.js';
import { escapeMd, flowColumns, grey, input, md, red } from './elements.js';
import { DENSITIES, type Density } from './step-chrome.js';

const PREFILL_MARK: Record<string, string> = {
  last_year: '（已按上年报告预填）',
  zero_shortcut: '（已按「没有收到申请」填 0）',
};

function mark(view: StepView, keys: string[]): string {
  const source = keys.map((k) => view.prefilled[k]).find(Boolean);
  return source ? grey(PREFILL_MARK[source]) : '';
}

/**
 * A cell's box: wide enough for a 5-digit count (Feishu's narrowest fixed width, 100 px, also fits a 6-character
 * column name above it), so a row wraps to the next line on a phone instead of squeezing six boxes into one.
 */
const CELL_WIDTH = '100px';

/** The merged header above some columns (「法人或其他组织」), once per card: the labels name only the column. */
function groupNote(cols: GridColumn[]): object[] {
  const grouped = cols.filter((c) => c.group);
  if (!grouped.length) return [];
  return [md(grey(`${grouped[0].group!}：${grouped.map((c) => c.label).join('、')}`), true)];
}

function gridRow(view: StepView, cols: GridColumn[], row: GridRow, d: Density): object[] {
  const out: object[] = [md(`${row.label}${mark(view, row.keys)}`)];
  // Every box carries its column's name as a visible label: on a phone the row wraps over two or three lines,
  // where a header line at the top of the card would be far away (and a placeholder disappears once typed).
  out.push(
    flowColumns(
      row.keys.map((key, i) => [
        input(key, view.values[key] ?? '', { label: cols[i].label, width: CELL_WIDTH }),
      ]),
    ),
  );
  // One line per distinct message, naming its columns: a whole row typed wrongly stays one short line.
  const byMessage = new Map<string, string[]>();
  row.keys.forEach((key, i) => {
    const message = view.fieldErrors[key];
    if (message) byMessage.set(message, [...(byMessage.get(message) ?? []), cols[i].label]);
  });
  const errors = [...byMessage].map(
    ([message, labels]) => `${labels.join('、')}：${escapeMd(message, d.rowChars)}`,
  );
  if (errors.length) out.push(md(red(errors.join('；'))));
  return out;
}

function textField(view: StepView, part: Extract<StepPart, { type: 'text' }>): object[] {
  const title = part.heading || part.label;
  const notes = `${part.required ? '' : grey('（可不填）')}${mark(view, [part.key])}`;
  // A text step's title is already the field's heading; repeat only the notes.
  const line = title === view.step.title ? notes : `**${title}**${notes}`;
  const out: object[] = line ? [md(line)] : [];
  const long = view.longTexts[part.key];
  const isChat = view.chatKey === part.key;
  if (long) {
    out.push(
      md(
        grey(`已有 ${long.length} 字，超过输入框 ${INPUT_MAX_CHARS} 字的上限，这里只显示开头：`) +
          `\n${escapeMd(long.preview, 200)}…`,
      ),
    );
  }
  const placeholder = long
    ? '在此输入会替换全文；留空则保留已有内容'
    : isChat
      ? `请输入${part.label}（超过 ${INPUT_MAX_CHARS} 字请直接发消息给我）`
      : `请输入${part.label}`;
  out.push(
    input(part.key, view.values[part.key] ?? '', {
      placeholder,
      multiline: isChat,
      maxLength: INPUT_MAX_CHARS,
    }),
  );
  if (view.fieldErrors[part.key]) out.push(md(red(escapeMd(view.fieldErrors[part.key]))));
  if (isChat) {
    const replace = view.prefilled[part.key] === 'last_year' ? '第一条消息会替换按上年预填的内容，' : '';
    out.push(
      md(
        grey(
          `输入框最多 ${INPUT_MAX_CHARS} 字。文字较长时，可以直接在聊天中把文字发给我：${replace}多条消息会依次接在后面。`,
        ),
        true,
      ),
    );
  }
  return out;
}

function numberField(view: StepView, part: Extract<StepPart, { type: 'number' }>): object[] {
  const out: object[] = [
    md(`${part.label}${part.optional ? grey('（可不填）') : ''}${mark(view, [part.key])}`),
  ];
  out.push(
    input(part.key, view.values[part.key] ?? '', {
      placeholder: part.optional ? '没有可不填' : '没有请填 0',
    }),
  );
  if (view.fieldErrors[part.key]) out.push(md(red(escapeMd(view.fieldErrors[part.key]))));
  return out;
}

/** The form elements of every part of the step, in order. */
export function stepFields(view: StepView, d: Density = DENSITIES[0]): object[] {
  const out: object[] = [];
  let headerShown = false;
  for (const part of view.step.parts) {
    // The step's title already says 「（三）不予公开」 when the step is that one group.
    if (part.type === 'heading') {
      if (part.text !== view.step.title) out.push(md(`**${part.text}**`));
    } else if (part.type === 'grid') {
      if (!headerShown) out.push(...groupNote(part.columns));
      headerShown = true;
      for (const row of part.rows) out.push(...gridRow(view, part.columns, row, d));
    } else if (part.type === 'number') out.push(...numberField(view, part));
    else out.push(...textField(view, part));
  }
  return out;
}
