/** A person in the emulated tenant, with the three ids Feishu gives every user. */
export interface EmulatorUser {
  open_id: string;
  user_id: string;
  union_id: string;
  name: string;
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
  /** default DEMO_USERS */
  users?: EmulatorUser[];
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

/** One message of a bot↔user p2p chat as the control API shows it. */
export interface ChatMessage {
  message_id: string;
  sender: 'bot' | 'user';
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

/** Result of a user chat message pushed to the bot. */
export interface SendTextResult {
  message_id: string;
  event_id?: string;
  delivered: boolean;
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
  /** A user taps a button / submits a form on a card (same as POST /api/messages/:id/actions). */
  act(messageId: string, action: CardActionInput): Promise<CardActionResult>;
}

/** A tap or form submit on a card, as the web page or a test describes it. */
export interface CardActionInput {
  open_id: string;
  value?: Record<string, unknown>;
  form_value?: Record<string, unknown>;
  tag?: string;
  name?: string;
}
