// The card `table` component: columns (name, display_name, data_type, width, horizontal_align, format),
// rows keyed by column name, and page_size paging like the Feishu client (default 5 rows a page, max 10).
// A column's px width is kept however narrow the card: the table scrolls sideways, as in Feishu, with its
// first column frozen when freeze_first_column is set; header_style.lines caps the header's lines, and a cell
// wraps only when row_height is auto.
import { renderMarkdown, colorOf } from './markdown.js';

function el(tag, cls) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}

function formatNumber(v, format) {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return v == null ? '' : String(v);
  const precision = Number.isInteger(format?.precision) ? Math.min(Math.max(format.precision, 0), 10) : null;
  let s = precision == null ? String(n) : n.toFixed(precision);
  if (format?.separator) {
    const [i, f] = s.split('.');
    s = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? '.' + f : '');
  }
  return (format?.symbol ?? '') + s;
}

function cell(col, v, fixedRows) {
  const td = el('td');
  // A row of fixed height (row_height low/middle/high/px) cuts what does not fit with an ellipsis, as Feishu
  // does; the whole text shows on hover. row_height auto wraps instead.
  const width = columnWidth(col.width);
  if (fixedRows && width) td.style.maxWidth = width;
  if (fixedRows && v != null && typeof v !== 'object') td.title = String(v);
  const type = col.data_type ?? 'text';
  const align = col.horizontal_align ?? (type === 'number' ? 'right' : 'left');
  td.style.textAlign = ['left', 'center', 'right'].includes(align) ? align : 'left';
  if (type === 'lark_md' || type === 'markdown') {
    td.append(renderMarkdown(v == null ? '' : String(v)));
  } else if (type === 'number') {
    td.textContent = formatNumber(v, col.format);
    td.classList.add('cb-num');
  } else if (type === 'options') {
    for (const o of Array.isArray(v) ? v : []) {
      const t = el('span', 'md-tag');
      t.textContent = o?.text ?? '';
      if (colorOf(o?.color)) t.dataset.color = String(o.color).replace(/-\d+$/, '');
      td.append(t);
    }
  } else if (type === 'date') {
    const d = new Date(typeof v === 'number' ? v : Number(v) || String(v ?? ''));
    td.textContent = Number.isNaN(d.getTime()) ? String(v ?? '') : d.toLocaleDateString('zh-CN');
  } else if (type === 'persons') {
    td.append(Object.assign(el('span', 'cb-placeholder'), { textContent: '[人员]' }));
  } else {
    td.textContent = v == null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return td;
}

/** Feishu's column width: 'auto' (undefined here), '[80,600]px' or a percentage of the table. */
function columnWidth(w) {
  if (/^\d+px$/.test(w ?? '')) return `${Math.min(Math.max(parseInt(w, 10), 80), 600)}px`;
  if (/^\d+(\.\d+)?%$/.test(w ?? '')) return w;
  return undefined;
}

/** Renders a table element with paging; never throws on odd rows. */
export function renderTable(comp) {
  const columns = Array.isArray(comp.columns) ? comp.columns : [];
  const rows = Array.isArray(comp.rows) ? comp.rows : [];
  const pageSize = Math.min(Math.max(Number(comp.page_size) || 5, 1), 10);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const wrap = el('div', 'cb-table-wrap');
  const scroller = el('div', 'cb-table-scroll');
  const table = el('table', 'cb-table');
  if (comp.freeze_first_column) table.classList.add('cb-freeze');
  const fixedRows = comp.row_height !== 'auto';
  if (fixedRows) table.classList.add('cb-rows-fixed');
  const thead = el('thead');
  const hr = el('tr');
  const hs = comp.header_style ?? {};
  const headerLines = Number.isInteger(hs.lines) ? Math.min(Math.max(hs.lines, 1), 5) : 1;
  for (const col of columns) {
    const th = el('th');
    const label = el('span', 'cb-th-text');
    label.textContent = col.display_name ?? col.name ?? '';
    label.style.webkitLineClamp = String(headerLines);
    th.append(label);
    const width = columnWidth(col.width);
    if (width) {
      th.style.width = width;
      th.style.minWidth = width;
    }
    if (['left', 'center', 'right'].includes(hs.text_align)) th.style.textAlign = hs.text_align;
    else if (col.data_type === 'number') th.style.textAlign = 'right';
    if (hs.bold === false) th.style.fontWeight = 'normal';
    hr.append(th);
  }
  thead.append(hr);
  if (hs.background_style === 'none') thead.classList.add('cb-plain-head');
  const tbody = el('tbody');
  table.append(thead, tbody);
  scroller.append(table);
  wrap.append(scroller);
  let page = 0;
  const pager = el('div', 'cb-pager');
  const prev = Object.assign(el('button', 'cb-page-btn'), {
    type: 'button',
    textContent: '‹',
    title: '上一页',
  });
  const next = Object.assign(el('button', 'cb-page-btn'), {
    type: 'button',
    textContent: '›',
    title: '下一页',
  });
  const info = el('span', 'cb-page-info');
  pager.append(prev, info, next);
  const show = () => {
    tbody.replaceChildren();
    for (const row of rows.slice(page * pageSize, (page + 1) * pageSize)) {
      const tr = el('tr');
      for (const col of columns)
        tr.append(cell(col, row && typeof row === 'object' ? row[col.name] : '', fixedRows));
      tbody.append(tr);
    }
    if (rows.length === 0) {
      const tr = el('tr');
      const td = Object.assign(el('td', 'cb-empty'), { textContent: '暂无数据' });
      td.colSpan = Math.max(columns.length, 1);
      tr.append(td);
      tbody.append(tr);
    }
    info.textContent = `${page + 1} / ${pages}`;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  };
  prev.onclick = () => {
    page = Math.max(0, page - 1);
    show();
  };
  next.onclick = () => {
    page = Math.min(pages - 1, page + 1);
    show();
  };
  show();
  if (pages > 1) wrap.append(pager);
  return wrap;
}
