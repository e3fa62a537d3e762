/**
 * 导出汇总表和审核通过的报告 on the admin's 进度 card: who may, and what the tap answers at once. The files take
 * seconds to make (a Word file per approved unit), so the handler makes and sends them after this answer.
 */
import { roundRepo } from '../rounds/round-repo.js';
import type { Round } from '../rounds/round.js';
import type { AdminContext } from './context.js';

/** The tap's answer: a toast, and the round to export when the person may. */
export interface ExportRequest {
  toast: { type: 'info' | 'warning'; content: string };
  round?: Round;
}

const refused = (content: string): ExportRequest => ({ toast: { type: 'warning', content } });

/** Checks the tap: a known round, administered by the person. Changes nothing. */
export async function requestExport(
  ctx: AdminContext,
  value: Record<string, unknown>,
): Promise<ExportRequest> {
  const id = value.round_id;
  const round = typeof id === 'string' ? await roundRepo(ctx.storage).get(id) : undefined;
  if (!round) return refused('找不到这一轮（可能是很早以前的卡片），发送「进度」查看');
  if (!round.admins.includes(ctx.openId)) return refused('只有这一轮的管理员可以导出汇总表和报告');
  return {
    toast: { type: 'info', content: '正在生成汇总表和审核通过的报告，生成后发到这个对话里' },
    round,
  };
}
