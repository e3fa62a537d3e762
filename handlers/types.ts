import type { Logger } from '../src/logger.js';
import type { Outbox } from '../src/feishu/outbox.js';
import type { Storage } from '../storage/store.js';
import type { RoundOpeners } from '../src/admin/openers.js';
import type { Directory, GroupChats, MessageFiles } from '../src/people/directory.js';
import type { PdfMaker } from '../src/render/publish-files.js';

/** `im.message.receive_v1` as the SDK hands it over (v2 envelope flattened: header fields at top level). */
export interface MessageEvent {
  event_id?: string;
  sender: { sender_id?: { open_id?: string; user_id?: string; union_id?: string }; sender_type?: string };
  message: {
    message_id: string;
    chat_id: string;
    chat_type: string;
    message_type: string;
    content: string;
    /** in group chats: who was @mentioned; the text holds their `key` (@_user_1) */
    mentions?: Array<{ key: string; name?: string; id?: { open_id?: string } }>;
  };
}

/** `card.action.trigger`; not in the SDK's generated typings (node-sdk#156), so described here. */
export interface CardActionEvent {
  event_id?: string;
  token?: string;
  operator: { open_id: string; user_id?: string; union_id?: string; tenant_key?: string };
  action: {
    value?: unknown;
    tag?: string;
    name?: string;
    option?: string;
    form_value?: Record<string, unknown>;
    input_value?: string;
  };
  context?: { open_message_id?: string; open_chat_id?: string };
}

/** What a card callback answers within Feishu's 3 s: a toast and/or a card that replaces the tapped one. */
export interface CardActionResponse {
  toast?: { type: 'info' | 'success' | 'error' | 'warning'; content: string };
  card?: { type: 'raw'; data: object };
}

/**
 * What handlers may use: the outbox for anything slow or addressed to others, the storage the domain reads and
 * writes through, a logger carrying the event id, the clock.
 */
export interface HandlerDeps {
  outbox: Pick<Outbox, 'enqueue' | 'sendCard' | 'sendText' | 'attachFile' | 'abandonFile'>;
  storage: Storage;
  log: Logger;
  now: () => number;
  /** the Feishu event id being handled; use it (plus a suffix) as the outbox key so a reprocessed event never queues twice */
  eventId: string;
  /** where files to upload (Word reports) are written before the outbox sends them; inside the data directory */
  filesDir?: string;
  /** a person's display name from the contact API (the open_id when unknown); absent in some tests */
  userName?: (openId: string) => Promise<string>;
  /** the contact directory: people by name, mobile or e-mail, departments (the admin's set-up) */
  directory?: Directory;
  /** group chats the bot opens (a round's working group) */
  groups?: GroupChats;
  /** files people send the bot (a round spreadsheet) */
  files?: MessageFiles;
  /** who may open rounds (ADMINS, and the admins of any round) */
  mayOpen?: RoundOpeners;
  /** makes a report's PDF (LibreOffice) for the files of an approved report; absent: they carry no PDF */
  pdf?: PdfMaker;
}
