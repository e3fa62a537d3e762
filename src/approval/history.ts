/** 历史 (the timeline of a report) and fetching the Word file of a version again. */
import type { Storage } from '../../storage/store.js';
import { roundRepo, type UnitRef } from '../rounds/round-repo.js';
import {
  isInvolved,
  NOT_FOUND,
  toastOnly,
  unitOf,
  type ApprovalDeps,
  type ApprovalReply,
} from './context.js';
import { approvalRepo } from './repo.js';
import { peopleOf, timelineView, type TimelineView } from './review-view.js';
import { approvedVersions, submissionOf } from './state.js';

type Ids = { round_id: string; unit_id: string };

const NOT_YOURS = toastOnly('error', '你不是这个单位的填报人、审核人或管理员，不能查看');

/** The timeline card of one report, sent as a new message (the tapped card keeps its buttons). */
export async function historyOf(d: ApprovalDeps, openId: string, ids: Ids): Promise<ApprovalReply> {
  const ref = await unitOf(d.storage, ids);
  if (!ref) return NOT_FOUND;
  if (!isInvolved(ref, openId)) return NOT_YOURS;
  const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
  const view = timelineView(ref, state, await d.names(peopleOf(state, ref)));
  return {
    toast: { type: 'info', content: '审核历史已发送' },
    sends: [{ to: openId, screen: { kind: 'timeline', view } }],
    files: [],
  };
}

/** The units where the person takes part and a report was submitted at least once. */
async function unitsWithHistory(storage: Storage, openId: string): Promise<UnitRef[]> {
  const repo = approvalRepo(storage);
  const out: UnitRef[] = [];
  for (const round of await roundRepo(storage).list())
    for (const unit of round.units) {
      const ref = { round, unit };
      if (isInvolved(ref, openId) && (await repo.exists(round.id, unit.id))) out.push(ref);
    }
  return out;
}

/** 历史 typed in the chat: one timeline card per report the person takes part in. */
export async function historyViews(d: ApprovalDeps, openId: string): Promise<TimelineView[]> {
  const views: TimelineView[] = [];
  for (const ref of await unitsWithHistory(d.storage, openId)) {
    const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
    views.push(timelineView(ref, state, await d.names(peopleOf(state, ref))));
  }
  return views;
}

/**
 * The Word file of a version, sent again to the person who asks: any approved version to anyone involved, a
 * version under review to its approvers and the fillers (the approver card's 「Word 文件」).
 */
export async function resendFile(
  d: ApprovalDeps,
  openId: string,
  value: Ids & { submission: number },
): Promise<ApprovalReply> {
  const ref = await unitOf(d.storage, value);
  if (!ref) return NOT_FOUND;
  if (!isInvolved(ref, openId)) return NOT_YOURS;
  const state = await approvalRepo(d.storage).load(ref.round.id, ref.unit.id);
  const sub = submissionOf(state, value.submission);
  if (!sub) return toastOnly('error', `找不到第 ${value.submission} 版`);
  const approved = approvedVersions(state);
  const final = approved.includes(sub.version);
  const inChain =
    sub.approvers.includes(openId) || Object.values(sub.fillers).some((l) => l.includes(openId));
  if (!final && !inChain) return toastOnly('error', '这一版没有审核通过，只有填报人和审核人能获取');
  return {
    toast: {
      type: 'success',
      // An approved version comes with its files to publish (approval-routes.ts sendFile).
      content: `第 ${sub.version} 版 Word 文件${final ? '和网页版' : ''}已发送，请查看消息`,
    },
    sends: [],
    files: [
      {
        ref,
        file: { year: ref.round.year, unit: ref.unit.name, answers: sub.answers },
        version: sub.version,
        final,
        ...(final && approved.at(-1) !== sub.version ? { replaced: true } : {}),
        to: [openId],
      },
    ],
  };
}
