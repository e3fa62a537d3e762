import type { ChatMessage, EmulatorUser } from './types.js';
import { p2pChatId } from './ids.js';

/** A stored message; `content` is kept parsed so a card can be patched and shown as an object. */
export interface StoredMessage extends ChatMessage {
  chat_id: string;
}

export interface StoredFile {
  file_key: string;
  file_name: string;
  file_type: string;
  bytes: Buffer;
}

interface CardToken {
  message_id: string;
  uses: number;
  created: number;
}

// Feishu: a uuid dedupes for 1 hour; a callback token allows 2 updates within 30 minutes.
const UUID_TTL_MS = 60 * 60 * 1000;
const CARD_TOKEN_TTL_MS = 30 * 60 * 1000;
const CARD_TOKEN_MAX_USES = 2;

/** Everything the emulated tenant holds, in memory: users, p2p chats, files, tokens. */
export class EmulatorState {
  readonly users: EmulatorUser[];
  private readonly chats = new Map<string, StoredMessage[]>();
  private readonly byId = new Map<string, StoredMessage>();
  private readonly files = new Map<string, StoredFile>();
  private readonly uuids = new Map<string, { message_id: string; at: number }>();
  private readonly tenantTokens = new Map<string, number>();
  private readonly cardTokens = new Map<string, CardToken>();

  constructor(
    users: EmulatorUser[],
    readonly now: () => number,
  ) {
    this.users = users.map((u) => ({ ...u }));
  }

  /** Finds a user by any of Feishu's receive id types. */
  findUser(idType: string, id: string): EmulatorUser | undefined {
    switch (idType) {
      case 'open_id':
        return this.users.find((u) => u.open_id === id);
      case 'user_id':
        return this.users.find((u) => u.user_id === id);
      case 'union_id':
        return this.users.find((u) => u.union_id === id);
      case 'chat_id':
        return this.users.find((u) => p2pChatId(u.open_id) === id);
      default:
        return undefined;
    }
  }

  /** Appends a message to a chat. */
  addMessage(msg: StoredMessage): StoredMessage {
    const list = this.chats.get(msg.chat_id) ?? [];
    list.push(msg);
    this.chats.set(msg.chat_id, list);
    this.byId.set(msg.message_id, msg);
    return msg;
  }

  getMessage(messageId: string): StoredMessage | undefined {
    return this.byId.get(messageId);
  }

  /** Replaces a message's content (card update) and bumps update_time. */
  updateContent(messageId: string, content: Record<string, unknown>): void {
    const msg = this.byId.get(messageId);
    if (!msg) return;
    msg.content = content;
    msg.update_time = Math.max(this.now(), msg.update_time + 1);
  }

  /** The chat of one user, oldest first, as copies callers may keep. */
  chatOf(openId: string): ChatMessage[] {
    const list = this.chats.get(p2pChatId(openId)) ?? [];
    return list.map(({ chat_id: _chat, ...m }) => structuredClone(m));
  }

  /** The message id an earlier send with this uuid produced, if still within Feishu's 1-hour window. */
  findUuid(uuid: string): string | undefined {
    const hit = this.uuids.get(uuid);
    if (!hit) return undefined;
    if (this.now() - hit.at > UUID_TTL_MS) {
      this.uuids.delete(uuid);
      return undefined;
    }
    return hit.message_id;
  }

  rememberUuid(uuid: string, messageId: string): void {
    this.uuids.set(uuid, { message_id: messageId, at: this.now() });
  }

  addFile(file: StoredFile): void {
    this.files.set(file.file_key, file);
  }

  getFile(fileKey: string): StoredFile | undefined {
    return this.files.get(fileKey);
  }

  /** Issues a tenant token; expiry is on the wall clock because the SDK caches tokens on the wall clock. */
  issueTenantToken(token: string, expireSeconds: number): void {
    this.tenantTokens.set(token, Date.now() + expireSeconds * 1000);
  }

  isTenantTokenValid(token: string): boolean {
    const exp = this.tenantTokens.get(token);
    return exp !== undefined && exp > Date.now();
  }

  issueCardToken(token: string, messageId: string): void {
    this.cardTokens.set(token, { message_id: messageId, uses: 0, created: this.now() });
  }

  /** Spends one use of a card callback token; returns the message it updates, or why it cannot. */
  useCardToken(token: string): { message_id: string } | { error: string } {
    const t = this.cardTokens.get(token);
    if (!t) return { error: 'card token not found' };
    if (this.now() - t.created > CARD_TOKEN_TTL_MS) return { error: 'card token expired (valid 30 minutes)' };
    if (t.uses >= CARD_TOKEN_MAX_USES) return { error: 'card token already used twice' };
    t.uses += 1;
    return { message_id: t.message_id };
  }
}
