import type { ChatMessage, EmulatorUser } from './types.js';
import type { Tenant } from './tenant.js';
import { p2pChatId } from './ids.js';

/** A stored message; `content` is kept parsed so a card can be patched and shown as an object. */
export interface StoredMessage extends ChatMessage {
  chat_id: string;
}

/** The size and last change of a chat's messages. */
export interface ChatActivity {
  count: number;
  /** ms since epoch of the latest message or card update */
  last_update: number;
}

/** A group chat: who owns it, who is in it, and whether the bot is. */
export interface GroupChat {
  chat_id: string;
  name: string;
  description: string;
  owner: { type: 'app_id' | 'open_id'; id: string };
  /** open_ids of the users in the group, in the order they joined */
  members: string[];
  botIn: boolean;
  create_time: number;
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

// Feishu: a uuid dedupes a message for 1 hour and a group creation for 10 hours; a callback token allows 2
// updates within 30 minutes.
const UUID_TTL_MS = 60 * 60 * 1000;
const CHAT_UUID_TTL_MS = 10 * 60 * 60 * 1000;
const CARD_TOKEN_TTL_MS = 30 * 60 * 1000;
const CARD_TOKEN_MAX_USES = 2;

/** Everything the emulated tenant holds, in memory: the directory, chats and their messages, files, tokens. */
export class EmulatorState {
  private readonly chats = new Map<string, StoredMessage[]>();
  private readonly groups = new Map<string, GroupChat>();
  private readonly chatUuids = new Map<string, { chat_id: string; at: number }>();
  private readonly byId = new Map<string, StoredMessage>();
  private readonly files = new Map<string, StoredFile>();
  private readonly uuids = new Map<string, { message_id: string; at: number }>();
  private readonly tenantTokens = new Map<string, number>();
  private readonly cardTokens = new Map<string, CardToken>();

  constructor(
    readonly tenant: Tenant,
    readonly now: () => number,
    /** the bot's own open_id, as mentions show it */
    readonly botOpenId: string,
  ) {}

  /** Everyone in the tenant, visible to the app or not. */
  get users(): EmulatorUser[] {
    return this.tenant.users;
  }

  /** Finds a user by any of Feishu's receive id types; a chat_id finds the user of that p2p chat. */
  findUser(idType: string, id: string): EmulatorUser | undefined {
    if (idType === 'chat_id') return this.users.find((u) => p2pChatId(u.open_id) === id);
    return this.tenant.findUser(idType, id);
  }

  addGroup(g: GroupChat, uuid?: string): GroupChat {
    this.groups.set(g.chat_id, g);
    this.chats.set(g.chat_id, this.chats.get(g.chat_id) ?? []);
    if (uuid) this.chatUuids.set(uuid, { chat_id: g.chat_id, at: this.now() });
    return g;
  }

  getGroup(chatId: string): GroupChat | undefined {
    return this.groups.get(chatId);
  }

  /** Every group chat, oldest first. */
  allGroups(): GroupChat[] {
    return [...this.groups.values()];
  }

  /** The group an earlier create with this uuid made, if within Feishu's 10-hour window. */
  findChatUuid(uuid: string): GroupChat | undefined {
    const hit = this.chatUuids.get(uuid);
    if (!hit) return undefined;
    if (this.now() - hit.at > CHAT_UUID_TTL_MS) {
      this.chatUuids.delete(uuid);
      return undefined;
    }
    return this.groups.get(hit.chat_id);
  }

  /** The people who see a chat: a p2p chat's user, or a group's members. */
  chatMembers(chatId: string): string[] {
    const g = this.groups.get(chatId);
    if (g) return [...g.members];
    const u = this.findUser('chat_id', chatId);
    return u ? [u.open_id] : [];
  }

  /** Whether the bot is in the chat (always in its p2p chats), so it receives its messages and may download files. */
  botInChat(chatId: string): boolean {
    const g = this.groups.get(chatId);
    return g ? g.botIn : this.findUser('chat_id', chatId) !== undefined;
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
    // The p2p chat says who the user is, so its messages leave out the sender's open_id (as before groups existed).
    return list.map(({ chat_id: _chat, open_id: _who, ...m }) => structuredClone(m));
  }

  /**
   * How much each chat holds and when it last changed (a new message or an updated card), keyed by the user's
   * open_id for p2p chats and by chat_id for groups: lets a client fetch only the chats that changed.
   */
  activity(): { users: Record<string, ChatActivity>; chats: Record<string, ChatActivity> } {
    const byP2p = new Map(this.users.map((u) => [p2pChatId(u.open_id), u.open_id]));
    const users: Record<string, ChatActivity> = {};
    const chats: Record<string, ChatActivity> = {};
    for (const [chatId, list] of this.chats) {
      const a = { count: list.length, last_update: list.reduce((t, m) => Math.max(t, m.update_time), 0) };
      if (this.groups.has(chatId)) chats[chatId] = a;
      else {
        const openId = byP2p.get(chatId);
        if (openId) users[openId] = a;
      }
    }
    return { users, chats };
  }

  /** A group's messages, oldest first, each user message with who wrote it. */
  groupMessages(chatId: string): ChatMessage[] {
    const list = this.chats.get(chatId) ?? [];
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
