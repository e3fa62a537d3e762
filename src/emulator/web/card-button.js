// Card buttons: callback and open_url behaviors, confirm dialogs, form submit / reset. Like the Feishu
// client, a button shows a spinner and cannot be pressed again until the bot has answered.
import { plain, callbackValue } from './card-form.js';

function el(tag, cls) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}

/** A Feishu-like confirm dialog; resolves true on 确定. */
export function confirmDialog(title, text) {
  return new Promise((resolve) => {
    const mask = el('div', 'cb-modal-mask');
    const box = el('div', 'cb-modal');
    box.setAttribute('role', 'dialog');
    const h = el('div', 'cb-modal-title');
    h.textContent = title || '确认';
    const p = el('div', 'cb-modal-text');
    p.textContent = text || '';
    const foot = el('div', 'cb-modal-foot');
    const no = Object.assign(el('button', 'cb-btn cb-default'), { type: 'button', textContent: '取消' });
    const yes = Object.assign(el('button', 'cb-btn cb-primary_filled'), {
      type: 'button',
      textContent: '确定',
    });
    const onKey = (e) => {
      if (e.key === 'Escape') done(false);
    };
    const done = (v) => {
      document.removeEventListener('keydown', onKey);
      mask.remove();
      resolve(v);
    };
    document.addEventListener('keydown', onKey);
    no.onclick = () => done(false);
    yes.onclick = () => done(true);
    foot.append(no, yes);
    box.append(h, p, foot);
    mask.append(box);
    document.body.append(mask);
    yes.focus();
  });
}

async function runAction(btn, ctx, payload) {
  btn.disabled = true;
  btn.classList.add('cb-loading');
  try {
    await ctx.onAction(payload);
  } finally {
    btn.disabled = false;
    btn.classList.remove('cb-loading');
  }
}

/** button: type, size, width, disabled, confirm, callback / open_url behaviors, form submit / reset. */
export function renderButton(comp, ctx) {
  const type = /^[a-z_]+$/.test(comp.type ?? '') ? comp.type : 'default';
  const btn = el('button', `cb-btn cb-${type} cb-size-${comp.size || 'medium'}`);
  btn.type = 'button';
  if (comp.name) btn.dataset.name = comp.name;
  const label = el('span', 'cb-btn-text');
  label.textContent = plain(comp.text) || '按钮';
  btn.append(label);
  if (comp.width === 'fill') btn.classList.add('cb-fill');
  else if (/^\d+px$/.test(comp.width ?? '')) btn.style.width = comp.width;
  if (comp.disabled) {
    btn.disabled = true;
    btn.title = plain(comp.disabled_tips);
    return btn;
  }
  btn.addEventListener('click', async () => {
    if (comp.confirm && !(await confirmDialog(plain(comp.confirm.title), plain(comp.confirm.text)))) return;
    const form = ctx.form;
    if (form && comp.form_action_type === 'reset') {
      form.reset();
      return;
    }
    const value = callbackValue(comp);
    if (form && comp.form_action_type === 'submit') {
      const formValue = form.collect();
      if (!formValue) return;
      await runAction(btn, ctx, {
        value: value ?? {},
        form_value: formValue,
        tag: 'button',
        name: comp.name,
      });
      return;
    }
    const open = (comp.behaviors ?? []).find((b) => b && b.type === 'open_url');
    if (open) {
      const url = open.pc_url || open.default_url;
      if (/^https?:\/\//i.test(url ?? '')) window.open(url, '_blank', 'noopener');
    }
    if (value !== undefined) await runAction(btn, ctx, { value, tag: 'button', name: comp.name });
  });
  return btn;
}
