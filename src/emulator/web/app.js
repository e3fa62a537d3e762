// The emulator's web messenger: pick a person of the emulated tenant on the left (search by name, department or
// mobile), chat with the bot on the right, or open one of that person's group chats. Polls the control API: the
// open chat, the group list and /api/activity (how many messages each chat holds, when it last changed) every
// tick, then fetches only the other chats that changed (for their unread badges, a few per tick), so the load
// stays flat however many people the directory has.
import {
  listUsers,
  listMessages,
  sendText,
  postAction,
  uploadFile,
  listChats,
  listChatMessages,
  sendGroupText,
  getActivity,
} from './api.js';
import { ChatPane, BOT_NAME, avatarText } from './chat-view.js';
import { showToast } from './toast.js';
import { roleOf } from './demo-roles.js';

const POLL_MS = 700;
const MAX_BACKOFF_MS = 5000;
// Other chats fetched per tick when they changed: a burst of reminders to everyone catches up within seconds.
const CHANGED_PER_TICK = 4;

const $ = (id) => document.getElementById(id);
// The width below which the page is laid out for a phone (style.css has the same number).
const PHONE = window.matchMedia('(max-width: 600px)');
const state = {
  users: [],
  /** open_id -> user (name, departments, job_title, mobile, email), for names and person pickers */
  people: new Map(),
  current: null,
  /** the open group's chat_id, or null for the current person's chat with the bot */
  chatId: null,
  groups: [],
  groupsKey: '',
  panes: new Map(),
  /** /api/activity when the page opened: messages before it are not unread */
  baseline: null,
  timer: null,
  running: false,
  again: false,
};
let failures = 0;

function previewOf(messages) {
  const m = messages[messages.length - 1];
  if (!m) return '';
  const c = m.content ?? {};
  const who =
    m.open_id && m.open_id !== state.current?.open_id ? `${state.people.get(m.open_id)?.name ?? ''}：` : '';
  if (m.msg_type === 'text') return who + String(c.text ?? '');
  if (m.msg_type === 'file') return `${who}[文件] ${c.file_name ?? ''}`;
  if (m.msg_type === 'interactive') {
    const card = c.type === 'raw' ? c.data : c;
    return `[卡片] ${card?.header?.title?.content ?? ''}`;
  }
  return '[消息]';
}

const paneKey = (user, chatId) => (chatId ? `${chatId}|${user.open_id}` : user.open_id);
const groupOf = (chatId) => state.groups.find((g) => g.chat_id === chatId) ?? null;
const myGroups = () =>
  state.current ? state.groups.filter((g) => g.members.some((m) => m.open_id === state.current.open_id)) : [];
const canChat = (user) => user.available !== false;

function paneOf(user, chatId = null) {
  const key = paneKey(user, chatId);
  let pane = state.panes.get(key);
  if (!pane) {
    pane = new ChatPane(user, (msg, payload) => onAction(user, msg, payload), {
      group: chatId ? groupOf(chatId) : null,
      people: state.people,
    });
    pane.unread = 0;
    pane.loaded = false;
    pane.root.hidden = true;
    $('messages').append(pane.root);
    state.panes.set(key, pane);
  }
  return pane;
}

function describe(user) {
  if (!canChat(user)) return '不在应用的可用范围内';
  return [...(user.departments ?? []), user.job_title].filter(Boolean).join(' · ');
}

function renderSidebar() {
  const list = $('user-list');
  list.replaceChildren();
  for (const user of state.users) {
    const li = document.createElement('li');
    li.className = 'user';
    if (!canChat(user)) li.classList.add('user-unavailable');
    li.dataset.openId = user.open_id;
    li.dataset.search = [user.name, ...(user.departments ?? []), user.job_title, user.mobile, user.email]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
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
      textContent: describe(user) || '尚无消息',
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
  applyFilter();
}

function applyFilter() {
  const q = $('user-search').value.trim().toLowerCase();
  for (const li of document.querySelectorAll('.user')) {
    li.hidden = q !== '' && !li.dataset.search.includes(q) && !li.classList.contains('active');
  }
}

/** The current person's groups in the sidebar (rebuilt only when groups or membership change). */
function renderGroups(force = false) {
  const mine = myGroups();
  const key = `${state.current?.open_id}|${mine.map((g) => `${g.chat_id}:${g.name}:${g.members.length}`).join(',')}`;
  if (!force && key === state.groupsKey) return;
  state.groupsKey = key;
  $('group-section').hidden = mine.length === 0;
  const list = $('group-list');
  list.replaceChildren();
  for (const g of mine) {
    const li = document.createElement('li');
    li.className = 'group';
    li.dataset.chatId = g.chat_id;
    li.tabIndex = 0;
    li.setAttribute('role', 'button');
    li.classList.toggle('active', g.chat_id === state.chatId);
    const av = Object.assign(document.createElement('div'), {
      className: 'avatar avatar-group',
      textContent: '群',
    });
    const info = Object.assign(document.createElement('div'), { className: 'user-info' });
    info.append(
      Object.assign(document.createElement('div'), { className: 'user-name', textContent: g.name }),
      Object.assign(document.createElement('div'), {
        className: 'user-sub',
        textContent: `${g.members.length} 人${g.bot_in_chat ? ' · 含机器人' : ''}`,
      }),
    );
    const badge = Object.assign(document.createElement('span'), { className: 'badge', hidden: true });
    li.append(av, info, badge);
    li.addEventListener('click', () => selectGroup(g.chat_id));
    li.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') selectGroup(g.chat_id);
    });
    list.append(li);
  }
  if (state.chatId && !mine.some((g) => g.chat_id === state.chatId)) selectUser(state.current.open_id);
}

function itemOf(user, chatId) {
  return chatId
    ? document.querySelector(`.group[data-chat-id="${CSS.escape(chatId)}"]`)
    : document.querySelector(`.user[data-open-id="${CSS.escape(user.open_id)}"]`);
}

function updateSidebarItem(user, chatId, pane, messages) {
  const li = itemOf(user, chatId);
  if (!li) return;
  if (!chatId)
    li.querySelector('.user-sub').textContent = previewOf(messages) || describe(user) || '尚无消息';
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

/**
 * On a phone (the page at most 600 px wide, style.css) the page shows either the chat list or one chat:
 * opening a chat hides the list, the back arrow in the chat's header brings it back. A desktop shows both.
 */
function setChatOpen(open) {
  $('app').classList.toggle('chat-open', open);
}

/** Shows the pane of (user, chatId) and sets the header and the composer for it. */
function show(user, chatId) {
  setChatOpen(true);
  const pane = paneOf(user, chatId);
  for (const p of state.panes.values()) p.root.hidden = p !== pane;
  pane.unread = 0;
  const badge = itemOf(user, chatId)?.querySelector('.badge');
  if (badge) badge.hidden = true;
  $('welcome').hidden = true;
  for (const li of document.querySelectorAll('.group'))
    li.classList.toggle('active', li.dataset.chatId === chatId);
  const group = chatId ? groupOf(chatId) : null;
  $('chat-avatar').textContent = group ? '群' : '年';
  $('chat-avatar').className = `avatar ${group ? 'avatar-group' : 'avatar-bot'}`;
  $('chat-name').textContent = group ? group.name : BOT_NAME;
  $('bot-tag').hidden = !!group;
  const role = roleOf(user) ? `（${roleOf(user)}）` : '';
  $('chat-sub').textContent = group
    ? `${group.members.length} 位成员${group.bot_in_chat ? '和机器人' : ''} · 你是「${user.name}${role}」`
    : `你正在以「${user.name}${role}」的身份对话`;
  const members = $('chat-members');
  members.hidden = !group;
  members.replaceChildren();
  for (const m of group?.members ?? []) {
    members.append(
      Object.assign(document.createElement('span'), { className: 'member-chip', textContent: m.name }),
    );
  }
  const open = canChat(user) || !!group;
  $('input').disabled = !open;
  $('send').disabled = !open;
  $('attach').hidden = !!group;
  $('attach').disabled = !open;
  $('mention').hidden = !group || !group.bot_in_chat;
  $('input').placeholder = !open
    ? `${user.name}不在应用的可用范围内，无法与${BOT_NAME}对话`
    : group
      ? `发送到「${group.name}」（Enter 发送，Shift+Enter 换行）`
      : `发送给 ${BOT_NAME}（Enter 发送，Shift+Enter 换行）`;
  // Not on a phone: focusing the composer would open the keyboard over the card just shown.
  if (open && !PHONE.matches) $('input').focus();
  scrollToBottom();
}

/** Makes `openId` the person the page speaks as, in their chat with the bot. */
function selectUser(openId) {
  const user = state.users.find((u) => u.open_id === openId);
  if (!user) return;
  state.current = user;
  state.chatId = null;
  history.replaceState(null, '', `#${encodeURIComponent(openId)}`);
  for (const li of document.querySelectorAll('.user'))
    li.classList.toggle('active', li.dataset.openId === openId);
  renderGroups(true);
  show(user, null);
  pollNow();
}

/** Opens one of the current person's groups. */
function selectGroup(chatId) {
  if (!state.current || !groupOf(chatId)) return;
  state.chatId = chatId;
  show(state.current, chatId);
  pollNow();
}

async function syncChat(user, chatId, isCurrent, activity) {
  const messages = chatId ? await listChatMessages(chatId) : await listMessages(user.open_id);
  if (!Array.isArray(messages)) return;
  const pane = paneOf(user, chatId);
  if (chatId) pane.setGroup(groupOf(chatId));
  const stick = isCurrent && nearBottom();
  const fresh = pane.sync(messages);
  if (pane.loaded && fresh && !isCurrent) pane.unread += fresh;
  else if (!pane.loaded && !isCurrent) {
    // First read of this chat: what it held when the page opened is history, anything since is unread.
    const before =
      (chatId ? state.baseline?.chats?.[chatId] : state.baseline?.users?.[user.open_id])?.count ?? 0;
    pane.unread = messages
      .slice(before)
      .filter((m) => m.sender === 'bot' || (m.open_id && m.open_id !== user.open_id)).length;
  }
  pane.loaded = true;
  const a = chatId ? activity?.chats?.[chatId] : activity?.users?.[user.open_id];
  if (a) pane.seen = `${a.count}:${a.last_update}`;
  if (isCurrent && (stick || fresh)) scrollToBottom();
  updateSidebarItem(user, chatId, pane, messages);
}

/** The (user, chatId) pairs whose chat changed since this page last read it, the open chat left out. */
function changedChats(activity) {
  const out = [];
  const consider = (user, chatId, a) => {
    if (!a || (user === state.current && chatId === state.chatId)) return;
    const pane = state.panes.get(paneKey(user, chatId));
    if (pane?.seen !== `${a.count}:${a.last_update}`) out.push([user, chatId]);
  };
  for (const u of state.users) consider(u, null, activity.users?.[u.open_id]);
  for (const g of myGroups()) consider(state.current, g.chat_id, activity.chats?.[g.chat_id]);
  return out;
}

async function tick() {
  state.running = true;
  try {
    const [groups, activity] = await Promise.all([listChats(), getActivity()]);
    state.baseline ??= activity;
    if (Array.isArray(groups)) {
      state.groups = groups;
      renderGroups();
    }
    if (state.current) await syncChat(state.current, state.chatId, true, activity);
    for (const [u, chatId] of changedChats(activity ?? {}).slice(0, CHANGED_PER_TICK)) {
      await syncChat(u, chatId, false, activity);
    }
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

function reportDelivery(res, what) {
  if (res && res.delivered === false && !res.skipped) {
    showToast({ type: 'warning', content: `${what}未送达机器人${res.error ? '：' + res.error : ''}` });
  }
}

async function send() {
  const input = $('input');
  const text = input.value.trim();
  const user = state.current;
  if (!text || !user) return;
  input.value = '';
  try {
    const res = state.chatId
      ? await sendGroupText(
          state.chatId,
          user.open_id,
          text,
          $('mention-bot').checked && !$('mention').hidden,
        )
      : await sendText(user.open_id, text);
    reportDelivery(res, '消息');
    scrollToBottom();
  } catch (e) {
    if (!input.value) input.value = text;
    showToast({ type: 'error', content: `发送失败：${e.message}` });
  } finally {
    pollNow();
  }
}

/** Sends the chosen file to the bot as the current person (a file message, as from the Feishu client). */
async function sendFile(file) {
  const user = state.current;
  if (!file || !user || state.chatId) return;
  $('attach').disabled = true;
  $('attach').classList.add('busy');
  pollNow();
  try {
    reportDelivery(await uploadFile(user.open_id, file), '文件');
  } catch (e) {
    showToast({ type: 'error', content: `文件发送失败：${e.message}` });
  } finally {
    $('attach').disabled = false;
    $('attach').classList.remove('busy');
    $('file-input').value = '';
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
  $('back').addEventListener('click', () => setChatOpen(false));
  $('attach').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', () => void sendFile($('file-input').files?.[0]));
  $('user-search').addEventListener('input', applyFilter);
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
  for (const u of state.users) state.people.set(u.open_id, u);
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
