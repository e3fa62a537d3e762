/** The short name shown in an avatar: the last two characters of a Chinese name. */
export function avatarText(name) {
  const s = String(name ?? '').trim();
  if (!s) return '?';
  return /^[\u4e00-\u9fff]+$/.test(s) ? s.slice(-2) : s.slice(0, 1).toUpperCase();
}
