import type { Card } from './card-shell.js';

type ToastType = 'info' | 'success' | 'error' | 'warning';

/** A card-callback answer that only shows a toast. */
export function toastResponse(type: ToastType, content: string) {
  return { toast: { type, content } };
}

/** A card-callback answer that replaces the tapped card, with an optional toast. */
export function cardResponse(card: Card, toast?: { type: ToastType; content: string }) {
  return { ...(toast ? { toast } : {}), card: { type: 'raw' as const, data: card } };
}
