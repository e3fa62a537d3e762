/**
 * An admin and the people of a round in the emulated Feishu, through the control API over HTTP only: the users
 * with their mobiles and e-mails, files sent to the bot, files the bot sent, card taps with form values.
 */
import ExcelJS from 'exceljs';
import type { ChatMessage } from '../../src/emulator/types.js';
import { actOnCard, type ActionAnswer } from '../support/control-api.js';
import { buttonsOf, cardText, type CardJson } from './fill-helpers.js';

export interface ApiUser {
  open_id: string;
  name: string;
  mobile: string | null;
  email: string | null;
  departments: string[];
  available: boolean;
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export const users = (emu: string) => getJson<ApiUser[]>(`${emu}/api/users`);
export const chatOf = (emu: string, openId: string) =>
  getJson<ChatMessage[]>(`${emu}/api/users/${encodeURIComponent(openId)}/messages`);

/** Polls a person's chat until `predicate` holds (bounded). */
export async function waitChat(
  emu: string,
  openId: string,
  predicate: (m: ChatMessage[]) => boolean,
  timeoutMs = 10_000,
): Promise<ChatMessage[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const msgs = await chatOf(emu, openId);
    if (predicate(msgs)) return msgs;
    if (Date.now() > until)
      throw new Error(
        `timed out; last: ${msgs
          .slice(-3)
          .map((m) => JSON.stringify(m.content).slice(0, 300))
          .join('\n')}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `probe` until it gives a value (bounded). */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A person sends a file to the bot (multipart, as the web page uploads it). */
export async function sendFile(emu: string, openId: string, fileName: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  const res = await fetch(`${emu}/api/users/${encodeURIComponent(openId)}/files`, {
    method: 'POST',
    body: form,
  });
  return (await res.json()) as { message_id: string; delivered: boolean; error?: string };
}

/** The bytes of a file the bot sent. */
export async function fileBytes(emu: string, fileKey: string): Promise<Buffer> {
  const res = await fetch(`${emu}/api/files/${encodeURIComponent(fileKey)}`);
  if (!res.ok) throw new Error(`file ${fileKey}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** An .xlsx whose first sheet holds `rows` under `header`. */
export async function xlsx(header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('单位');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The latest bot card of a chat whose text includes `needle`. */
export function lastCard(msgs: ChatMessage[], needle: string): { id: string; card: CardJson } | undefined {
  const m = [...msgs]
    .reverse()
    .find((x) => x.sender === 'bot' && x.msg_type === 'interactive' && cardText(x.content).includes(needle));
  return m ? { id: m.message_id, card: m.content as CardJson } : undefined;
}

/**
 * What a form submit sends besides what the person changed: every control's current value, as Feishu's form
 * container does (inputs' default_value, selects' initial option, pickers' preselected people).
 */
export function formDefaults(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.name === 'string') {
      if (o.tag === 'input' && o.default_value !== undefined) out[o.name] = o.default_value;
      if ((o.tag === 'select_static' || o.tag === 'select_person') && o.initial_option !== undefined)
        out[o.name] = o.initial_option;
      if (
        (o.tag === 'multi_select_static' || o.tag === 'multi_select_person') &&
        o.selected_values !== undefined
      )
        out[o.name] = o.selected_values;
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** Taps the button whose label starts with `label`; a form button sends the form as shown, with `changes`. */
export async function tap(
  emu: string,
  openId: string,
  screen: { id: string; card: CardJson },
  label: string,
  changes: Record<string, unknown> = {},
  /** the group chat the card is in (a one-to-one chat otherwise) */
  chatId?: string,
): Promise<ActionAnswer> {
  const button = buttonsOf(screen.card).find((b) => b.text.startsWith(label));
  if (!button)
    throw new Error(
      `no button 「${label}」 on: ${buttonsOf(screen.card)
        .map((b) => b.text)
        .join(' / ')}`,
    );
  const answer = await actOnCard(emu, screen.id, {
    open_id: openId,
    value: button.value,
    ...(button.submits
      ? { form_value: { ...formDefaults(screen.card), ...changes } as Record<string, string> }
      : {}),
  });
  const chat = chatId
    ? await getJson<ChatMessage[]>(`${emu}/api/chats/${chatId}/messages`)
    : await chatOf(emu, openId);
  const now = chat.find((m) => m.message_id === screen.id);
  if (now) screen.card = now.content as CardJson;
  return answer;
}
