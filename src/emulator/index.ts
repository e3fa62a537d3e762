import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorState } from './state.js';
import { FaultInjector } from './faults.js';
import { Deliverer } from './delivery.js';
import { Interactions } from './interactions.js';
import { newCounters } from './counters.js';
import { createApp } from './server.js';
import { DEMO_DEPARTMENTS, DEMO_DIRECTORY_USERS } from './demo-directory.js';
import { Tenant } from './tenant.js';
import { botOpenIdOf } from './ids.js';
import { WsGateway } from './ws-gateway.js';
import type { ChatMessage, Emulator, EmulatorOptions } from './types.js';
import { groupInfo } from './group-info.js';

export type {
  CardActionInput,
  CardActionResult,
  ChatMessage,
  CreateUserChatInput,
  CreateUserChatResult,
  Emulator,
  EmulatorDepartment,
  EmulatorOptions,
  EmulatorStats,
  EmulatorUser,
  Faults,
  GroupChatInfo,
  SendTextResult,
} from './types.js';
export { DEMO, DEMO_USERS, DEMO_TENANT_KEY } from './demo-tenant.js';
export { DEMO_DIRECTORY_USERS, DEMO_DEPARTMENTS, DEMO_TENANT_NAME } from './demo-directory.js';
export { validateCard } from './card-validation.js';
export { buildPush, decryptPayload, encryptPayload, signBody } from './signing.js';

// Feishu gives a callback 3 s before the client shows an error.
const DEFAULT_CALLBACK_TIMEOUT_MS = 3000;
const WAIT_POLL_MS = 20;
// The bot's display name in the emulated client (what an @mention shows).
const BOT_NAME = '年报助手';

/** Starts the local Feishu emulator: Open API for the SDK, pushes to the bot's webhook, control API, web page. */
export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const now = opts.now ?? Date.now;
  // Without users, the demo county with its departments; explicit users bring their own departments (or none).
  const tenant = opts.users
    ? new Tenant(opts.users, opts.departments ?? [])
    : new Tenant(DEMO_DIRECTORY_USERS, opts.departments ?? DEMO_DEPARTMENTS);
  const state = new EmulatorState(tenant, now, botOpenIdOf(opts.appId));
  const faults = new FaultInjector(now);
  const counters = newCounters();
  let webhook = opts.webhookUrl;
  let url = '';
  const timeoutMs = opts.callbackTimeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
  const gateway = new WsGateway({ appId: opts.appId, appSecret: opts.appSecret, url: () => url, timeoutMs });
  const deliverer = new Deliverer({
    appId: opts.appId,
    verificationToken: opts.verificationToken,
    encryptKey: opts.encryptKey || undefined,
    timeoutMs,
    now,
    webhook: () => webhook,
    duplicates: () => faults.duplicates,
    onPush: () => {
      counters.deliveries += 1;
    },
    longConnection: () => (gateway.size > 0 ? (env) => gateway.push(env) : undefined),
  });
  const interactions = new Interactions(state, deliverer, {
    groupMessages: opts.groupMessages ?? 'mentions',
    botName: BOT_NAME,
  });

  const verifyWebhook = async (): Promise<{ ok: boolean; error?: string }> => {
    const challenge = `emu-${Math.random().toString(36).slice(2)}`;
    const r = await deliverer.pushRaw(
      { challenge, token: opts.verificationToken, type: 'url_verification' },
      false,
    );
    if (!r.ok) return { ok: false, error: r.error };
    const got = (r.json as { challenge?: unknown } | undefined)?.challenge;
    return got === challenge ? { ok: true } : { ok: false, error: 'the webhook did not echo the challenge' };
  };

  const app = createApp(
    { state, faults, counters, appId: opts.appId, appSecret: opts.appSecret },
    {
      state,
      faults,
      counters,
      interactions,
      appId: opts.appId,
      encrypted: Boolean(opts.encryptKey),
      url: () => url,
      getWebhook: () => webhook,
      setWebhook: (u) => {
        webhook = u;
      },
      verifyWebhook,
      longConnections: () => gateway.size,
    },
    gateway.endpoint,
  );
  const server = http.createServer(app);
  gateway.attach(server);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    users: state.users,
    setWebhook: (u: string) => {
      webhook = u;
    },
    setFaults: (f) => faults.set(f),
    stats: () => ({ ...counters, longConnections: gateway.size }),
    messages: (openId) => state.chatOf(openId),
    sendText: (openId, text) => interactions.sendText(openId, text),
    sendFile: (openId, fileName, bytes) => interactions.sendFile(openId, fileName, bytes),
    act: (messageId, input) => interactions.act(messageId, input),
    chats: () => state.allGroups().map((g) => groupInfo(state, g.chat_id)!),
    chatMessages: (chatId) => state.groupMessages(chatId),
    sendGroupText: (chatId, openId, text, mentionBot) =>
      interactions.sendGroupText(chatId, openId, text, mentionBot),
    createUserChat: (input) => interactions.createUserChat(input),
    departments: tenant.departments,
    botOpenId: state.botOpenId,
    waitForMessages: (openId, predicate, timeoutMs = 5000) =>
      waitFor(() => state.chatOf(openId), predicate, timeoutMs),
    waitForChatMessages: (chatId, predicate, timeoutMs = 5000) =>
      waitFor(() => state.groupMessages(chatId), predicate, timeoutMs),
    close: () =>
      new Promise<void>((resolve, reject) => {
        gateway.close();
        deliverer.close();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Bounded polling: checks every 20 ms, gives up after timeoutMs with the last messages in the error. */
function waitFor(
  read: () => ChatMessage[],
  predicate: (msgs: ChatMessage[]) => boolean,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      const msgs = read();
      let hit: boolean;
      try {
        hit = predicate(msgs);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      if (hit) return resolve(msgs);
      if (Date.now() >= deadline) {
        const last = msgs
          .slice(-3)
          .map((m) => `${m.sender}/${m.msg_type}: ${JSON.stringify(m.content).slice(0, 300)}`)
          .join('\n  ');
        reject(
          new Error(
            `waiting for messages timed out after ${timeoutMs} ms; last messages:\n  ${last || '(none)'}`,
          ),
        );
        return;
      }
      setTimeout(tick, WAIT_POLL_MS);
    };
    tick();
  });
}
