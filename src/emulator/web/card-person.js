// Person pickers (select_person, multi_select_person) like the Feishu client: a box with the chosen people and a
// searchable list of candidates — the open_ids in `options`, or, when none is listed (or none is a known person),
// everyone in the chat the card is in (ctx.chatMembers). Names come from ctx.people (open_id -> user).
// In a form the choice goes into form_value[name] (an open_id, or an array of them for the multi picker);
// outside a form a single pick calls back at once with `option`, a multi pick when its list closes with `options`.
import { plain, callbackValue } from './card-form.js';
import { avatarText } from './avatar.js';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/** The candidates' open_ids: valid listed options, else the chat's members. */
export function pickerCandidates(comp, people, chatMembers) {
  const listed = (Array.isArray(comp.options) ? comp.options : [])
    .map((o) => (o && typeof o.value === 'string' ? o.value : ''))
    .filter((v) => v && people.has(v));
  return [...new Set(listed.length ? listed : (chatMembers ?? []))];
}

const describe = (person) =>
  [...(Array.isArray(person?.departments) ? person.departments : []), person?.job_title]
    .filter(Boolean)
    .join(' · ');

/** Renders select_person / multi_select_person. */
export function renderPersonPicker(comp, ctx) {
  const multi = comp.tag === 'multi_select_person';
  const people = ctx.people instanceof Map ? ctx.people : new Map();
  const candidates = pickerCandidates(comp, people, ctx.chatMembers);
  const nameOf = (id) => people.get(id)?.name ?? id;
  const initial = multi
    ? (Array.isArray(comp.selected_values) ? comp.selected_values : []).filter((v) => candidates.includes(v))
    : typeof comp.initial_option === 'string' && candidates.includes(comp.initial_option)
      ? [comp.initial_option]
      : [];
  let chosen = [...initial];
  // What the bot was last told (outside a form): a multi picker calls back only when the choice changed.
  let committed = [...initial];

  const wrap = el('div', 'cb-field cb-person');
  if (comp.width === 'fill' || !comp.width || comp.width === 'default') wrap.classList.add('cb-fill');
  else if (/^\d+px$/.test(comp.width)) wrap.style.width = comp.width;
  wrap.dataset.name = comp.name ?? '';
  wrap.dataset.tag = comp.tag;
  const box = el('div', 'cb-person-box');
  const chips = el('div', 'cb-person-chips');
  const search = el('input', 'cb-person-search');
  search.type = 'text';
  search.autocomplete = 'off';
  search.setAttribute('aria-label', plain(comp.placeholder) || '选择人员');
  const list = el('ul', 'cb-person-list');
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  const err = el('div', 'cb-error');
  box.append(chips, search);
  wrap.append(box, list, err);

  const setError = (bad) => {
    wrap.classList.toggle('cb-invalid', bad);
    err.textContent = bad ? '请选择人员' : '';
  };

  const paintChips = () => {
    chips.replaceChildren();
    for (const id of chosen) {
      const chip = el('span', 'cb-person-chip');
      chip.dataset.openId = id;
      chip.append(
        el('span', 'cb-person-avatar', avatarText(nameOf(id))),
        el('span', 'cb-person-chip-name', nameOf(id)),
      );
      if (!comp.disabled) {
        const x = el('button', 'cb-person-remove', '×');
        x.type = 'button';
        x.title = `移除 ${nameOf(id)}`;
        x.addEventListener('click', (e) => {
          e.stopPropagation();
          chosen = chosen.filter((c) => c !== id);
          paintChips();
          paintList();
          if (multi && !ctx.form && list.hidden) notifyMulti();
        });
        chip.append(x);
      }
      chips.append(chip);
    }
    search.placeholder = chosen.length && !multi ? '' : plain(comp.placeholder) || '搜索并选择人员';
  };

  const paintList = () => {
    const q = search.value.trim().toLowerCase();
    list.replaceChildren();
    const shown = candidates.filter((id) => {
      if (!q) return true;
      const p = people.get(id);
      return [nameOf(id), describe(p), p?.mobile, p?.email].some((s) =>
        String(s ?? '')
          .toLowerCase()
          .includes(q),
      );
    });
    if (!shown.length) {
      list.append(el('li', 'cb-person-none', candidates.length ? '没有匹配的人员' : '没有可选的人员'));
      return;
    }
    for (const id of shown) {
      const li = el('li', 'cb-person-option');
      li.dataset.openId = id;
      li.setAttribute('role', 'option');
      const picked = chosen.includes(id);
      li.setAttribute('aria-selected', String(picked));
      li.classList.toggle('cb-picked', picked);
      const info = el('span', 'cb-person-info');
      info.append(
        el('span', 'cb-person-name', nameOf(id)),
        el('span', 'cb-person-dept', describe(people.get(id))),
      );
      li.append(
        el('span', 'cb-person-avatar', avatarText(nameOf(id))),
        info,
        el('span', 'cb-person-check', picked ? '✓' : ''),
      );
      // mousedown, not click: picking must happen before the search box loses focus and closes the list.
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        pick(id);
      });
      list.append(li);
    }
  };

  const open = () => {
    if (comp.disabled || !list.hidden) return;
    list.hidden = false;
    paintList();
  };
  const close = () => {
    if (list.hidden) return;
    list.hidden = true;
    search.value = '';
    if (multi && !ctx.form) notifyMulti();
  };

  const notifyMulti = () => {
    const value = callbackValue(comp);
    const changed = committed.length !== chosen.length || committed.some((id) => !chosen.includes(id));
    if (value === undefined || !changed) return;
    committed = [...chosen];
    void ctx.onAction({ value, tag: comp.tag, name: comp.name, options: [...chosen] });
  };

  const pick = (id) => {
    setError(false);
    if (multi) {
      chosen = chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id];
      search.value = '';
      paintChips();
      paintList();
      return;
    }
    chosen = [id];
    paintChips();
    list.hidden = true;
    search.value = '';
    search.blur();
    const value = callbackValue(comp);
    if (!ctx.form && value !== undefined)
      void ctx.onAction({ value, tag: comp.tag, name: comp.name, option: id });
  };

  search.addEventListener('focus', open);
  search.addEventListener('click', open);
  search.addEventListener('input', () => {
    open();
    paintList();
  });
  search.addEventListener('blur', close);
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') search.blur();
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = list.querySelector('.cb-person-option');
      if (first) pick(first.dataset.openId);
    }
    if (e.key === 'Backspace' && !search.value && chosen.length && !comp.disabled) {
      chosen = chosen.slice(0, -1);
      paintChips();
      paintList();
    }
  });
  box.addEventListener('click', () => search.focus());
  if (comp.disabled) {
    search.disabled = true;
    wrap.classList.add('cb-disabled');
  }
  paintChips();

  if (ctx.form && comp.name) {
    ctx.form.add({
      name: comp.name,
      value: () => (multi ? [...chosen] : chosen[0]),
      reset: () => {
        chosen = [...initial];
        paintChips();
        setError(false);
      },
      validate: () => {
        const bad = !!comp.required && chosen.length === 0;
        setError(bad);
        return !bad;
      },
      focus: () => search.focus(),
    });
  }
  return wrap;
}
