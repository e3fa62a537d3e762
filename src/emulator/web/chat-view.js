// A chat as one person sees it (their p2p chat with the bot, or a group). Messages are keyed by message_id and
// only re-rendered when their content changes, so whatever the user is typing into a card form survives every poll.
import { renderCard } from './card-render.js';
import { fileUrl } from './api.js';
import { avatarText } from './avatar.js';

export { avatarText };

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

function signature(msg) {
  return `${msg.msg_type}|${JSON.stringify(msg.content ?? null)}`;
}

function bodyOf(msg, onAction, cardCtx) {
  const c = msg.content ?? {};
  if (msg.msg_type === 'interactive') {
    return renderCard(c, { ...cardCtx, onAction: (payload) => onAction(msg, payload) });
  }
  if (msg.msg_type === 'file') {
    const box = el('a', 'file-msg');
    box.href = fileUrl(c.file_key ?? '');
    box.download = c.file_name ?? '';
    const name = c.file_name ?? '';
    box.append(el('span', 'file-icon', fileBadge(name)));
    const info = el('span', 'file-info');
    const size = Number(c.size) > 0 ? ` · ${formatSize(Number(c.size))}` : '';
    info.append(
      el('span', 'file-name', name || c.file_key || '文件'),
      el('span', 'file-hint', `点击下载${size}`),
    );
    box.append(info);
    return box;
  }
  if (msg.msg_type === 'text') return el('div', 'bubble', typeof c.text === 'string' ? c.text : '');
  return el('div', 'bubble bubble-unknown', `[暂不支持的消息类型：${msg.msg_type}]`);
}

/** The letters on a file's icon: W for Word, X for Excel, else the extension (no emoji: not every system has the font). */
function fileBadge(name) {
  if (/\.docx?$/i.test(name)) return 'W';
  if (/\.xlsx?$/i.test(name)) return 'X';
  const ext = /\.([a-z0-9]{1,4})$/i.exec(name)?.[1];
  return ext ? ext.toUpperCase() : '文件';
}

/** '12 KB', '1.5 MB'. */
function formatSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Builds the DOM of one message. In a p2p chat every user message is the viewer's; in a group, the viewer's own
 * messages sit on the right and the others' on the left with their names. `people` maps open_id -> user.
 */
export function renderMessage(msg, { user, onAction, people = new Map(), chatMembers }) {
  const fromUser = msg.sender === 'user';
  const author = fromUser ? (msg.open_id ? (people.get(msg.open_id) ?? { name: msg.open_id }) : user) : null;
  const mine = fromUser && (!msg.open_id || msg.open_id === user.open_id);
  const row = el('div', `msg ${mine ? 'msg-user' : fromUser ? 'msg-other' : 'msg-bot'}`);
  row.dataset.messageId = msg.message_id;
  row.dataset.type = msg.msg_type;
  if (fromUser) row.dataset.sender = msg.open_id ?? user.open_id;
  const avatar = el(
    'div',
    `avatar ${fromUser ? 'avatar-user' : 'avatar-bot'}`,
    fromUser ? avatarText(author.name) : '年',
  );
  const main = el('div', 'msg-main');
  const meta = el('div', 'msg-meta');
  meta.append(
    el('span', 'msg-name', fromUser ? author.name : BOT_NAME),
    el('span', 'msg-time', formatTime(msg.create_time)),
  );
  main.append(meta, bodyOf(msg, onAction, { people, chatMembers: chatMembers ?? [user.open_id] }));
  row.append(avatar, main);
  return row;
}

/**
 * One chat as one person sees it: their p2p chat with the bot, or a group (`group` = {chat_id, members}).
 * `sync(messages)` applies the latest server state.
 */
export class ChatPane {
  constructor(user, onAction, { group = null, people = new Map() } = {}) {
    this.user = user;
    this.onAction = onAction;
    this.group = group;
    this.people = people;
    this.root = el('div', 'pane');
    this.root.dataset.openId = user.open_id;
    if (group) this.root.dataset.chatId = group.chat_id;
    this.list = el('div', 'pane-list');
    this.empty = el(
      'div',
      'pane-empty',
      group ? `在群里 @${BOT_NAME} 发送「进度」试试` : `向${BOT_NAME}发送「帮助」开始`,
    );
    this.root.append(this.empty, this.list);
    this.items = new Map();
  }

  /** The group's members changed (a picker's candidates with them): cards are drawn again on the next sync. */
  setGroup(group) {
    const key = (g) => (g?.members ?? []).map((m) => m.open_id).join(',');
    if (key(group) !== key(this.group)) this.items.forEach((item) => (item.sig = ''));
    this.group = group;
  }

  /** Adds new messages, re-renders changed ones; returns how many new messages from others arrived. */
  sync(messages) {
    let fresh = 0;
    const seen = new Set();
    let prev = null;
    const chatMembers = this.group ? this.group.members.map((m) => m.open_id) : [this.user.open_id];
    for (const msg of messages) {
      if (!msg || !msg.message_id) continue;
      seen.add(msg.message_id);
      const sig = signature(msg);
      const old = this.items.get(msg.message_id);
      if (!old || old.sig !== sig) {
        const node = renderMessage(msg, {
          user: this.user,
          onAction: this.onAction,
          people: this.people,
          chatMembers,
        });
        if (old) old.node.replaceWith(node);
        else {
          if (prev) prev.after(node);
          else this.list.prepend(node);
          if (msg.sender === 'bot' || (msg.open_id && msg.open_id !== this.user.open_id)) fresh++;
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
