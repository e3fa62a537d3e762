// The emulator's control API (same origin). Errors become Error objects with a Chinese message.

async function call(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new Error('无法连接模拟器，请确认它仍在运行');
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const msg = (data && (data.msg || data.message || data.error)) || `请求失败（HTTP ${res.status}）`;
    throw new Error(typeof msg === 'string' ? msg : `请求失败（HTTP ${res.status}）`);
  }
  return data;
}

/** GET /api/users -> [{open_id, name, ...}] */
export const listUsers = () => call('GET', '/api/users');
/** GET /api/users/:open_id/messages -> the chat, oldest first */
export const listMessages = (openId) => call('GET', `/api/users/${encodeURIComponent(openId)}/messages`);
/** POST /api/users/:open_id/messages {text} -> {message_id} */
export const sendText = (openId, text) =>
  call('POST', `/api/users/${encodeURIComponent(openId)}/messages`, { text });
/** POST /api/messages/:message_id/actions -> the bot's callback response {toast?, card?} */
export const postAction = (messageId, payload) =>
  call('POST', `/api/messages/${encodeURIComponent(messageId)}/actions`, payload);
/** The download address of a file the bot sent. */
export const fileUrl = (fileKey) => `/api/files/${encodeURIComponent(fileKey)}`;
/** POST /api/users/:open_id/files (multipart, field file) -> {message_id, delivered, error?} */
export async function uploadFile(openId, file) {
  const form = new FormData();
  form.append('file', file, file.name);
  let res;
  try {
    res = await fetch(`/api/users/${encodeURIComponent(openId)}/files`, { method: 'POST', body: form });
  } catch {
    throw new Error('无法连接模拟器，请确认它仍在运行');
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error((data && data.error) || `上传失败（HTTP ${res.status}）`);
  return data;
}
/** GET /api/chats -> the group chats with their members */
export const listChats = () => call('GET', '/api/chats');
/** GET /api/chats/:chat_id/messages -> the group's messages, oldest first */
export const listChatMessages = (chatId) => call('GET', `/api/chats/${encodeURIComponent(chatId)}/messages`);
/** POST /api/chats/:chat_id/messages {open_id, text, mention_bot} */
export const sendGroupText = (chatId, openId, text, mentionBot) =>
  call('POST', `/api/chats/${encodeURIComponent(chatId)}/messages`, {
    open_id: openId,
    text,
    mention_bot: mentionBot,
  });
/** GET /api/activity -> {users: {open_id: {count, last_update}}, chats: {chat_id: {count, last_update}}} */
export const getActivity = () => call('GET', '/api/activity');
