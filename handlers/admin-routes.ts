/**
 * The admin's side in Feishu: card routes of every admin action, the chat commands 新建年报 / 轮次 / 模板, and a
 * spreadsheet sent to the bot. Each answers at once with the next card; notices of a round change, files and a
 * new working group go out through the outbox after the answer.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminScreenCard } from '../cards/admin-screen.js';
import { cardResponse, toastResponse } from '../cards/callback-response.js';
import type { Card } from '../cards/card-shell.js';
import { helpCard } from '../cards/help.js';
import { workRoles } from '../src/rounds/work-roles.js';
import { roundProgressCard } from '../cards/round-progress.js';
import { adminActions } from '../src/admin/actions.js';
import type { AdminContext, AdminFile, AdminReply } from '../src/admin/context.js';
import { requestExport } from '../src/admin/export-action.js';
import { showProgressPage, urgeUnit, type ProgressReply } from '../src/admin/progress-actions.js';
import { roundsScreen } from '../src/admin/round-actions.js';
import { roundSetups } from '../src/admin/setup.js';
import { setupView } from '../src/admin/views.js';
import { peopleOf } from '../src/rounds/round-changes.js';
import { roundRepo } from '../src/rounds/round-repo.js';
import { roundService } from '../src/rounds/round-service.js';
import { roundSheetTemplate, writeRoundSheet } from '../src/rounds/sheet/write-sheet.js';
import { queueApprovalReply } from './approval-routes.js';
import { afterAnswer } from './after-answer.js';
import { sendRoundExport } from './export-send.js';
import type { CardActionContext, CardActionRoute } from './card-action.js';
import type { MessageCommand, MessageContext } from './message.js';
import { roundDeliverer } from './round-notices.js';
import type { CardActionResponse, HandlerDeps } from './types.js';

/** True when `chatId` is a round's working group (its pickers then list the group's members). */
async function isWorkingGroup(deps: HandlerDeps, chatId: string | undefined): Promise<boolean> {
  if (!chatId) return false;
  return (await roundRepo(deps.storage).list()).some((r) => r.groupChatId === chatId);
}

/** The admin context of a handler's deps. */
export function adminContext(deps: HandlerDeps, openId: string, inGroup = false): AdminContext {
  return {
    inGroup,
    storage: deps.storage,
    now: deps.now(),
    openId,
    ...(deps.directory ? { directory: deps.directory } : {}),
    ...(deps.groups ? { groups: deps.groups } : {}),
    names: async (ids) => {
      const unique = [...new Set(ids)];
      const names = await Promise.all(unique.map((id) => (deps.userName ? deps.userName(id) : id)));
      return Object.fromEntries(unique.map((id, i) => [id, names[i]]));
    },
    mayOpen: deps.mayOpen ?? (async () => false),
  };
}

/** Writes bytes where the outbox uploads them from (temp file, then rename: never half-written). */
async function writeOutboxFile(deps: HandlerDeps, name: string, bytes: Buffer): Promise<string> {
  const dir = path.join(deps.filesDir ?? path.join(tmpdir(), 'nianbao-files'), 'admin');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${deps.eventId.replace(/[^\w-]/g, '_')}-${name}`);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, file);
  return file;
}

/** Sends a file the admin asked for. */
async function sendAdminFile(deps: HandlerDeps, to: string, f: AdminFile, n: number): Promise<void> {
  let bytes: Buffer;
  let fileName: string;
  if (f.kind === 'template') {
    bytes = await roundSheetTemplate();
    fileName = '年报单位与人员模板.xlsx';
  } else {
    const round = await roundRepo(deps.storage).get(f.roundId);
    if (!round) return;
    bytes = await writeRoundSheet(round, (id) => deps.directory?.person(id));
    fileName = `${round.name.replace(/[\\/:*?"<>|]/g, '')}-人员.xlsx`;
  }
  const filePath = await writeOutboxFile(deps, fileName, bytes);
  await deps.outbox.enqueue(
    { kind: 'send-file', receiveId: to, receiveIdType: 'open_id', filePath, fileName, fileType: 'xls' },
    { key: `${deps.eventId}:admin-file:${n}` },
  );
}

/** Opens a round's working group with everyone in it, then posts the round's news there. */
async function openGroup(deps: HandlerDeps, roundId: string, by: string): Promise<void> {
  const round = await roundRepo(deps.storage).get(roundId);
  if (!round || round.groupChatId || !deps.groups) return;
  try {
    const members = [...new Set([...round.admins, ...peopleOf(round)])];
    const { chatId } = await deps.groups.create({
      name: `${round.name} 工作群`,
      members,
      uuid: `group-${round.id}`,
    });
    const ctx = adminContext(deps, by);
    const changed = await roundService(deps.storage).change(
      round.id,
      { kind: 'set_group', chatId },
      { by, now: ctx.now, names: ctx.names },
    );
    if (changed.ok)
      await roundDeliverer(deps.storage, deps.outbox)(
        changed.round,
        changed.effects,
        `${deps.eventId}:group`,
      );
  } catch (err) {
    deps.log.error({ err, roundId }, 'working group not opened');
    await deps.outbox.sendText(
      by,
      `「${round.name}」的工作群没有建成（${(err as Error).message.slice(0, 80)}）。可以稍后在管理卡片上点「建立工作群」再试。`,
      `${deps.eventId}:group-failed`,
    );
  }
}

/** Queues what a reply carries besides its card: notices, files, a working group. */
async function carryOut(reply: AdminReply, deps: HandlerDeps, openId: string): Promise<void> {
  if (reply.changed) {
    const byName = deps.userName ? await deps.userName(openId) : undefined;
    await roundDeliverer(deps.storage, deps.outbox, byName)(
      reply.changed.round,
      reply.changed.effects,
      `${deps.eventId}:round`,
    );
  }
  if (reply.approval) await queueApprovalReply(reply.approval, deps);
  const files = reply.files ?? [];
  if (files.length)
    afterAnswer(deps, 'admin file', async () => {
      for (const [i, f] of files.entries()) await sendAdminFile(deps, openId, f, i);
    });
  const groupOf = reply.openGroup;
  if (groupOf) afterAnswer(deps, 'working group', () => openGroup(deps, groupOf, openId));
}

/** The callback answer of an admin reply. */
function response(reply: AdminReply): CardActionResponse {
  if (reply.screen) return cardResponse(adminScreenCard(reply.screen), reply.toast);
  return toastResponse(reply.toast?.type ?? 'info', reply.toast?.content ?? reply.text ?? '已处理');
}

function route(action: string): CardActionRoute {
  return async (ctx: CardActionContext) => {
    const inGroup = await isWorkingGroup(ctx.deps, ctx.event.context?.open_chat_id);
    const reply = await adminActions[action](
      adminContext(ctx.deps, ctx.openId, inGroup),
      ctx.value,
      ctx.form,
    );
    await carryOut(reply, ctx.deps, ctx.openId);
    if (reply.text && !reply.screen)
      await ctx.deps.outbox.sendText(ctx.openId, reply.text, `${ctx.deps.eventId}:admin-text`);
    return response(reply);
  };
}

/** The answer to a tap on the admin's progress card: the page again, with the toast. */
function progressResponse(reply: ProgressReply): CardActionResponse {
  if (reply.view) return cardResponse(roundProgressCard(reply.view), reply.toast);
  return toastResponse(reply.toast?.type ?? 'info', reply.toast?.content ?? '已处理');
}

/**
 * Whether the person gets the admin's help: whoever may open rounds (ADMINS, and every round's admins) or,
 * where that is not wired (tests), administers a round.
 */
export async function isAdmin(deps: HandlerDeps, openId: string): Promise<boolean> {
  if (deps.mayOpen && (await deps.mayOpen(openId))) return true;
  return (await roundRepo(deps.storage).list()).some((r) => r.admins.includes(openId));
}

/** The help card for this person (the admin's lists their commands). */
export async function helpFor(deps: HandlerDeps, openId: string, notice?: string): Promise<Card> {
  const roles = await workRoles(deps.storage, openId);
  return helpCard({ ...(notice ? { notice } : {}), admin: await isAdmin(deps, openId), ...roles });
}

/** The admin routes, to spread into `cardActionRoutes`. */
export const adminRoutes: Record<string, CardActionRoute> = {
  /** 刷新帮助 on the admin's help card */
  admin_help: async (ctx) => cardResponse(await helpFor(ctx.deps, ctx.openId)),
  ...Object.fromEntries(Object.keys(adminActions).map((a) => [a, route(a)])),
  /** 上一页 / 下一页 of the progress card, and its 进度 button on the help card */
  round_progress: async (ctx) =>
    progressResponse(await showProgressPage(adminContext(ctx.deps, ctx.openId), ctx.value)),
  /** 催办 of a unit: its reminders go through the outbox under the scheduler's keys */
  urge_unit: async (ctx) =>
    progressResponse(await urgeUnit(adminContext(ctx.deps, ctx.openId), ctx.deps.outbox, ctx.value)),
  /** 导出汇总表和审核通过的报告 of the progress card: 「正在生成…」 now, the two files after the answer */
  round_export: async (ctx) => {
    const r = await requestExport(adminContext(ctx.deps, ctx.openId), ctx.value);
    if (r.round) sendRoundExport(ctx.deps, ctx.openId, r.round.id);
    return toastResponse(r.toast.type, r.toast.content);
  },
};

const NOT_ADMIN = '只有年报管理员可以新建和管理轮次。如需开通，请联系本级政务公开办。';

/** Answers a chat command with an admin reply: its card where the message came from, or its sentence. */
async function answerInChat(ctx: MessageContext, reply: AdminReply): Promise<void> {
  await carryOut(reply, ctx.deps, ctx.openId);
  if (reply.screen) await ctx.replyCard(adminScreenCard(reply.screen));
  const text = reply.text ?? (reply.screen ? undefined : reply.toast?.content);
  if (text) await ctx.deps.outbox.sendText(ctx.openId, text, `${ctx.deps.eventId}:admin-text`);
}

const words =
  (...w: string[]) =>
  (text: string) =>
    w.includes(text.trim());

/** 新建年报, 轮次 and 模板 typed in the chat. */
export const adminCommands: MessageCommand[] = [
  {
    name: 'new_round',
    match: words('新建年报', '新建轮次', '开启年报', '新建'),
    async run(ctx) {
      const actx = adminContext(ctx.deps, ctx.openId);
      if (!(await actx.mayOpen(ctx.openId))) return answerInChat(ctx, { text: NOT_ADMIN });
      const setup = await roundSetups(actx.storage, actx.directory).start(ctx.openId, actx.now);
      await answerInChat(ctx, { screen: { kind: 'setup', view: setupView(setup) } });
    },
  },
  {
    name: 'rounds',
    match: words('轮次', '管理', '年报轮次', '管理轮次'),
    async run(ctx) {
      const inGroup =
        ctx.event.message.chat_type !== 'p2p' && (await isWorkingGroup(ctx.deps, ctx.event.message.chat_id));
      const actx = adminContext(ctx.deps, ctx.openId, inGroup);
      const screen = await roundsScreen(actx);
      if (screen.kind === 'rounds' && !screen.view.rounds.length && !screen.view.mayOpen)
        return answerInChat(ctx, { text: NOT_ADMIN });
      await answerInChat(ctx, { screen });
    },
  },
  {
    name: 'template',
    match: words('模板', '表格模板', '下载模板', '年报模板'),
    async run(ctx) {
      if (!(await adminContext(ctx.deps, ctx.openId).mayOpen(ctx.openId)))
        return answerInChat(ctx, { text: NOT_ADMIN });
      await answerInChat(ctx, {
        text: '模板马上发给你：每行一个单位，写上各部分的填报人和审核人（姓名、手机号或邮箱），填好后直接发给我。',
        files: [{ kind: 'template' }],
      });
    },
  },
];

/** A file sent to the bot: an admin's round spreadsheet becomes the preview of a new round. */
export async function handleAdminFile(
  ctx: MessageContext,
  file: { key: string; name: string },
): Promise<void> {
  const actx = adminContext(ctx.deps, ctx.openId);
  if (!(await actx.mayOpen(ctx.openId)))
    return answerInChat(ctx, {
      text: '收到文件了，但只有年报管理员可以用表格新建年报，文件没有使用。年报的内容请在卡片上填写；发送「帮助」查看能做的事。',
    });
  if (!ctx.deps.files) return answerInChat(ctx, { text: '现在无法读取文件，请稍后再发一次。' });
  let bytes: Buffer;
  try {
    bytes = await ctx.deps.files.download(ctx.event.message.message_id, file.key);
  } catch (err) {
    ctx.deps.log.warn({ err }, 'file download failed');
    return answerInChat(ctx, { text: `没能下载「${file.name}」，请再发一次。` });
  }
  const setups = roundSetups(actx.storage, actx.directory);
  const read = await setups.fromSheet(ctx.openId, actx.now, file.name, bytes);
  if (!read.ok) return answerInChat(ctx, { text: `${read.message}。什么也没有改动。` });
  await answerInChat(ctx, { screen: { kind: 'setup', view: setupView(read.setup) } });
}
