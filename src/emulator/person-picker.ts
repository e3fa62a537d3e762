// Person pickers (select_person, multi_select_person) as the Feishu client offers them: the candidates are the
// listed open_ids, or — when none is listed or none is valid — everyone in the chat the card is in. The client
// lets a person pick only candidates, so a tap that names anyone else cannot come from Feishu.
import type { EmulatorState } from './state.js';
import type { CardActionInput } from './types.js';

export const PICKER_TAGS = new Set(['select_person', 'multi_select_person']);

interface Picker {
  tag: string;
  name?: string;
  options: unknown[];
  inForm: boolean;
}

type El = Record<string, unknown>;
const isObj = (v: unknown): v is El => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every person picker of a card, with whether it sits in a form. Bounded by the card's size (≤ 30 KB). */
function pickersOf(card: unknown): Picker[] {
  const out: Picker[] = [];
  const walk = (el: unknown, inForm: boolean): void => {
    if (!isObj(el)) return;
    if (typeof el.tag === 'string' && PICKER_TAGS.has(el.tag)) {
      out.push({
        tag: el.tag,
        name: typeof el.name === 'string' ? el.name : undefined,
        options: Array.isArray(el.options) ? el.options : [],
        inForm,
      });
    }
    const nowInForm = inForm || el.tag === 'form';
    for (const key of ['elements', 'columns']) {
      const kids = el[key];
      if (Array.isArray(kids)) for (const k of kids) walk(k, nowInForm);
    }
  };
  const body = isObj(card) && isObj(card.body) ? card.body.elements : undefined;
  if (Array.isArray(body)) for (const el of body) walk(el, false);
  return out;
}

/** The open_ids a picker offers in `chatId`: its valid options, else the chat's members. */
export function candidatesOf(state: EmulatorState, options: unknown[], chatId: string): string[] {
  const listed = options
    .map((o) => (isObj(o) && typeof o.value === 'string' ? o.value : undefined))
    .filter((v): v is string => v !== undefined && state.tenant.visibleUser('open_id', v) !== undefined);
  return listed.length ? [...new Set(listed)] : state.chatMembers(chatId);
}

/**
 * Checks the person-picker values of a tap or submit against what the client could offer; returns why it could
 * not come from Feishu, or null. A form submit brings a picker's choice in form_value[name] (a string for
 * select_person, an array for multi_select_person); outside a form, action.option / action.options.
 */
export function checkPickerValues(
  state: EmulatorState,
  card: unknown,
  chatId: string,
  input: CardActionInput,
): string | null {
  const pickers = pickersOf(card);
  const check = (p: Picker, value: unknown, where: string): string | null => {
    const allowed = candidatesOf(state, p.options, chatId);
    const multi = p.tag === 'multi_select_person';
    const values = multi ? value : [value];
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) {
      return `${where} must be ${multi ? 'an array of open_ids' : 'one open_id'} (${p.tag})`;
    }
    const stranger = values.find((v) => !allowed.includes(v));
    return stranger === undefined
      ? null
      : `${where}: ${stranger} is not among the picker's candidates (${allowed.length} people)`;
  };
  if (input.form_value) {
    for (const p of pickers) {
      if (!p.inForm || !p.name || !(p.name in input.form_value)) continue;
      const why = check(p, input.form_value[p.name], `form_value.${p.name}`);
      if (why) return why;
    }
    return null;
  }
  if (input.tag && PICKER_TAGS.has(input.tag)) {
    const outside = pickers.filter((p) => !p.inForm && p.tag === input.tag);
    const p = outside.find((x) => x.name === input.name) ?? (outside.length === 1 ? outside[0] : undefined);
    if (!p) return `the card has no ${input.tag} outside a form${input.name ? ` named ${input.name}` : ''}`;
    return p.tag === 'select_person' ? check(p, input.option, 'option') : check(p, input.options, 'options');
  }
  return null;
}
