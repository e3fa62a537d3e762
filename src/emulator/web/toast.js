// Feishu-like toasts at the top of the window: the callback's {type, content}, shown ~3 s.

const ICONS = { success: '✓', error: '!', warning: '!', info: 'i' };

/** Shows a toast ({type:'success'|'error'|'info'|'warning', content}) for `ms` milliseconds. */
export function showToast(toast, ms = 3000) {
  if (!toast || typeof toast !== 'object') return;
  const type = ICONS[toast.type] ? toast.type : 'info';
  const content = typeof toast.content === 'string' ? toast.content : (toast.i18n?.zh_cn ?? '');
  if (!content) return;
  let host = document.getElementById('toasts');
  if (!host) {
    host = document.createElement('div');
    host.id = 'toasts';
    document.body.append(host);
  }
  const t = document.createElement('div');
  t.className = `toast toast-${type}`;
  t.setAttribute('role', 'status');
  const icon = document.createElement('span');
  icon.className = 'toast-icon';
  icon.textContent = ICONS[type];
  const text = document.createElement('span');
  text.className = 'toast-text';
  text.textContent = content;
  t.append(icon, text);
  host.append(t);
  setTimeout(() => t.classList.add('toast-out'), Math.max(ms - 300, 0));
  setTimeout(() => t.remove(), ms);
}
