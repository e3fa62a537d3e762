/**
 * What every approval service function shares: the deps, the reply shape (a screen for the tapped card,
 * cards to others, Word files to send), and the lookups of a unit and its people.
 */
import type { Storage } from '../../storage/store.js';
import type { AnswersFile, SectionId } from '../report/template.js';
import { fillersOf } from '../rounds/round.js';
import { roundRepo, type UnitRef } from '../rounds/round-repo.js';
import type { ApprovalNotice } from './notice.js';
import type { ReopenView } from './reopen.js';
import type { Names, ReviewView, TimelineView } from './review-view.js';

export interface ApprovalDeps {
  storage: Storage;
  now: () => number;
  /** display names of people (the open_id itself when unknown) */
  names: (openIds: string[]) => Promise<Names>;
}

/** What the 驳回 form shows again after a refused confirm: what was typed and what is missing. */
export interface RejectFormState {
  reason?: string;
  sections?: string[];
  errors?: { reason?: string; sections?: string };
}

export type ApprovalScreen =
  | { kind: 'review'; view: ReviewView }
  | { kind: 'reject'; view: ReviewView; form: RejectFormState }
  | { kind: 'notice'; notice: ApprovalNotice }
  | { kind: 'timeline'; view: TimelineView }
  /** one section's whole text, a page at a time (the approver card shows each text up to a length) */
  | { kind: 'section'; view: ReviewView; section: SectionId; page: number }
  /** the 重新打开 form of an approved report: a reason and the sections that go back to filling */
  | { kind: 'reopen'; view: ReopenView; form: RejectFormState };

export interface Toast {
  type: 'info' | 'success' | 'error' | 'warning';
  content: string;
}

/** A card to someone else; `key` is stable for the decision, so a reprocessed event queues it once. */
export interface Outgoing {
  to: string;
  screen: ApprovalScreen;
  /** undefined: the handler keys it by the event (an answer to this tap only) */
  key?: string;
}

/** A Word file to render and send to people. */
export interface FileOut {
  ref: UnitRef;
  file: AnswersFile;
  version: number;
  final: boolean;
  /** an approved version a later approval replaced (after 重新打开): its files are named with their version */
  replaced?: boolean;
  to: string[];
  /** stable per decision; the handler adds the recipient; undefined: keyed by the event */
  key?: string;
}

/** A short text message to someone else, keyed like Outgoing. */
export interface TextOut {
  to: string;
  text: string;
  key: string;
}

export interface ApprovalReply {
  toast?: Toast;
  /** replaces the tapped card */
  screen?: ApprovalScreen;
  sends: Outgoing[];
  files: FileOut[];
  /** sentences to others (the admins told of an approval, an approver told the report was handed on) */
  texts?: TextOut[];
  /** cards already in someone's chat to update in place (the card a report was submitted from), keyed like sends */
  patches?: { messageId: string; screen: ApprovalScreen; key: string }[];
}

/** A reply that only shows a toast. */
export const toastOnly = (type: Toast['type'], content: string): ApprovalReply => ({
  toast: { type, content },
  sends: [],
  files: [],
});

export const NOT_FOUND = toastOnly('error', '找不到这份年报，可能是很早以前的卡片');

/** The unit of a card's ids. */
export const unitOf = (storage: Storage, ids: { round_id: string; unit_id: string }) =>
  roundRepo(storage).unit(ids.round_id, ids.unit_id);

/**
 * The refusal of a tap in a round the admin closed (关闭本轮: no more filling, reminders or decisions), e.g.
 * 「这一轮已经关闭，不能再审核」; undefined while the round runs.
 */
export function closedRound(ref: UnitRef, what: ClosedAction): ApprovalReply | undefined {
  return ref.round.closedAt ? toastOnly('warning', `这一轮已经关闭，不能再${what}`) : undefined;
}

type ClosedAction = '审核' | '提交审核' | '撤回' | '重新打开';

/** The unit a card acts on to change it, or the answer instead: it is gone, or its round is closed. */
export async function unitToChange(
  storage: Storage,
  ids: { round_id: string; unit_id: string },
  what: ClosedAction,
): Promise<{ ref: UnitRef; instead?: undefined } | { ref?: undefined; instead: ApprovalReply }> {
  const ref = await unitOf(storage, ids);
  if (!ref) return { instead: NOT_FOUND };
  const closed = closedRound(ref, what);
  return closed ? { instead: closed } : { ref };
}

/** True when the person fills a section, approves, or administers the round of this unit. */
export function isInvolved(ref: UnitRef, openId: string): boolean {
  return (
    fillersOf(ref.unit).includes(openId) ||
    ref.unit.approvers.includes(openId) ||
    ref.round.admins.includes(openId)
  );
}

/** A stable key prefix for the effects of one decision on one version. */
export const decisionKey = (ref: UnitRef, version: number, what: string) =>
  `approval:${ref.round.id}/${ref.unit.id}:v${version}:${what}`;
