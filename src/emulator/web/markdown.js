// Feishu card markdown -> DOM nodes. Every piece of text ends up in a text node (never innerHTML),
// so a bot (or a user's echoed input) can never inject markup into the page.

/** Feishu's named text colours (font / text_tag); the -50..-900 shade suffixes fall back to the base hue. */
export const COLORS = {
  default: '#1f2329',
  grey: '#8f959e',
  gray: '#8f959e',
  red: '#f54a45',
  orange: '#ff8800',
  yellow: '#dc9b04',
  green: '#2ea121',
  turquoise: '#04b49c',
  blue: '#3370ff',
  wathet: '#14a9ff',
  indigo: '#4954e6',
  purple: '#7f3bf5',
  violet: '#d136d1',
  carmine: '#f01d94',
  lime: '#8ebf1f',
};

/** Resolves a Feishu colour name ('red', 'red-600') to a CSS colour, or '' when unknown. */
export function colorOf(name) {
  if (typeof name !== 'string') return '';
  const base = name.toLowerCase().replace(/-\d+$/, '');
  return COLORS[base] ?? '';
}

/** Returns the href when it is safe to follow (http, https, mailto or same-site), else null. */
export function safeUrl(url) {
  if (typeof url !== 'string') return null;
  const u = url.trim();
  if (/^(https?:|mailto:)/i.test(u) || (u.startsWith('/') && !u.startsWith('//'))) return u;
  return null;
}

function el(tag, cls) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}

function link(text, href, into) {
  const url = safeUrl(href);
  if (!url) {
    renderInline(text, into);
    return;
  }
  const a = el('a', 'md-link');
  a.href = url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  renderInline(text, a);
  into.append(a);
}

// Inline rules, tried at every position; the earliest match wins, ties go to the first rule.
const INLINE = [
  { re: /\\([\\`*_~[\]()<>#-])/, make: (m, into) => into.append(m[1]) },
  { re: /`([^`\n]+)`/, make: (m, into) => into.append(text(el('code', 'md-code'), m[1])) },
  { re: /<br\s*\/?>/i, make: (_m, into) => into.append(el('br')) },
  { re: /\*\*([\s\S]+?)\*\*/, make: (m, into) => into.append(inline(el('strong'), m[1])) },
  { re: /~~([\s\S]+?)~~/, make: (m, into) => into.append(inline(el('del'), m[1])) },
  { re: /\*([^*\n]+?)\*/, make: (m, into) => into.append(inline(el('em'), m[1])) },
  { re: /\[([^\]\n]+)\]\(([^)\s]+)\)/, make: (m, into) => link(m[1], m[2], into) },
  { re: /<a\s+href=['"]([^'"]+)['"]\s*>([\s\S]*?)<\/a>/i, make: (m, into) => link(m[2], m[1], into) },
  {
    re: /<font\s+color=['"]?([\w-]+)['"]?\s*>([\s\S]*?)<\/font>/i,
    make: (m, into) => {
      const s = inline(el('span', 'md-font'), m[2]);
      s.style.color = colorOf(m[1]);
      into.append(s);
    },
  },
  {
    re: /<text_tag\s+color=['"]?([\w-]+)['"]?\s*>([\s\S]*?)<\/text_tag>/i,
    make: (m, into) => {
      const s = text(el('span', 'md-tag'), m[2]);
      s.dataset.color = m[1].replace(/-\d+$/, '');
      into.append(s);
    },
  },
  {
    re: /<at\s+(?:id|user_id|open_id|email)=['"]?([^'">\s]+)['"]?\s*>([\s\S]*?)<\/at>/i,
    make: (m, into) =>
      into.append(text(el('span', 'md-at'), '@' + (m[2] || (m[1] === 'all' ? '所有人' : m[1])))),
  },
  { re: /https?:\/\/[^\s<>()[\]"'，。）]+/, make: (m, into) => link(m[0], m[0], into) },
];

function text(node, s) {
  node.textContent = s;
  return node;
}

function inline(node, s) {
  renderInline(s, node);
  return node;
}

/** Appends the inline markdown `src` (bold, italic, strike, code, links, font colours, <br>, @) to `into`. */
export function renderInline(src, into) {
  let rest = String(src ?? '');
  while (rest) {
    let best = null;
    for (const rule of INLINE) {
      const m = rule.re.exec(rest);
      if (m && (!best || m.index < best.m.index)) best = { m, rule };
    }
    if (!best) break;
    if (best.m.index > 0) into.append(rest.slice(0, best.m.index));
    best.rule.make(best.m, into);
    rest = rest.slice(best.m.index + best.m[0].length);
  }
  if (rest) into.append(rest);
  return into;
}

const BLOCKS = [
  { kind: 'ul', re: /^\s*[-*+]\s+(.*)$/ },
  { kind: 'ol', re: /^\s*(\d+)[.)]\s+(.*)$/ },
  { kind: 'h', re: /^(#{1,6})\s+(.*)$/ },
  { kind: 'quote', re: /^>\s?(.*)$/ },
  { kind: 'hr', re: /^\s*(-{3,}|\*{3,})\s*$/ },
  { kind: 'fence', re: /^\s*```/ },
];

function blockOf(line) {
  for (const b of BLOCKS) {
    const m = b.re.exec(line);
    if (m) return { kind: b.kind, m };
  }
  return { kind: line.trim() === '' ? 'blank' : 'text', m: null };
}

/**
 * Renders Feishu card markdown into a fragment. Unlike CommonMark, a single newline is a line break
 * in Feishu cards, so consecutive text lines stay on separate lines.
 */
export function renderMarkdown(src) {
  const frag = document.createDocumentFragment();
  const lines = String(src ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .split('\n');
  let list = null;
  let para = null;
  for (let i = 0; i < lines.length; i++) {
    const { kind, m } = blockOf(lines[i]);
    if (kind !== 'ul' && kind !== 'ol') list = null;
    if (kind !== 'text') para = null;
    if (kind === 'text') {
      if (para) para.append(el('br'));
      else frag.append((para = el('div', 'md-p')));
      renderInline(lines[i], para);
    } else if (kind === 'blank') {
      frag.append(el('div', 'md-gap'));
    } else if (kind === 'ul' || kind === 'ol') {
      const tag = kind === 'ul' ? 'ul' : 'ol';
      if (!list || list.tagName.toLowerCase() !== tag) {
        frag.append((list = el(tag, 'md-list')));
        if (kind === 'ol' && m[1] !== '1') list.start = Number(m[1]);
      }
      const li = el('li');
      const indent = /^\s*/.exec(lines[i])[0].length;
      if (indent >= 2) li.style.marginLeft = `${Math.min(indent, 8) * 0.6}em`;
      renderInline(kind === 'ul' ? m[1] : m[2], li);
      list.append(li);
    } else if (kind === 'h') {
      frag.append(inline(el(`h${Math.min(m[1].length + 2, 6)}`, 'md-h'), m[2]));
    } else if (kind === 'quote') {
      frag.append(inline(el('blockquote', 'md-quote'), m[1]));
    } else if (kind === 'hr') {
      frag.append(el('hr', 'md-hr'));
    } else if (kind === 'fence') {
      const body = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) body.push(lines[i]);
      frag.append(text(el('pre', 'md-pre'), body.join('\n')));
    }
  }
  return frag;
}
