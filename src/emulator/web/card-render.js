// Feishu Card JSON 2.0 -> DOM, close to how the Feishu desktop client shows it. Reusable on its own:
//   renderCard(card, { onAction: async ({value, form_value?, tag, name}) => {} }) -> HTMLElement
// Unknown or malformed elements become a small grey placeholder, so a card never breaks the page.
import { renderMarkdown, renderInline, colorOf } from './markdown.js';
import {
  plain,
  callbackValue,
  createFormScope,
  renderInput,
  renderSelect,
  renderDatePicker,
} from './card-form.js';
import { renderButton } from './card-button.js';
import { renderTable } from './card-table.js';
import { renderPersonPicker } from './card-person.js';

export { renderMarkdown } from './markdown.js';

// Feishu limits nesting to 5 levels; deeper than this is certainly broken input.
const MAX_DEPTH = 12;

const HEADER_TEMPLATES = [
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
];

function el(tag, cls) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}

/** A text object ({tag:'plain_text'|'lark_md', content}) as DOM. */
export function renderText(t) {
  const span = el('span', 'cb-text');
  if (t && typeof t === 'object' && t.tag === 'lark_md') renderInline(t.content ?? '', span);
  else span.textContent = plain(t);
  if (t && typeof t === 'object' && colorOf(t.text_color)) span.style.color = colorOf(t.text_color);
  return span;
}

function placeholder(text) {
  const p = el('div', 'cb-placeholder');
  p.textContent = text;
  return p;
}

function renderElements(list, ctx, into) {
  for (const child of Array.isArray(list) ? list : []) into.append(renderElement(child, ctx));
  return into;
}

function alignOf(node, a) {
  if (['left', 'center', 'right'].includes(a)) node.style.textAlign = a;
}

function renderMarkdownEl(comp) {
  const d = el('div', 'cb-markdown');
  alignOf(d, comp.text_align);
  if (comp.text_size === 'notation' || comp.text_size === 'small') d.classList.add('cb-small');
  if (String(comp.text_size ?? '').startsWith('heading')) d.classList.add('cb-heading');
  d.append(renderMarkdown(comp.content ?? ''));
  return d;
}

function renderDiv(comp) {
  const d = el('div', 'cb-div');
  if (comp.text) {
    const t = el('div', 'cb-div-text');
    const txt = comp.text;
    if (txt.tag === 'lark_md') t.append(renderMarkdown(txt.content ?? ''));
    else {
      t.textContent = plain(txt);
      t.classList.add('cb-pre-line');
    }
    if (colorOf(txt.text_color)) t.style.color = colorOf(txt.text_color);
    if (txt.text_size === 'notation') t.classList.add('cb-small');
    alignOf(t, txt.text_align);
    d.append(t);
  }
  if (Array.isArray(comp.fields)) {
    const grid = el('div', 'cb-fields');
    for (const f of comp.fields) {
      const cell = el('div', f?.is_short ? 'cb-field-short' : 'cb-field-long');
      const txt = f?.text ?? {};
      if (txt.tag === 'lark_md') cell.append(renderMarkdown(txt.content ?? ''));
      else cell.textContent = plain(txt);
      grid.append(cell);
    }
    d.append(grid);
  }
  return d;
}

function renderNote(comp) {
  const d = el('div', 'cb-note');
  for (const x of Array.isArray(comp.elements) ? comp.elements : []) {
    if (x?.tag === 'img') d.append(Object.assign(el('span', 'cb-note-img'), { textContent: '▣' }));
    else d.append(renderText(x));
  }
  return d;
}

const SPACING = { small: '4px', default: '8px', medium: '12px', large: '16px', extra_large: '24px' };

function renderColumnSet(comp, ctx) {
  const row = el('div', 'cb-columns');
  const mode = comp.flex_mode ?? 'none';
  row.dataset.flex = mode;
  row.style.gap =
    SPACING[comp.horizontal_spacing] ??
    (/^\d+px$/.test(comp.horizontal_spacing ?? '') ? comp.horizontal_spacing : '8px');
  if (comp.background_style && comp.background_style !== 'default') row.classList.add('cb-columns-bg');
  const columns = Array.isArray(comp.columns) ? comp.columns : [];
  for (const col of columns) {
    const c = el('div', 'cb-column');
    const width = col?.width ?? 'auto';
    if (mode === 'bisect' || mode === 'trisect') c.style.flex = '1 1 0';
    else if (width === 'weighted') c.style.flex = `${Math.min(Math.max(Number(col.weight) || 1, 1), 5)} 1 0`;
    else if (/^\d+px$/.test(width)) c.style.flex = `0 0 ${width}`;
    else c.style.flex = '0 1 auto';
    const va = { top: 'flex-start', center: 'center', bottom: 'flex-end' }[col?.vertical_align ?? 'top'];
    c.style.justifyContent = va ?? 'flex-start';
    if (col?.background_style && col.background_style !== 'default') c.classList.add('cb-column-bg');
    renderElements(col?.elements, ctx, c);
    row.append(c);
  }
  return row;
}

function renderForm(comp, ctx) {
  const f = el('form', 'cb-form');
  f.noValidate = true;
  f.addEventListener('submit', (e) => e.preventDefault());
  if (comp.name) f.dataset.name = comp.name;
  const scope = createFormScope(f);
  renderElements(comp.elements, { ...ctx, form: scope }, f);
  return f;
}

function renderPanel(comp, ctx) {
  const d = el('details', 'cb-panel');
  d.open = !!comp.expanded;
  const s = el('summary', 'cb-panel-head');
  const title = comp.header?.title;
  s.append(title ? renderText(title) : Object.assign(el('span'), { textContent: '展开' }));
  s.append(Object.assign(el('span', 'cb-panel-arrow'), { textContent: '' }));
  if (comp.header?.background_color && comp.header.background_color !== 'default')
    s.classList.add('cb-panel-head-bg');
  const body = el('div', 'cb-panel-body');
  renderElements(comp.elements, ctx, body);
  d.append(s, body);
  return d;
}

function renderContainer(comp, ctx) {
  const d = el('div', 'cb-container');
  const value = callbackValue(comp);
  if (value !== undefined && !comp.disabled) {
    d.classList.add('cb-clickable');
    d.addEventListener('click', () => void ctx.onAction({ value, tag: comp.tag, name: comp.name }));
  }
  return renderElements(comp.elements, ctx, d);
}

const RENDERERS = {
  markdown: (c) => renderMarkdownEl(c),
  lark_md: (c) => renderMarkdownEl(c),
  plain_text: (c) => {
    const d = el('div', 'cb-plain cb-pre-line');
    d.append(renderText(c));
    return d;
  },
  div: (c) => renderDiv(c),
  hr: () => el('hr', 'cb-hr'),
  note: (c) => renderNote(c),
  column_set: renderColumnSet,
  form: renderForm,
  input: renderInput,
  select_static: renderSelect,
  multi_select_static: renderSelect,
  date_picker: renderDatePicker,
  select_person: renderPersonPicker,
  multi_select_person: renderPersonPicker,
  button: renderButton,
  table: (c) => renderTable(c),
  collapsible_panel: renderPanel,
  interactive_container: renderContainer,
  img: (c) => placeholder(`[图片${plain(c.alt) ? '：' + plain(c.alt) : ''}]`),
  person: (c) => placeholder(`[人员 ${c.user_id ?? ''}]`.replace(' ]', ']')),
  person_list: () => placeholder('[人员列表]'),
  avatar: () => placeholder('[头像]'),
};

/** Renders one card element; an unknown or broken element becomes a grey placeholder instead of an error. */
export function renderElement(comp, ctx) {
  if (!comp || typeof comp !== 'object') return placeholder('[无效元素]');
  if ((ctx.depth ?? 0) > MAX_DEPTH) return placeholder('[嵌套过深]');
  const fn = Object.prototype.hasOwnProperty.call(RENDERERS, comp.tag) ? RENDERERS[comp.tag] : null;
  if (!fn) return placeholder(`[暂不支持的元素：${String(comp.tag ?? '未知')}]`);
  try {
    const node = fn(comp, { ...ctx, depth: (ctx.depth ?? 0) + 1 });
    if (comp.element_id) node.dataset.elementId = String(comp.element_id);
    if (/^\d+px( \d+px){0,3}$/.test(comp.margin ?? '')) node.style.margin = comp.margin;
    return node;
  } catch (err) {
    console.warn('card element failed to render', comp, err);
    return placeholder(`[元素显示失败：${String(comp.tag)}]`);
  }
}

function renderHeader(h) {
  const head = el('div', 'cb-header');
  const tpl = HEADER_TEMPLATES.includes(h.template) ? h.template : 'default';
  head.dataset.template = tpl;
  const row = el('div', 'cb-header-row');
  const title = el('div', 'cb-title');
  title.append(renderText(h.title));
  row.append(title);
  for (const tag of Array.isArray(h.text_tag_list) ? h.text_tag_list : []) {
    const t = el('span', 'md-tag');
    t.textContent = plain(tag?.text);
    t.dataset.color = String(tag?.color ?? 'blue').replace(/-\d+$/, '');
    row.append(t);
  }
  head.append(row);
  if (h.subtitle && plain(h.subtitle)) {
    const sub = el('div', 'cb-subtitle');
    sub.append(renderText(h.subtitle));
    head.append(sub);
  }
  return head;
}

/** Parses a card given as JSON text, a {type:'raw', data} wrapper or the card object itself. */
export function normalizeCard(card) {
  let c = card;
  if (typeof c === 'string') {
    try {
      c = JSON.parse(c);
    } catch {
      return null;
    }
  }
  if (c && c.type === 'raw' && c.data) c = c.data;
  return c && typeof c === 'object' ? c : null;
}

/**
 * Renders a whole card. `ctx.onAction(payload)` is called for button clicks and form submits with
 * `{value, tag, name}` plus `form_value` for a submit; the button shows a spinner until it settles.
 * Person pickers need `ctx.people` (Map open_id -> {name, departments}) and `ctx.chatMembers` (the open_ids
 * of the chat the card is in: its candidates when the picker lists none).
 */
export function renderCard(card, ctx = {}) {
  const root = el('div', 'cb-card');
  const c = normalizeCard(card);
  const fullCtx = { onAction: async () => {}, ...ctx, form: null, depth: 0 };
  if (!c) {
    root.append(placeholder('[卡片内容无法解析]'));
    return root;
  }
  if (c.type === 'template') {
    root.append(placeholder('[模板卡片：模拟器不支持显示]'));
    return root;
  }
  if (c.config?.width_mode === 'fill') root.classList.add('cb-wide');
  if (c.header && typeof c.header === 'object') root.append(renderHeader(c.header));
  const body = el('div', 'cb-body');
  const elements = c.body?.elements ?? c.elements ?? c.i18n_elements?.zh_cn ?? [];
  renderElements(elements, fullCtx, body);
  if (!body.childNodes.length) body.append(placeholder('[空卡片]'));
  root.append(body);
  return root;
}
