/**
 * What the admin sees before freezing the consolidated report: which units are in (approved) and which are
 * still missing, by name and state, the 本级政府's name, and who writes and approves it; or, once started,
 * the report that exists. Pure view-model for cards/consolidated-start.ts.
 */
import type { PersonView } from '../admin/views.js';
import { consolidatedDeadline, formatDeadline } from '../rounds/deadline.js';
import type { Round } from '../rounds/round.js';
import type { ConsolidationScope } from './scope.js';

export interface ConsolidateView {
  roundId: string;
  roundName: string;
  /** 「2027年3月31日 23:59」 */
  deadlineText: string;
  included: { unitId: string; name: string }[];
  missing: { unitId: string; name: string; state: string }[];
  /** proposed: last year's, else empty */
  governmentName: string;
  /** preselected writers of the texts (the round's admins) */
  fillers: string[];
  candidates: PersonView[];
  /** the consolidated report already started: the card offers to open it instead of the form */
  existing?: { roundId: string; unitName: string; units: number; startedAt: string };
}

/** The view of the 汇总本级报告 card. */
export function consolidateView(
  round: Round,
  scope: ConsolidationScope,
  extra: { governmentName?: string; candidates: PersonView[]; existing?: Round },
): ConsolidateView {
  const e = extra.existing;
  return {
    roundId: round.id,
    roundName: round.name,
    deadlineText: formatDeadline(e?.deadline ?? consolidatedDeadline(round.year)),
    included: scope.approved.map((a) => ({ unitId: a.unitId, name: a.name })),
    missing: scope.missing.map((m) => ({ unitId: m.unitId, name: m.name, state: m.state })),
    governmentName: extra.governmentName ?? '',
    fillers: [...round.admins],
    candidates: extra.candidates,
    ...(e?.source
      ? {
          existing: {
            roundId: e.id,
            unitName: e.units[0]?.name ?? '',
            units: e.source.unitIds.length,
            startedAt: formatDeadline(e.source.at),
          },
        }
      : {}),
  };
}
