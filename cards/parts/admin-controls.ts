/**
 * Form controls of the admin's cards (card JSON 2.0): labelled inputs, static selects and person pickers. Every
 * control is full width with its label above it, so a card reads the same at phone width as on a desktop.
 */
import type { PersonView } from '../../src/admin/views.js';
import type { ActionValue } from './elements.js';

const text = (content: string) => ({ tag: 'plain_text', content });

/** A one-line input with a visible label above it. */
export function labelledInput(name: string, label: string, value: string, placeholder?: string): object {
  return {
    tag: 'input',
    name,
    width: 'fill',
    label: text(label),
    label_position: 'top',
    ...(placeholder ? { placeholder: text(placeholder.slice(0, 100)) } : {}),
    ...(value ? { default_value: value } : {}),
  };
}

/** A choice among fixed options; `initial` must be one of them. */
export function staticSelect(
  name: string,
  placeholder: string,
  options: Array<{ value: string; text: string }>,
  initial?: string,
): object {
  return {
    tag: 'select_static',
    name,
    width: 'fill',
    placeholder: text(placeholder),
    options: options.map((o) => ({ text: text(o.text), value: o.value })),
    ...(initial && options.some((o) => o.value === initial) ? { initial_option: initial } : {}),
  };
}

/** Several choices among fixed options. */
export function multiStaticSelect(
  name: string,
  placeholder: string,
  options: Array<{ value: string; text: string }>,
  selected: string[] = [],
): object {
  const values = selected.filter((v) => options.some((o) => o.value === v));
  return {
    tag: 'multi_select_static',
    name,
    width: 'fill',
    placeholder: text(placeholder),
    options: options.map((o) => ({ text: text(o.text), value: o.value })),
    ...(values.length ? { selected_values: values } : {}),
  };
}

/**
 * A person picker. In a one-to-one chat Feishu lists only the candidates the card carries (`options`); the
 * chosen ones must be among them, so they are added when missing.
 */
export function personPicker(
  name: string,
  placeholder: string,
  candidates: PersonView[],
  chosen: string[] = [],
  multi = false,
): object {
  const ids = [...new Set([...chosen, ...candidates.map((c) => c.openId)])];
  const options = ids.map((value) => ({ value }));
  const base = {
    tag: multi ? 'multi_select_person' : 'select_person',
    name,
    width: 'fill',
    placeholder: text(placeholder),
    options,
  };
  if (multi) return chosen.length ? { ...base, selected_values: chosen } : base;
  return chosen[0] ? { ...base, initial_option: chosen[0] } : base;
}

/** A button with Feishu's confirmation dialog (for what cannot be undone). */
export function confirmed(button: object, title: string, body: string): object {
  return { ...button, confirm: { title: text(title), text: text(body) } };
}

/** A form (root level only, as Feishu requires) around controls and its buttons. */
export function form(name: string, elements: object[]): object {
  return { tag: 'form', name, elements };
}

/** The value every admin button carries: its action and the ids it needs. */
export function adminValue(action: string, ids: Record<string, string | number | boolean>): ActionValue {
  return { action, ...ids } as ActionValue;
}
