/** A person in the emulated tenant, with the three ids Feishu gives every user. */
export interface EmulatorUser {
  open_id: string;
  user_id: string;
  union_id: string;
  name: string;
  /** mainland numbers as 11 digits, others with + and the country code (the contact API shows +86 for mainland) */
  mobile?: string;
  email?: string;
  /** open_department_ids of the person's departments; none = directly under the root ('0') */
  department_ids?: string[];
  job_title?: string;
  /**
   * false: the person is in the tenant but outside the app's availability (可用范围): the contact API does not
   * return them, the bot cannot message them, and they cannot chat with the bot. Default true.
   */
  available?: boolean;
}

/** A department of the emulated contact directory (通讯录). */
export interface EmulatorDepartment {
  /** od- + 32 hex, as Feishu's open_department_id */
  open_department_id: string;
  /** the tenant's own department id (department_id_type=department_id) */
  department_id: string;
  name: string;
  /** open_department_id of the parent; '0' = directly under the root */
  parent_department_id: string;
  /** open_id of the department's leader (负责人) */
  leader_user_id?: string;
}

export interface EmulatorOptions {
  /** 0 = random; default 0 */
  port?: number;
  /** default '127.0.0.1' */
  host?: string;
  /** looks like cli_ + 16 hex: the SDK's WSClient refuses any other form */
  appId: string;
  appSecret: string;
  verificationToken: string;
  /** when set, every push is encrypted and signed exactly like Feishu; when empty, plaintext with the token */
  encryptKey?: string;
  /** the bot's endpoint for events AND card callbacks (one URL) */
  webhookUrl?: string;
  /**
   * The tenant's people. Default: the demo county directory (DEMO_DIRECTORY_USERS, with DEMO's four people).
   * Users without department_ids sit directly under the root department.
   */
  users?: EmulatorUser[];
  /** The tenant's departments. Default: the demo county's when `users` is not given, else none. */
  departments?: EmulatorDepartment[];
  /**
   * Which group messages the bot receives: only those that @mention it (scope im:message.group_at_msg:readonly,
   * the usual one) or all of them (im:message.group_msg). Default 'mentions'.
   */
  groupMessages?: 'mentions' | 'all';
  /** injectable clock (ms): message times and rate-limit windows; token expiry follows the wall clock like the SDK's cache */
  now?: () => number;
  /** how long a push may take before it counts as failed; Feishu gives a callback 3 s. Default 3000. */
  callbackTimeoutMs?: number;
}

export interface Faults {
  /** 0..1: share of Open API calls answered HTTP 500 (before any work is done) */
  error5xxRate?: number;
  /** 0..1: share answered HTTP 429 {code:99991400} + x-ogw-ratelimit-reset */
  rateLimitRate?: number;
  /** apply Feishu's real message-create limits: 50/s and 1000/min per app, 5 QPS per receiving user */
  enforceRateLimits?: boolean;
  /** every Open API answer is delayed this long */
  delayMs?: number;
  /** each event/callback push is delivered this many extra times with the SAME event_id */
  duplicateDeliveries?: number;
  /** 0..1: share of Open API calls that DO their work but whose answer is lost (HTTP 500): the case uuid exists for */
  lostResponseRate?: number;
  /** the rates use a seeded PRNG so tests are reproducible */
  seed?: number;
}

/** One message of a chat (the bot↔user p2p chat, or a group) as the control API shows it. */
export interface ChatMessage {
  message_id: string;
  sender: 'bot' | 'user';
  /** in a group chat: who wrote a user message (p2p messages leave it out: the chat says who) */
  open_id?: string;
  msg_type: string;
  /** text: {text}; interactive: the card JSON object as last updated; file: {file_key, file_name, file_type, size} */
  content: Record<string, unknown>;
  /** ms since epoch */
  create_time: number;
  update_time: number;
  /** set on replies */
  parent_id?: string;
}

/** What the bot answered to a card action, plus what the emulator made of it. */
export interface CardActionResult {
  toast?: { type: string; content: string; i18n?: Record<string, string> };
  card?: unknown;
  /** set when the push failed, timed out, or the answer could not be applied */
  error?: string;
  event_id?: string;
}

/** Result of a user chat message (text or file) pushed to the bot. */
export interface SendTextResult {
  message_id: string;
  event_id?: string;
  delivered: boolean;
  error?: string;
  /** set when Feishu would not push this message to the bot at all (a group message that does not @mention it) */
  skipped?: string;
}

/** A group chat as the control API lists it. */
export interface GroupChatInfo {
  chat_id: string;
  name: string;
  /** the owner: the app id when the bot created it, else the creating user's open_id */
  owner_id: string;
  owner_id_type: 'app_id' | 'open_id';
  /** whether the bot is a member (it receives events from the group and may post there) */
  bot_in_chat: boolean;
  /** the users in the group, in the order they joined (bots excluded, as Feishu lists members) */
  members: { open_id: string; name: string }[];
  /** ms since epoch */
  create_time: number;
}

/** A user creates a group in the client (optionally with the bot in it). */
export interface CreateUserChatInput {
  /** the creator, who becomes the owner */
  open_id: string;
  name: string;
  members?: string[];
  /** add the bot: Feishu then pushes im.chat.member.bot.added_v1 */
  with_bot?: boolean;
}

/** What creating a group from the client gives back. */
export interface CreateUserChatResult {
  chat_id: string;
  /** set when the bot was added: the push of im.chat.member.bot.added_v1 */
  event_id?: string;
  delivered?: boolean;
  error?: string;
}

export interface EmulatorStats {
  openApiCalls: number;
  rejected429: number;
  rejected5xx: number;
  messagesCreated: number;
  deliveries: number;
  /** SDK WSClients currently holding a long connection (events then go there instead of the webhook) */
  longConnections: number;
}

export interface Emulator {
  /** 'http://127.0.0.1:PORT': SDK domain, control API and web page */
  url: string;
  setWebhook(url: string): void;
  /** replaces current faults; setFaults({}) clears */
  setFaults(f: Faults): void;
  users: EmulatorUser[];
  close(): Promise<void>;
  /** For tests: resolves when predicate(messages of that user's chat) is true; rejects after timeoutMs (bounded polling). */
  waitForMessages(
    openId: string,
    predicate: (msgs: ChatMessage[]) => boolean,
    timeoutMs?: number,
  ): Promise<ChatMessage[]>;
  stats(): EmulatorStats;
  /** The bot↔user chat, oldest first (same as GET /api/users/:open_id/messages). */
  messages(openId: string): ChatMessage[];
  /** The user types a chat message (same as POST /api/users/:open_id/messages). */
  sendText(openId: string, text: string): Promise<SendTextResult>;
  /** The user sends a file to the bot in their p2p chat (same as POST /api/users/:open_id/files). */
  sendFile(openId: string, fileName: string, bytes: Buffer): Promise<SendTextResult>;
  /** A user taps a button / submits a form on a card (same as POST /api/messages/:id/actions). */
  act(messageId: string, action: CardActionInput): Promise<CardActionResult>;
  /** The group chats with their members (same as GET /api/chats); p2p chats are not listed. */
  chats(): GroupChatInfo[];
  /** A group's messages, oldest first (same as GET /api/chats/:chat_id/messages). */
  chatMessages(chatId: string): ChatMessage[];
  /** A member writes in a group, @mentioning the bot or not (same as POST /api/chats/:chat_id/messages). */
  sendGroupText(chatId: string, openId: string, text: string, mentionBot?: boolean): Promise<SendTextResult>;
  /** A user creates a group in the client, optionally with the bot (same as POST /api/chats). */
  createUserChat(input: CreateUserChatInput): Promise<CreateUserChatResult>;
  /** Like waitForMessages, for a group chat. */
  waitForChatMessages(
    chatId: string,
    predicate: (msgs: ChatMessage[]) => boolean,
    timeoutMs?: number,
  ): Promise<ChatMessage[]>;
  /** The contact directory's departments (all of them, visible or not). */
  departments: EmulatorDepartment[];
  /** The bot's own open_id, as it appears in the mentions of a group message. */
  botOpenId: string;
}

/** A tap or form submit on a card, as the web page or a test describes it. */
export interface CardActionInput {
  open_id: string;
  value?: Record<string, unknown>;
  form_value?: Record<string, unknown>;
  tag?: string;
  name?: string;
  /** a single select outside a form (select_static, select_person): the chosen value / open_id */
  option?: string;
  /** a multi select outside a form (multi_select_static, multi_select_person): the chosen values / open_ids */
  options?: string[];
}
