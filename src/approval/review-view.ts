/**
 * View-models of the approval cards: everything a card shows, computed here so cards/ stays pure. Names are
 * resolved by the caller (contact API) and passed in as a map.
 */
import { feeSentence, fieldParagraphs, showsOwnHeading } from '../render/format.js';
import { parseAnswers } from '../report/compute.js';
import { SECTIONS, type SectionId, type TableId } from '../report/template.js';
import type { UnitRef } from '../rounds/round-repo.js';
import { diffAnswers, type Change } from './diff.js';
import { cardTables, type CardTable } from './review-tables.js';
import {
  approvedVersions,
  submissionOf,
  type ApprovalState,
  type HistoryEvent,
  type Submission,
} from './state.js';

/** Display names by open_id (the open_id itself when unknown). */
export type Names = Record<string, string>;

export interface ReviewIds {
  round_id: string;
  unit_id: string;
}

export interface ReviewSection {
  id: SectionId;
  heading: string;
  fillers: string[];
  /** the printed paragraphs, with sub-headings on their own lines */
  paragraphs: { heading?: string; text: string }[];
  table?: CardTable;
}

/** The approver card: the whole submission, the diff since the last rejection, and whose turn it is. */
export interface ReviewView {
  ids: ReviewIds;
  unitName: string;
  year: number;
  version: number;
  step: number;
  approvers: string[];
  submittedBy: string;
  submittedAt: number;
  sections: ReviewSection[];
  warnings: string[];
  /**
   * what changed since the version last sent back, when this is a resubmission: the rejected version, or the
   * approved one after a reopen (`approved`)
   */
  diff?: { since: number; reason?: string; approved?: boolean; changes: Change[] };
  names: Names;
  /** set when the card shows an outcome instead of the buttons (after a decision, or for a stale card) */
  outcome?: { text: string; color: 'green' | 'red' | 'grey' | 'blue' };
}

/** The review view of a submission. */
export function reviewView(
  ref: UnitRef,
  state: ApprovalState,
  submission: Submission,
  names: Names,
  step = state.step,
): ReviewView {
  const tables = cardTables(submission.answers);
  const parsed = parseAnswers(submission.answers);
  const file = { year: ref.round.year, unit: ref.unit.name, answers: submission.answers };
  const sections = SECTIONS.map((s): ReviewSection => {
    const paragraphs: ReviewSection['paragraphs'] = [];
    if (s.id === 's6') {
      const fee = feeSentence(file, parsed);
      if (fee) paragraphs.push({ text: fee });
    }
    for (const field of s.texts) {
      const ps = fieldParagraphs(submission.answers, s, field);
      ps.forEach((text, i) =>
        paragraphs.push({
          ...(i === 0 && showsOwnHeading(field, ps) ? { heading: field.heading } : {}),
          text,
        }),
      );
    }
    return {
      id: s.id,
      heading: s.heading,
      fillers: submission.fillers[s.id] ?? [],
      paragraphs,
      ...(s.table ? { table: tables[s.table as TableId] } : {}),
    };
  });
  const since =
    state.rejectedVersion !== undefined && state.rejectedVersion < submission.version
      ? submissionOf(state, state.rejectedVersion)
      : undefined;
  // The version compared with was rejected, or approved and then reopened: its reason heads the changes.
  const back = since
    ? state.history.findLast(
        (e) => (e.kind === 'rejected' || e.kind === 'reopened') && e.version === since.version,
      )
    : undefined;
  return {
    ids: { round_id: ref.round.id, unit_id: ref.unit.id },
    unitName: ref.unit.name,
    year: ref.round.year,
    version: submission.version,
    step,
    approvers: submission.approvers,
    submittedBy: submission.by,
    submittedAt: submission.at,
    sections,
    warnings: submission.warnings,
    ...(since
      ? {
          diff: {
            since: since.version,
            ...(back?.kind === 'rejected' || back?.kind === 'reopened' ? { reason: back.reason } : {}),
            ...(back?.kind === 'reopened' ? { approved: true } : {}),
            changes: diffAnswers(since.answers, submission.answers),
          },
        }
      : {}),
    names,
  };
}

export interface TimelineView {
  ids: ReviewIds;
  unitName: string;
  year: number;
  /** newest last, as a conversation reads */
  events: HistoryEvent[];
  approvedVersions: number[];
  status: ApprovalState['status'];
  names: Names;
}

/** The 历史 card of a report. */
export function timelineView(ref: UnitRef, state: ApprovalState, names: Names): TimelineView {
  return {
    ids: { round_id: ref.round.id, unit_id: ref.unit.id },
    unitName: ref.unit.name,
    year: ref.round.year,
    events: state.history,
    approvedVersions: approvedVersions(state),
    status: state.status,
    names,
  };
}

/** Every open_id a view may name: fillers, approvers, and whoever acted in the history. */
export function peopleOf(state: ApprovalState, ref: UnitRef): string[] {
  const ids = new Set<string>([...ref.unit.approvers, ...Object.values(ref.unit.fillers).flat()]);
  for (const s of state.submissions) {
    s.approvers.forEach((id) => ids.add(id));
    Object.values(s.fillers).forEach((list) => list.forEach((id) => ids.add(id)));
  }
  for (const e of state.history) {
    ids.add(e.by);
    // The approver a report was taken from is in no chain any more, but the timeline names them.
    if (e.kind === 'reassigned') [e.from, e.to].forEach((id) => ids.add(id));
  }
  return [...ids];
}
