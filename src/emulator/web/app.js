// The emulator's web messenger: pick a user of the emulated tenant on the left, chat with the bot on
// the right. Polls the control API; only the selected chat is polled every tick, the other users one
// per tick in turn (for their unread badges), so the load stays flat however many users there are.
import { listUsers, listMessages, sendText, postAction } from './api.js';
import { ChatPane, BOT_NAME, avatarText } from './chat-view.js';
import { showToast } from './toast.js';
import { roleOf } from './demo-roles.js';

const POLL_MS = 700;
const MAX_BACKOFF_MS = 5000;

const $ = (id) => document.getElementById(id);
const state = {
  users: [],
  current: null,
  panes: new Map(),
  rr: 0,
  timer: null,
  running: false,
  again: false,
};
let failures = 0;

function previewOf(messages) {
  const m = messages[messages.length - 1];
  if (!m) return '';
  const c = m.content ?? {};
  if (m.msg_type === 'text') return String(c.text ?? '');
  if (m.msg_type === 'file') return `[文件] ${c.file_name ?? ''}`;
  if (m.msg_type === 'interactive') {
    const card = c.type === 'raw' ? c.data : c;
    return `[卡片] ${card?.header?.title?.content ?? ''}`;
  }
  return '[消息]';
}

function paneOf(user) {
  let pane = state.panes.get(user.open_id);
  if (!pane) {
    pane = new ChatPane(user, (msg, payload) => onAction(user, msg, payload));
    pane.unread = 0;
    pane.loaded = false;
    pane.root.hidden = true;
    $('messages').append(pane.root);
    state.panes.set(user.open_id, pane);
  }
  return pane;
}

function renderSidebar() {
  const list = $('user-list');
  list.replaceChildren();
  for (const user of state.users) {
    const li = document.createElement('li');
    li.className = 'user';
    li.dataset.openId = user.open_id;
    li.tabIndex = 0;
    li.setAttribute('role', 'button');
    const av = Object.assign(document.createElement('div'), {
      className: 'avatar avatar-user',
      textContent: avatarText(user.name),
    });
    const info = Object.assign(document.createElement('div'), { className: 'user-info' });
    const top = Object.assign(document.createElement('div'), { className: 'user-top' });
    top.append(
      Object.assign(document.createElement('span'), { className: 'user-name', textContent: user.name }),
    );
    if (roleOf(user)) {
      top.append(
        Object.assign(document.createElement('span'), { className: 'role-tag', textContent: roleOf(user) }),
      );
    }
    const sub = Object.assign(document.createElement('div'), {
      className: 'user-sub',
      textContent: '尚无消息',
    });
    info.append(top, sub);
    const badge = Object.assign(document.createElement('span'), { className: 'badge', hidden: true });
    li.append(av, info, badge);
    li.addEventListener('click', () => selectUser(user.open_id));
    li.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') selectUser(user.open_id);
    });
    list.append(li);
  }
}

function updateSidebarItem(user, pane, messages) {
  const li = document.querySelector(`.user[data-open-id="${CSS.escape(user.open_id)}"]`);
  if (!li) return;
  li.querySelector('.user-sub').textContent = previewOf(messages) || '尚无消息';
  const badge = li.querySelector('.badge');
  badge.hidden = !pane.unread;
  badge.textContent = pane.unread > 99 ? '99+' : String(pane.unread);
}

function nearBottom() {
  const box = $('messages');
  return box.scrollHeight - box.scrollTop - box.clientHeight < 120;
}

function scrollToBottom() {
  const box = $('messages');
  box.scrollTop = box.scrollHeight;
}

/** Makes `openId` the person the page speaks as. */
function selectUser(openId) {
  const user = state.users.find((u) => u.open_id === openId);
  if (!user) return;
  state.current = user;
  history.replaceState(null, '', `#${encodeURIComponent(openId)}`);
  for (const li of document.querySelectorAll('.user'))
    li.classList.toggle('active', li.dataset.openId === openId);
  const pane = paneOf(user);
  for (const p of state.panes.values()) p.root.hidden = p !== pane;
  pane.unread = 0;
  const badge = document.querySelector(`.user[data-open-id="${CSS.escape(openId)}"] .badge`);
  if (badge) badge.hidden = true;
  $('welcome').hidden = true;
  $('chat-sub').textContent =
    `你正在以「${user.name}${roleOf(user) ? '（' + roleOf(user) + '）' : ''}」的身份对话`;
  $('input').disabled = false;
  $('send').disabled = false;
  $('input').placeholder = `发送给 ${BOT_NAME}（Enter 发送，Shift+Enter 换行）`;
  $('input').focus();
  scrollToBottom();
  pollNow();
}

async function syncUser(user, isCurrent) {
  const messages = await listMessages(user.open_id);
  if (!Array.isArray(messages)) return;
  const pane = paneOf(user);
  const stick = isCurrent && nearBottom();
  const fresh = pane.sync(messages);
  if (pane.loaded && fresh && state.current !== user) pane.unread += fresh;
  pane.loaded = true;
  if (isCurrent && (stick || fresh)) scrollToBottom();
  updateSidebarItem(user, pane, messages);
}

async function tick() {
  state.running = true;
  try {
    if (state.current) await syncUser(state.current, true);
    const others = state.users.filter((u) => u !== state.current);
    if (others.length) await syncUser(others[state.rr++ % others.length], false);
    failures = 0;
    $('offline').hidden = true;
  } catch {
    failures++;
    $('offline').hidden = false;
  } finally {
    state.running = false;
  }
  const delay = state.again ? 0 : Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS);
  state.again = false;
  state.timer = setTimeout(tick, delay);
}

/** Polls at once (after a send or a card action) instead of waiting for the next tick. */
function pollNow() {
  if (state.running) {
    state.again = true;
    return;
  }
  clearTimeout(state.timer);
  state.timer = setTimeout(tick, 0);
}

async function onAction(user, msg, payload) {
  try {
    const res = await postAction(msg.message_id, { open_id: user.open_id, ...payload });
    if (res && res.toast) showToast(res.toast);
    // Feishu tells the user when the bot did not answer in time; the emulator reports it as `error`.
    else if (res && res.error) showToast({ type: 'error', content: `机器人未响应：${res.error}` });
  } catch (e) {
    showToast({ type: 'error', content: e.message || '操作失败，请稍后重试' });
  } finally {
    pollNow();
  }
}

async function send() {
  const input = $('input');
  const text = input.value.trim();
  const user = state.current;
  if (!text || !user) return;
  input.value = '';
  try {
    const res = await sendText(user.open_id, text);
    if (res && res.delivered === false) {
      showToast({ type: 'warning', content: `消息未送达机器人${res.error ? '：' + res.error : ''}` });
    }
    scrollToBottom();
  } catch (e) {
    if (!input.value) input.value = text;
    showToast({ type: 'error', content: `发送失败：${e.message}` });
  } finally {
    pollNow();
  }
}

async function init() {
  $('send').addEventListener('click', () => void send());
  $('input').addEventListener('keydown', (e) => {
    // keyCode 229: a Chinese IME is composing; Enter then picks a candidate and must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      void send();
    }
  });
  for (let attempt = 0; ; attempt++) {
    try {
      state.users = (await listUsers()) ?? [];
      break;
    } catch (e) {
      $('offline').hidden = false;
      if (attempt >= 20) {
        $('offline').textContent = `无法读取用户列表：${e.message}`;
        return;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  $('offline').hidden = true;
  renderSidebar();
  const fromHash = decodeURIComponent(location.hash.slice(1));
  if (fromHash) selectUser(fromHash);
  if (!state.timer) state.timer = setTimeout(tick, 0);
}

window.addEventListener('hashchange', () => {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id && id !== state.current?.open_id) selectUser(id);
});

void init();
