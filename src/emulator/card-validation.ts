// Card JSON 2.0 rules Feishu enforces when a card is sent, patched or returned from a callback.
// Only real Feishu rules live here (feishu-brief §7–8): a card the emulator accepts must also be accepted by Feishu
// for these reasons, so a bot bug shows up in tests instead of in a clerk's chat.

const MAX_ELEMENTS = 200;

// JSON 2.0 removed the `action` and `note` modules; sending them fails in Feishu.
const REMOVED_IN_V2 = new Set(['action', 'note']);

// Components whose value a form submits: each needs a card-unique `name` or Feishu cannot key form_value.
const FORM_INTERACTIVE = new Set([
  'button',
  'input',
  'overflow',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'select_img',
  'checker',
  'date_picker',
  'picker_time',
  'picker_datetime',
]);

const KNOWN_TAGS = new Set([
  'markdown',
  'div',
  'hr',
  'img',
  'img_combination',
  'column_set',
  'column',
  'form',
  'collapsible_panel',
  'interactive_container',
  'table',
  'chart',
  'person',
  'person_list',
  'avatar',
  'audio',
  'video',
  'rich_text',
  ...FORM_INTERACTIVE,
]);

type El = Record<string, unknown>;

const isObj = (v: unknown): v is El => typeof v === 'object' && v !== null && !Array.isArray(v);

// The properties Feishu documents for the person pickers (card JSON 2.0); JSON 2.0 rejects any other.
const PICKER_COMMON = [
  'tag',
  'element_id',
  'margin',
  'type',
  'name',
  'required',
  'disabled',
  'placeholder',
  'width',
  'options',
  'behaviors',
  'confirm',
];
const PICKER_PROPS: Record<string, Set<string>> = {
  select_person: new Set([...PICKER_COMMON, 'initial_option']),
  multi_select_person: new Set([...PICKER_COMMON, 'selected_values']),
};

/** select_person / multi_select_person: known properties only, options of open_ids, defaults among them. */
function checkPersonPicker(el: El, path: string, errors: string[]): void {
  const tag = el.tag as string;
  const unknown = Object.keys(el).filter((k) => !PICKER_PROPS[tag].has(k));
  if (unknown.length)
    errors.push(
      `${path}: ${tag} has unknown propert${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}`,
    );
  if (el.type !== undefined && el.type !== 'default' && el.type !== 'text')
    errors.push(`${path}: ${tag}.type must be "default" or "text"`);
  if (
    el.width !== undefined &&
    !(el.width === 'default' || el.width === 'fill' || isPxAtLeast(el.width, 100))
  )
    errors.push(`${path}: ${tag}.width must be "default", "fill" or at least "100px"`);
  for (const k of ['required', 'disabled'] as const) {
    if (el[k] !== undefined && typeof el[k] !== 'boolean')
      errors.push(`${path}: ${tag}.${k} must be a boolean`);
  }
  if (el.placeholder !== undefined && !(isObj(el.placeholder) && typeof el.placeholder.content === 'string'))
    errors.push(`${path}: ${tag}.placeholder must be a text object {tag, content}`);
  if (el.behaviors !== undefined && !Array.isArray(el.behaviors))
    errors.push(`${path}: ${tag}.behaviors must be an array`);
  let values: string[] = [];
  if (el.options !== undefined) {
    const ok =
      Array.isArray(el.options) &&
      el.options.every(
        (o) => isObj(o) && typeof o.value === 'string' && Object.keys(o).every((k) => k === 'value'),
      );
    if (!ok) errors.push(`${path}: ${tag}.options must be [{value: open_id}, …]`);
    else values = (el.options as El[]).map((o) => o.value as string);
    if (ok && values.some((v) => !v.startsWith('ou_')))
      errors.push(`${path}: ${tag}.options accept open_ids only`);
  }
  if (el.initial_option !== undefined) {
    if (typeof el.initial_option !== 'string')
      errors.push(`${path}: ${tag}.initial_option must be an open_id`);
    else if (values.length && !values.includes(el.initial_option))
      errors.push(`${path}: ${tag}.initial_option must be one of its options`);
  }
  if (el.selected_values !== undefined) {
    const sv = el.selected_values;
    if (!Array.isArray(sv) || !sv.every((v) => typeof v === 'string'))
      errors.push(`${path}: ${tag}.selected_values must be an array of open_ids`);
    else if (values.length && sv.some((v) => !values.includes(v)))
      errors.push(`${path}: ${tag}.selected_values must be among its options`);
  }
}

const isPxAtLeast = (v: unknown, min: number): boolean =>
  typeof v === 'string' && /^\d+px$/.test(v) && Number(v.slice(0, -2)) >= min;

/** The child elements of a container: `elements` (form, column, panels) and `columns` (column_set). */
function childrenOf(el: El): unknown[] {
  const out: unknown[] = [];
  if (Array.isArray(el.elements)) out.push(...el.elements);
  if (Array.isArray(el.columns) && el.tag !== 'table') out.push(...el.columns);
  return out;
}

interface Walk {
  count: number;
  names: Map<string, { count: number; inForm: boolean }>;
  elementIds: Set<string>;
  errors: string[];
}

function walk(
  el: unknown,
  path: string,
  inForm: string | null,
  isRoot: boolean,
  w: Walk,
  formState: { submit: boolean },
): void {
  if (!isObj(el)) {
    w.errors.push(`${path} is not an object`);
    return;
  }
  w.count += 1;
  const tag = el.tag;
  if (typeof tag !== 'string') {
    w.errors.push(`${path} has no tag`);
    return;
  }
  if (REMOVED_IN_V2.has(tag)) w.errors.push(`${path}: tag "${tag}" does not exist in card JSON 2.0`);
  else if (!KNOWN_TAGS.has(tag)) w.errors.push(`${path}: unknown tag "${tag}"`);
  if (Object.hasOwn(PICKER_PROPS, tag)) checkPersonPicker(el, path, w.errors);
  if (typeof el.element_id === 'string') {
    if (w.elementIds.has(el.element_id))
      w.errors.push(`${path}: element_id "${el.element_id}" is not unique`);
    w.elementIds.add(el.element_id);
  }
  if (typeof el.name === 'string' && el.name && tag !== 'form') {
    const seen = w.names.get(el.name) ?? { count: 0, inForm: false };
    w.names.set(el.name, { count: seen.count + 1, inForm: seen.inForm || inForm !== null });
  }

  if (tag === 'form') {
    if (!isRoot) w.errors.push(`${path}: a form may only sit at the root of body.elements`);
    if (inForm) w.errors.push(`${path}: a form cannot be nested inside form "${inForm}"`);
    const name = typeof el.name === 'string' && el.name ? el.name : null;
    if (!name) w.errors.push(`${path}: a form needs a name`);
    const state = { submit: false };
    childrenOf(el).forEach((c, i) => walk(c, `${path}.elements[${i}]`, name ?? path, false, w, state));
    if (!state.submit) w.errors.push(`${path}: form has no button with form_action_type "submit"`);
    return;
  }
  if (inForm) {
    if (tag === 'table') w.errors.push(`${path}: a table cannot be inside form "${inForm}"`);
    if (FORM_INTERACTIVE.has(tag) && !(typeof el.name === 'string' && el.name)) {
      w.errors.push(`${path}: ${tag} inside form "${inForm}" needs a name`);
    }
    if (tag === 'button' && el.form_action_type === 'submit') formState.submit = true;
    // Feishu: a button inside a form must say what it does to the form (submit or reset).
    if (tag === 'button' && el.form_action_type !== 'submit' && el.form_action_type !== 'reset') {
      w.errors.push(`${path}: a button inside form "${inForm}" needs form_action_type "submit" or "reset"`);
    }
  }
  childrenOf(el).forEach((c, i) => {
    const key = Array.isArray(el.elements) && i < el.elements.length ? 'elements' : 'columns';
    walk(c, `${path}.${key}[${i}]`, inForm, false, w, formState);
  });
}

/** Checks a card against Feishu's JSON 2.0 rules; returns a clear reason, or null when Feishu would accept it. */
export function validateCard(card: unknown): string | null {
  if (!isObj(card)) return 'card content must be a JSON object';
  if (card.schema !== '2.0') return 'card schema must be "2.0"';
  if (!isObj(card.config) || card.config.update_multi !== true) {
    return 'card config.update_multi must be true (JSON 2.0 cards are shared cards)';
  }
  if (!isObj(card.body) || !Array.isArray(card.body.elements)) return 'card body.elements must be an array';
  const w: Walk = { count: 0, names: new Map(), elementIds: new Set(), errors: [] };
  card.body.elements.forEach((el, i) => walk(el, `body.elements[${i}]`, null, true, w, { submit: false }));
  if (w.errors.length) return w.errors.slice(0, 3).join('; ');
  // Feishu keys form_value by name, so a form component's name must be unique in the whole card.
  const dup = [...w.names].filter(([, n]) => n.count > 1 && n.inForm).map(([name]) => name);
  if (dup.length) return `form component names must be unique in the card: ${dup.slice(0, 5).join(', ')}`;
  if (w.count > MAX_ELEMENTS) return `card has ${w.count} elements, Feishu allows at most ${MAX_ELEMENTS}`;
  return null;
}
