/**
 * The emulator's control API over real HTTP, as the web page and anyone scripting the bot use it
 * (design.md: POST /api/users/:open_id/messages, POST /api/messages/:message_id/actions).
 */

/** What POST /api/users/:open_id/messages answers. */
export interface SentMessage {
  message_id: string;
  delivered: boolean;
  error?: string;
}

/** What POST /api/messages/:message_id/actions answers: the bot's callback response. */
export interface ActionAnswer {
  toast?: { type: string; content: string };
  card?: unknown;
  error?: string;
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok && !(json as { error?: string }).error) throw new Error(`${url}: HTTP ${res.status}`);
  return json;
}

/** A person's chat message to the bot. */
export function sendMessage(emulatorUrl: string, openId: string, text: string): Promise<SentMessage> {
  return postJson(`${emulatorUrl}/api/users/${encodeURIComponent(openId)}/messages`, { text });
}

/** A tap or a form submit on a card. */
export function actOnCard(
  emulatorUrl: string,
  messageId: string,
  action: { open_id: string; value: unknown; form_value?: Record<string, string>; name?: string },
): Promise<ActionAnswer> {
  return postJson(`${emulatorUrl}/api/messages/${encodeURIComponent(messageId)}/actions`, action);
}
