/**
 * 预览 Word on the summary card: answered at once with a toast; the draft is rendered after the answer and
 * sent as a file in the chat, through the same sender as the approval's Word files (word-file-send.ts).
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toastResponse } from '../cards/callback-response.js';
import { wordDraftOf, writeWordDraft } from '../src/filling/word-draft.js';
import type { CardActionContext } from './card-action.js';
import type { CardActionResponse } from './types.js';
import { sendWordFile } from './word-file-send.js';

/** The tap on 预览 Word. */
export async function wordPreviewRoute(ctx: CardActionContext): Promise<CardActionResponse> {
  const { round_id, unit_id } = ctx.value;
  if (typeof round_id !== 'string' || typeof unit_id !== 'string')
    return toastResponse('warning', '这张卡片缺少必要的信息（可能是旧卡片），请发送「填报」重新开始');
  const preview = await wordDraftOf(ctx.deps.storage, ctx.openId, { round_id, unit_id });
  if (!preview.ok) return toastResponse('error', preview.message);
  const dir = ctx.deps.filesDir ?? path.join(tmpdir(), 'nianbao-files');
  sendWordFile(ctx.deps, {
    what: 'Word draft preview',
    make: async () => ({
      filePath: await writeWordDraft(dir, preview, ctx.openId),
      fileName: preview.fileName,
    }),
    to: [ctx.openId],
    key: `${ctx.deps.eventId}:draft`,
  });
  return toastResponse('success', '正在生成 Word 草稿，稍后发到这里');
}
