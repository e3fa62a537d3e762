import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type * as lark from '@larksuiteoapi/node-sdk';
import { EventClaims, type ClaimStore, type EventClaimsOptions } from '../../storage/event-claims.js';
import { PostgresClaims } from '../../storage/postgres-claims.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import { openStorage } from '../../storage/open-storage.js';
import type { CopyableStorage } from '../../storage/store.js';
import type { FeishuSettings } from '../config.js';
import type { Logger } from '../logger.js';
import { createFeishuApi, createLarkClient, type FeishuApi } from '../feishu/client.js';
import { Outbox, type OutboxOptions } from '../feishu/outbox.js';
import { createUserNames } from '../feishu/user-names.js';
import { createDirectory, createGroupChats, createMessageFiles } from '../feishu/directory.js';
import { roundOpeners } from '../admin/openers.js';
import { storedApprovals } from '../reminders/approval-adapter.js';
import { reminderCalendar } from '../reminders/calendar-config.js';
import { ReminderScheduler } from '../reminders/scheduler.js';
import { createApp, EVENTS_PATH } from './app.js';
import { createHttpServer, type HttpTimeouts } from './http-server.js';
import { createCore, type BotCore } from './core.js';
import { createDispatcher } from './dispatcher.js';
import { startWsReceiver } from './ws-receiver.js';
import { roundDeliverer } from '../../handlers/round-notices.js';
import { afterAnswerSettled } from '../../handlers/after-answer.js';
import { adminRouter } from './admin-api.js';
import { announcePresence, DataDirBusyError, newAdminToken, runningBot } from './bot-presence.js';
import { renderPdf } from '../render/pdf.js';
import { makeApprovalFile } from '../approval/file-maker.js';

export interface BotOptions {
  feishu: FeishuSettings;
  dataDir: string;
  /** DATABASE_URL: store in PostgreSQL instead of lowdb files in dataDir */
  databaseUrl?: string | null;
  /** DATABASE_POOL_MAX */
  databasePoolMax?: number;
  host?: string;
  /** 0 = a random free port */
  port?: number;
  log: Logger;
  now?: () => number;
  /**
   * The clock the webhook's freshness check compares Feishu's signing time with. Real time by default, also
   * when `now` is fake: Feishu signs with the real time (tests replaying old samples set it near their stamp).
   */
  webhookNow?: () => number;
  outbox?: Partial<Omit<OutboxOptions, 'log' | 'now'>>;
  claims?: Omit<EventClaimsOptions, 'now'>;
  /** false keeps queued items stored without sending them (tests of a restart) */
  startOutbox?: boolean;
  /** false: the reminder scheduler is created but not started (tests drive its tick on a fake clock) */
  startReminders?: boolean;
  /** who may open rounds: mobiles, e-mails or open_ids (the ADMINS variable) */
  admins?: string;
  /** slow-client limits of the HTTP server (http-server.ts has the defaults) */
  http?: Partial<HttpTimeouts>;
  /** when a card action answers 「已收到，正在处理」 if its route is not done (answer-deadline.ts has the default) */
  callbackDeadlineMs?: number;
  /**
   * false: an approved report's files carry no PDF (tests: LibreOffice takes seconds of CPU per report);
   * by default the PDF is made where LibreOffice is installed
   */
  pdf?: boolean;
}

/** A running bot: its webhook URL and the parts tests and later issues need. */
export interface Bot {
  /** base URL of the HTTP server, e.g. http://127.0.0.1:3000 */
  url: string;
  /** where Feishu (or the emulator) must push events and card callbacks */
  webhookUrl: string;
  core: BotCore;
  outbox: Outbox;
  claims: ClaimStore;
  storage: CopyableStorage;
  client: lark.Client;
  api: FeishuApi;
  /** deadline reminders (issue #6) */
  reminders: ReminderScheduler;
  close(): Promise<void>;
}

/** Opens storage, the outbox and the SDK client, and serves the webhook (and/or the long connection). */
export async function startBot(o: BotOptions): Promise<Bot> {
  const now = o.now ?? Date.now;
  // Read before anything opens: a wrong REMINDER_WORKDAYS stops the start with a Chinese message.
  const calendar = reminderCalendar();
  // lowdb holds the files in memory: a second process on the same directory would overwrite its saves.
  const owner = await runningBot(o.dataDir);
  if (owner && owner.pid !== process.pid) throw new DataDirBusyError(o.dataDir, owner);
  const storage = await openStorage(o);
  // On PostgreSQL the processes sharing the database decide claims together (and this one's presence
  // connection tells them it is alive); lowdb's claims are this one process's.
  const claims =
    storage instanceof PostgresStorage
      ? await PostgresClaims.open(storage, { ...o.claims, now })
      : await EventClaims.open(storage, { ...o.claims, now });
  const client = createLarkClient(o.feishu, o.log);
  const api = createFeishuApi(client);
  // Word files wait here for the outbox to upload them (a restart still finds them).
  const filesDir = path.join(o.dataDir, 'files');
  const pdf = o.pdf === false ? undefined : renderPdf;
  const outbox = await Outbox.open(storage, api, {
    ...o.outbox,
    log: o.log.child({ part: 'outbox' }),
    now,
    // A file queued before a callback's answer whose process died before making it is made by the sender.
    makeFile: (spec) => makeApprovalFile({ storage, dir: filesDir, ...(pdf ? { pdf } : {}) }, spec),
  });
  const directory = createDirectory(client, o.log.child({ part: 'directory' }));
  const core = createCore({
    claims,
    storage,
    outbox,
    log: o.log,
    now,
    userName: createUserNames(client, o.log),
    directory,
    groups: createGroupChats(client, o.log),
    files: createMessageFiles(client),
    mayOpen: roundOpeners({
      configured: o.admins ?? '',
      storage,
      directory,
      log: o.log.child({ part: 'admins' }),
    }),
    filesDir,
    ...(pdf ? { pdf } : {}),
    ...(o.callbackDeadlineMs ? { callbackDeadlineMs: o.callbackDeadlineMs } : {}),
  });
  const dispatcher = createDispatcher(core, { ...o.feishu, log: o.log });
  // The command line's secret, written to the data directory once the server listens.
  const adminToken = newAdminToken();
  const admin = adminRouter({
    deps: () => ({
      storage,
      now,
      deliver: roundDeliverer(storage, outbox),
      people: (id) => directory.person(id),
    }),
    token: () => adminToken,
    log: o.log.child({ part: 'admin' }),
  });
  const app = createApp({
    dispatcher,
    guard: { ...o.feishu, now: o.webhookNow ?? Date.now },
    log: o.log,
    admin,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = createHttpServer(app, o.http);
    s.once('error', reject);
    s.listen(o.port ?? 3000, o.host ?? '127.0.0.1', () => resolve(s));
  });
  const ws = o.feishu.mode === 'ws' ? startWsReceiver(o.feishu, dispatcher, o.log) : undefined;
  if (o.startOutbox !== false) outbox.start();
  const reminders = new ReminderScheduler({
    storage,
    outbox,
    log: o.log.child({ part: 'reminders' }),
    now,
    calendar,
    approvals: storedApprovals(storage),
  });
  if (o.startReminders !== false) reminders.start();
  const { port } = server.address() as AddressInfo;
  const host = !o.host || o.host === '0.0.0.0' ? '127.0.0.1' : o.host;
  const url = `http://${host}:${port}`;
  const presence = await announcePresence(o.dataDir, url, adminToken);
  let closing: Promise<void> | undefined;
  return {
    url,
    webhookUrl: url + EVENTS_PATH,
    core,
    outbox,
    claims,
    storage,
    client,
    api,
    reminders,
    close: () =>
      (closing ??= (async () => {
        ws?.close();
        await new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        });
        await reminders.stop();
        // Events still being handled (their connections are gone) finish their writes before storage closes.
        await core.settled();
        // Word files rendered after their callback was answered are queued before the outbox stops.
        await afterAnswerSettled();
        await outbox.stop();
        // Claims still in flight are then another process's to take over, as after a crash.
        if (claims instanceof PostgresClaims) await claims.close();
        await storage.close();
        await presence.release();
      })()),
  };
}
