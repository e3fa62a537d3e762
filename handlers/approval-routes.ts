/**
 * Card-action routes and the 历史 command of review and approval. Each route parses the value, calls the
 * approval service, answers the tap at once, and queues everything else through the outbox: cards to others
 * under keys stable per decision (a reprocessed event queues nothing twice), and the Word files, queued with
 * what they are made from before the answer and rendered after it (rendering takes a few hundred ms; Feishu
 * gives the callback 3 s), so a bot killed in between still delivers them.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { approvalScreenCard } from '../cards/approval-screen.js';
import { cardResponse, toastResponse } from '../cards/callback-response.js';
import { parseApprovalValue, type ApprovalActionName } from '../src/approval/actions.js';
import type { ApprovalDeps, ApprovalReply, FileOut } from '../src/approval/context.js';
import { approveSubmission, confirmReject, openReject, showReview } from '../src/approval/decide.js';
import { historyOf, historyViews, resendFile } from '../src/approval/history.js';
import { readSection } from '../src/approval/read-section.js';
import { confirmReopen, openReopen, reopenBack } from '../src/approval/reopen.js';
import { submitForReview, withdrawSubmission } from '../src/approval/submit.js';
import { reportFileName, writeReportFile } from '../src/approval/word-file.js';
import { writePublishFile } from '../src/approval/publish-file.js';
import { timelineCard } from '../cards/timeline.js';
import { roundRepo } from '../src/rounds/round-repo.js';
import type { CardActionContext, CardActionRoute } from './card-action.js';
import type { MessageCommand } from './message.js';
import type { CardActionResponse, HandlerDeps } from './types.js';
import { PUBLISH_FILE_APOLOGY, queueWordFile, type SpecifiedFileJob } from './word-file-send.js';

const BROKEN = toastResponse('warning', '这张卡片缺少必要的信息（可能是旧卡片），请发送「历史」查看最新情况');

/** The approval service's deps from the handler's. */
export function approvalDeps(deps: HandlerDeps): ApprovalDeps {
  return {
    storage: deps.storage,
    now: deps.now,
    names: async (ids) => {
      const unique = [...new Set(ids)];
      const names = await Promise.all(unique.map((id) => (deps.userName ? deps.userName(id) : id)));
      return Object.fromEntries(unique.map((id, i) => [id, names[i]]));
    },
  };
}

/**
 * Queues a file to each recipient before the answer, with what it is made from, and renders it after the
 * answer (the outbox's sender makes it if this process dies first); one that cannot be made is logged and
 * apologised for. An approved version's Word file is followed by one more message: its HTML page and PDF in a
 * zip, to publish.
 */
async function sendFile(f: FileOut, deps: HandlerDeps): Promise<void> {
  const dir = deps.filesDir ?? path.join(tmpdir(), 'nianbao-files');
  const key = f.key ?? `${deps.eventId}:file`;
  const submission = { version: f.version, answers: f.file.answers };
  const ids = { round_id: f.ref.round.id, unit_id: f.ref.unit.id, version: f.version, final: f.final };
  const spec = { ...ids, ...(f.replaced ? { replaced: true } : {}) };
  const publish: SpecifiedFileJob = {
    what: `publish files of version ${f.version}`,
    make: () => writePublishFile(dir, f.ref, submission, deps.pdf, f.replaced),
    to: f.to,
    key: `${key}:publish`,
    fileType: 'stream',
    apology: PUBLISH_FILE_APOLOGY,
    spec: { ...spec, what: 'publish' },
  };
  await queueWordFile(deps, {
    what: `Word file of version ${f.version}`,
    make: async () => ({
      filePath: await writeReportFile(dir, f.ref, submission),
      fileName: reportFileName(f.ref, f.version, f.final, f.replaced),
    }),
    to: f.to,
    key,
    spec: { ...spec, what: 'word' },
    ...(f.final ? { next: publish } : {}),
  });
}

/** Queues a reply's cards and sentences to others, and its files (the admin's hand-over uses it too). */
export async function queueApprovalReply(reply: ApprovalReply, deps: HandlerDeps): Promise<void> {
  let n = 0;
  for (const s of reply.sends)
    await deps.outbox.sendCard(s.to, approvalScreenCard(s.screen), s.key ?? `${deps.eventId}:send:${n++}`);
  for (const t of reply.texts ?? []) await deps.outbox.sendText(t.to, t.text, t.key);
  for (const p of reply.patches ?? [])
    await deps.outbox.enqueue(
      { kind: 'patch', messageId: p.messageId, content: JSON.stringify(approvalScreenCard(p.screen)) },
      { key: p.key },
    );
  for (const f of reply.files) await sendFile(f, deps);
}

const queue = queueApprovalReply;

/** The tap's answer: the reply's screen with its toast, or the toast alone. */
function answerOf(reply: ApprovalReply): CardActionResponse {
  if (reply.screen) return cardResponse(approvalScreenCard(reply.screen), reply.toast);
  return toastResponse(reply.toast?.type ?? 'info', reply.toast?.content ?? '已处理');
}

type Service<A extends ApprovalActionName> = (
  d: ApprovalDeps,
  ctx: CardActionContext,
  value: NonNullable<ReturnType<typeof parseApprovalValue<A>>>,
) => Promise<ApprovalReply>;

function route<A extends ApprovalActionName>(action: A, service: Service<A>): CardActionRoute {
  return async (ctx) => {
    const value = parseApprovalValue(action, ctx.value);
    if (!value) return BROKEN;
    // Queued before the answer, in the event's one change (one-change.ts): a decision and its messages commit
    // together.
    const reply = await service(approvalDeps(ctx.deps), ctx, value);
    await queue(reply, ctx.deps);
    return answerOf(reply);
  };
}

/** The approval routes, to spread into `cardActionRoutes`. */
export const approvalRoutes: Record<ApprovalActionName, CardActionRoute> = {
  submit_for_review: route('submit_for_review', (d, ctx, v) =>
    submitForReview(d, ctx.openId, v, ctx.messageId),
  ),
  approve: route('approve', (d, ctx, v) => approveSubmission(d, ctx.openId, v)),
  reject: route('reject', (d, ctx, v) => openReject(d, ctx.openId, v)),
  reject_confirm: route('reject_confirm', (d, ctx, v) => confirmReject(d, ctx.openId, v, ctx.form)),
  review: route('review', (d, ctx, v) => showReview(d, ctx.openId, v)),
  withdraw: route('withdraw', (d, ctx, v) => withdrawSubmission(d, ctx.openId, v)),
  history: route('history', (d, ctx, v) => historyOf(d, ctx.openId, v)),
  resend_file: route('resend_file', (d, ctx, v) => resendFile(d, ctx.openId, v)),
  read_section: route('read_section', (d, ctx, v) => readSection(d, ctx.openId, v)),
  reopen: route('reopen', (d, ctx, v) => openReopen(d, ctx.openId, v)),
  reopen_confirm: route('reopen_confirm', (d, ctx, v) => confirmReopen(d, ctx.openId, v, ctx.form)),
  reopen_back: route('reopen_back', (d, ctx, v) => reopenBack(d, ctx.openId, v)),
};

/** 历史 / 审核历史 typed in the chat: the timeline of every report the person takes part in. */
export const approvalCommands: MessageCommand[] = [
  {
    name: 'submit_for_review',
    match: (text) => text === '提交审核',
    async run(ctx) {
      const all = await roundRepo(ctx.deps.storage).unitsOfFiller(ctx.openId);
      // Last year's closed round is not what 提交审核 means while another round runs.
      const open = all.filter((ref) => !ref.round.closedAt);
      const units = open.length ? open : all;
      if (!units.length) {
        await ctx.deps.outbox.sendText(
          ctx.openId,
          '只有填报人可以提交审核，你没有需要填写的部分。发送「进度」查看各单位的情况。',
          `${ctx.deps.eventId}:submit`,
        );
        return;
      }
      for (const [i, ref] of units.entries()) {
        const ids = { round_id: ref.round.id, unit_id: ref.unit.id };
        const reply = await submitForReview(approvalDeps(ctx.deps), ctx.openId, ids);
        await queue(reply, ctx.deps);
        if (reply.screen) await ctx.replyCard(approvalScreenCard(reply.screen));
        else
          await ctx.deps.outbox.sendText(
            ctx.openId,
            `${ref.unit.name}：${reply.toast?.content ?? '已处理'}`,
            `${ctx.deps.eventId}:submit:${i}`,
          );
      }
    },
  },
  {
    name: 'history',
    match: (text) => ['历史', '审核历史', '审核记录'].includes(text),
    async run(ctx) {
      const views = await historyViews(approvalDeps(ctx.deps), ctx.openId);
      if (!views.length) {
        await ctx.deps.outbox.sendText(
          ctx.openId,
          '还没有你参与的年报提交过审核。',
          `${ctx.deps.eventId}:history`,
        );
        return;
      }
      for (const view of views) await ctx.replyCard(timelineCard(view));
    },
  },
];
