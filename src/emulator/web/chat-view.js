// One user's p2p chat with the bot. Messages are keyed by message_id and only re-rendered when
// their content changes, so whatever the user is typing into a card form survives every poll.
import { renderCard } from './card-render.js';
import { fileUrl } from './api.js';

export const BOT_NAME = '年报助手';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/** Feishu sends ms timestamps as strings; seconds and ISO strings are accepted too. */
export function toDate(t) {
  if (t == null || t === '') return null;
  const n = Number(t);
  const d = Number.isFinite(n) ? new Date(n < 1e12 ? n * 1000 : n) : new Date(String(t));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 'HH:mm' today, 'M月D日 HH:mm' otherwise. */
export function formatTime(t, now = new Date()) {
  const d = toDate(t);
  if (!d) return '';
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  if (d.toDateString() === now.toDateString()) return hm;
  const md = `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
  return d.getFullYear() === now.getFullYear() ? md : `${d.getFullYear()}年${md}`;
}

/** The short name shown in an avatar: the last two characters of a Chinese name. */
export function avatarText(name) {
  const s = String(name ?? '').trim();
  if (!s) return '?';
  return /^[\u4e00-\u9fff]+$/.test(s) ? s.slice(-2) : s.slice(0, 1).toUpperCase();
}

function bodyOf(msg, onAction) {
  const c = msg.content ?? {};
  if (msg.msg_type === 'interactive') {
    return renderCard(c, { onAction: (payload) => onAction(msg, payload) });
  }
  if (msg.msg_type === 'file') {
    const box = el('a', 'file-msg');
    box.href = fileUrl(c.file_key ?? '');
    box.download = c.file_name ?? '';
    box.append(el('span', 'file-icon', /\.docx?$/i.test(c.file_name ?? '') ? 'W' : '📄'));
    const info = el('span', 'file-info');
    info.append(
      el('span', 'file-name', c.file_name || c.file_key || '文件'),
      el('span', 'file-hint', '点击下载'),
    );
    box.append(info);
    return box;
  }
  if (msg.msg_type === 'text') return el('div', 'bubble', typeof c.text === 'string' ? c.text : '');
  return el('div', 'bubble bubble-unknown', `[暂不支持的消息类型：${msg.msg_type}]`);
}

function signature(msg) {
  return `${msg.msg_type}|${JSON.stringify(msg.content ?? null)}`;
}

/** Builds the DOM of one message. */
export function renderMessage(msg, { user, onAction }) {
  const mine = msg.sender === 'user';
  const row = el('div', `msg ${mine ? 'msg-user' : 'msg-bot'}`);
  row.dataset.messageId = msg.message_id;
  row.dataset.type = msg.msg_type;
  const avatar = el(
    'div',
    `avatar ${mine ? 'avatar-user' : 'avatar-bot'}`,
    mine ? avatarText(user.name) : '年',
  );
  const main = el('div', 'msg-main');
  const meta = el('div', 'msg-meta');
  meta.append(
    el('span', 'msg-name', mine ? user.name : BOT_NAME),
    el('span', 'msg-time', formatTime(msg.create_time)),
  );
  main.append(meta, bodyOf(msg, onAction));
  row.append(avatar, main);
  return row;
}

/** The chat pane of one user; `sync(messages)` applies the latest server state. */
export class ChatPane {
  constructor(user, onAction) {
    this.user = user;
    this.onAction = onAction;
    this.root = el('div', 'pane');
    this.root.dataset.openId = user.open_id;
    this.list = el('div', 'pane-list');
    this.empty = el('div', 'pane-empty', `向${BOT_NAME}发送「帮助」开始`);
    this.root.append(this.empty, this.list);
    this.items = new Map();
  }

  /** Adds new messages, re-renders changed ones; returns how many new bot messages arrived. */
  sync(messages) {
    let fresh = 0;
    const seen = new Set();
    let prev = null;
    for (const msg of messages) {
      if (!msg || !msg.message_id) continue;
      seen.add(msg.message_id);
      const sig = signature(msg);
      const old = this.items.get(msg.message_id);
      if (!old || old.sig !== sig) {
        const node = renderMessage(msg, { user: this.user, onAction: this.onAction });
        if (old) old.node.replaceWith(node);
        else {
          if (prev) prev.after(node);
          else this.list.prepend(node);
          if (msg.sender === 'bot') fresh++;
        }
        this.items.set(msg.message_id, { sig, node });
      }
      prev = this.items.get(msg.message_id).node;
    }
    for (const [id, item] of this.items) {
      if (!seen.has(id)) {
        item.node.remove();
        this.items.delete(id);
      }
    }
    this.empty.hidden = this.items.size > 0;
    return fresh;
  }
}
