// Interactive card fields: form, input, select_static, date_picker.
// They behave like the Feishu client: `required` is checked before any callback is sent, a submit
// button collects every named component of its form, and form values are always strings.

function el(tag, cls) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}

/** Plain content of a Feishu text object ({tag, content}) or a bare string. */
export function plain(t) {
  if (t == null) return '';
  if (typeof t === 'string') return t;
  if (typeof t === 'object' && typeof t.content === 'string') return t.content;
  return '';
}

/** The value of the first `callback` behavior of a component, or undefined. */
export function callbackValue(comp) {
  const b = Array.isArray(comp.behaviors) ? comp.behaviors.find((x) => x && x.type === 'callback') : null;
  if (b) return b.value ?? {};
  return comp.value; // card JSON 1.0 buttons carry `value` directly
}

/** A form's state: its named fields, how to read, check and reset them. */
export function createFormScope(formEl) {
  const fields = [];
  return {
    el: formEl,
    fields,
    add(field) {
      fields.push(field);
    },
    reset() {
      for (const f of fields) f.reset();
    },
    /** Checks `required` like Feishu (no callback until filled); returns form_value or null. */
    collect() {
      let firstBad = null;
      for (const f of fields) {
        const ok = f.validate();
        if (!ok && !firstBad) firstBad = f;
      }
      if (firstBad) {
        firstBad.focus();
        return null;
      }
      const formValue = {};
      for (const f of fields) {
        const v = f.value();
        if (v !== undefined) formValue[f.name] = v;
      }
      return formValue;
    },
  };
}

let fieldIds = 0;

function fieldShell(comp, control, message) {
  const wrap = el('div', 'cb-field');
  if (comp.width === 'fill' || !comp.width || comp.width === 'default') wrap.classList.add('cb-fill');
  else if (/^\d+px$/.test(comp.width)) wrap.style.width = comp.width;
  const labelText = plain(comp.label);
  if (labelText) {
    const label = el('label', 'cb-label');
    // Tied to its control, so a tap on the label focuses the box (and assistive tools read it as its name).
    control.id ||= `cb-field-${++fieldIds}`;
    label.htmlFor = control.id;
    if (comp.required) label.append(Object.assign(el('span', 'cb-req'), { textContent: '*' }));
    label.append(labelText);
    if (comp.label_position === 'left') wrap.classList.add('cb-label-left');
    wrap.append(label);
  }
  const box = el('div', 'cb-control');
  box.append(control);
  const err = el('div', 'cb-error');
  box.append(err);
  wrap.append(box);
  const setError = (bad) => {
    wrap.classList.toggle('cb-invalid', bad);
    err.textContent = bad ? message : '';
  };
  return { wrap, setError };
}

function register(comp, ctx, field, control, wrap) {
  if (comp.name) control.name = comp.name;
  control.dataset.name = comp.name ?? '';
  if (ctx.form && comp.name) ctx.form.add({ name: comp.name, ...field });
  return wrap;
}

/** input: text / multiline_text / password with placeholder, default_value, label, required, max_length. */
export function renderInput(comp, ctx) {
  const multiline = comp.input_type === 'multiline_text';
  const control = el(multiline ? 'textarea' : 'input', 'cb-input');
  if (multiline) control.rows = Math.min(Math.max(Number(comp.rows) || 3, 1), 12);
  else control.type = comp.input_type === 'password' ? 'password' : 'text';
  control.placeholder = plain(comp.placeholder) || '请输入';
  const initial = comp.default_value == null ? '' : String(comp.default_value);
  control.value = initial;
  if (Number(comp.max_length) > 0) control.maxLength = Number(comp.max_length);
  if (comp.disabled) control.disabled = true;
  const { wrap, setError } = fieldShell(comp, control, '此项为必填项');
  if (Number(comp.max_length) > 0 && multiline) {
    const counter = el('div', 'cb-counter');
    const upd = () => (counter.textContent = `${control.value.length}/${comp.max_length}`);
    control.addEventListener('input', upd);
    upd();
    wrap.querySelector('.cb-control').append(counter);
  }
  control.addEventListener('input', () => setError(false));
  return register(
    comp,
    ctx,
    {
      value: () => control.value,
      reset: () => {
        control.value = initial;
        setError(false);
      },
      validate: () => {
        const bad = !!comp.required && control.value.trim() === '';
        setError(bad);
        return !bad;
      },
      focus: () => control.focus(),
    },
    control,
    wrap,
  );
}

/** select_static / multi_select_static with options, initial_option(s), placeholder, required. */
export function renderSelect(comp, ctx) {
  const multi = comp.tag === 'multi_select_static';
  const control = el('select', 'cb-select');
  control.multiple = multi;
  const options = Array.isArray(comp.options) ? comp.options : [];
  if (!multi) {
    const ph = el('option');
    ph.value = '';
    ph.textContent = plain(comp.placeholder) || '请选择';
    ph.disabled = true;
    control.append(ph);
  } else {
    control.size = Math.min(Math.max(options.length, 2), 6);
  }
  const initial = multi
    ? (comp.selected_values ?? comp.initial_options ?? []).map(String)
    : [
        String(
          comp.initial_option ??
            (Number.isInteger(comp.initial_index) ? (options[comp.initial_index - 1]?.value ?? '') : ''),
        ),
      ];
  for (const o of options) {
    const opt = el('option');
    opt.value = String(o?.value ?? '');
    opt.textContent = plain(o?.text) || opt.value;
    control.append(opt);
  }
  const apply = () => {
    for (const opt of control.options) opt.selected = opt.value !== '' && initial.includes(opt.value);
    if (!multi && !initial[0]) control.selectedIndex = 0;
  };
  // The placeholder option is grey like an input's placeholder until something is picked.
  const paint = () => control.classList.toggle('cb-unset', !multi && control.value === '');
  control.addEventListener('change', paint);
  apply();
  paint();
  if (comp.disabled) control.disabled = true;
  const { wrap, setError } = fieldShell(comp, control, '请选择此项');
  control.addEventListener('change', () => setError(false));
  const selected = () => [...control.selectedOptions].map((o) => o.value).filter((v) => v !== '');
  if (!ctx.form) {
    // Outside a form Feishu calls back as soon as an option is picked.
    control.addEventListener('change', () => {
      const value = callbackValue(comp);
      if (value === undefined) return;
      void ctx.onAction({ value, tag: comp.tag, name: comp.name, option: selected()[0] ?? '' });
    });
  }
  return register(
    comp,
    ctx,
    {
      value: () => (multi ? selected() : selected()[0]),
      reset: () => {
        apply();
        paint();
        setError(false);
      },
      validate: () => {
        const bad = !!comp.required && selected().length === 0;
        setError(bad);
        return !bad;
      },
      focus: () => control.focus(),
    },
    control,
    wrap,
  );
}

/** date_picker: Feishu returns the date as 'YYYY-MM-DD +0800'. */
export function renderDatePicker(comp, ctx) {
  const control = el('input', 'cb-input cb-date');
  control.type = 'date';
  const initial = typeof comp.initial_date === 'string' ? comp.initial_date.slice(0, 10) : '';
  control.value = initial;
  const { wrap, setError } = fieldShell(comp, control, '请选择日期');
  control.addEventListener('change', () => setError(false));
  return register(
    comp,
    ctx,
    {
      value: () => (control.value ? `${control.value} +0800` : undefined),
      reset: () => {
        control.value = initial;
        setError(false);
      },
      validate: () => {
        const bad = !!comp.required && !control.value;
        setError(bad);
        return !bad;
      },
      focus: () => control.focus(),
    },
    control,
    wrap,
  );
}
