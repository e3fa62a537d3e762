/**
 * Where an admin command of the command line runs. When a bot owns the data directory (bot-presence.ts), the
 * command is sent to it and runs there, on the data it holds, and takes effect at once; otherwise it runs here
 * on the files, and the messages it queues (a new filler's first card) go out when the bot next starts.
 * Never 「已保存」 and then lost: a bot that is running but does not answer is named and nothing is written.
 */
import { runAdminCommand, type AdminAnswer, type AdminCommandName } from '../admin/commands.js';
import { ADMIN_PATH } from '../server/admin-api.js';
import { runningBot, type Presence } from '../server/bot-presence.js';
import { openStorage, storageConfigFromEnv } from '../../storage/open-storage.js';
import { Outbox } from '../feishu/outbox.js';
import type { FeishuApi } from '../feishu/client.js';
import { createLogger } from '../logger.js';
import { roundDeliverer } from '../../handlers/round-notices.js';

/** A running bot owns the directory but could not be reached: nothing was done. */
export class BotUnreachableError extends Error {}

/** Where a command ran: `bot` (inside the running bot) or `files` (here, the bot being stopped). */
export type RanIn = 'bot' | 'files';

// The outbox here only stores what is queued; the bot sends it when it starts. Nothing calls Feishu from here.
const NO_FEISHU: FeishuApi = {
  sendMessage: () => Promise.reject(new Error('the command line does not send')),
  patchMessage: () => Promise.reject(new Error('the command line does not send')),
  uploadFile: () => Promise.reject(new Error('the command line does not send')),
};

const REQUEST_TIMEOUT_MS = 60_000;

async function viaBot<T>(
  bot: Presence,
  dataDir: string,
  command: AdminCommandName,
  input: Record<string, unknown>,
): Promise<AdminAnswer<T>> {
  let res: Response;
  try {
    res = await fetch(bot.url + ADMIN_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bot.token}` },
      body: JSON.stringify({ command, input }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    throw new BotUnreachableError(
      `数据目录 ${dataDir} 正由运行中的 nianbao 使用（进程号 ${bot.pid}，${bot.startedAt} 启动），` +
        `但联系不上它（${bot.url}：${(e as Error).message}）。什么也没有改动；请检查机器人是否正常，或先停止它再运行这个命令。`,
    );
  }
  const answer = (await res.json().catch(() => undefined)) as AdminAnswer<T> | undefined;
  if (!answer)
    throw new BotUnreachableError(
      `运行中的 nianbao（进程号 ${bot.pid}）的回答无法识别（HTTP ${res.status}）`,
    );
  return answer;
}

async function onFiles<T>(
  dataDir: string,
  command: AdminCommandName,
  input: Record<string, unknown>,
): Promise<AdminAnswer<T>> {
  // DATABASE_URL set: the command works on the database, as the bot does.
  const storage = await openStorage(storageConfigFromEnv(dataDir));
  try {
    const outbox = await Outbox.open(storage, NO_FEISHU, { log: createLogger('silent') });
    const deliver = roundDeliverer(storage, outbox);
    return (await runAdminCommand({ storage, now: Date.now, deliver }, command, input)) as AdminAnswer<T>;
  } finally {
    await storage.close();
  }
}

/** Runs an admin command in the bot that owns `dataDir`, or on its files when none runs. */
export async function runInDataDir<T extends object>(
  dataDir: string,
  command: AdminCommandName,
  input: Record<string, unknown> = {},
): Promise<{ answer: AdminAnswer<T>; ranIn: RanIn }> {
  const bot = await runningBot(dataDir);
  if (bot) return { answer: await viaBot<T>(bot, dataDir, command, input), ranIn: 'bot' };
  return { answer: await onFiles<T>(dataDir, command, input), ranIn: 'files' };
}
