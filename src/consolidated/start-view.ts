/**
 * What the admin sees before freezing the consolidated report: which units are in (approved) and which are
 * still missing, by name and state, the 本级政府's name, and who writes and approves it; or, once started,
 * the report that exists. Pure view-model for cards/consolidated-start.ts.
 */
import type { PersonView } from '../admin/views.js';
import { consolidatedDeadline, formatDeadline } from '../rounds/deadline.js';
import type { Round } from '../rounds/round.js';
import type { ChangedUnit } from './resum.js';
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
  existing?: {
    roundId: string;
    unitName: string;
    units: number;
    startedAt: string;
    /** summed units corrected since, 「云溪县公安局：汇总的是第 1 版，现已通过第 2 版」 */
    changed: string[];
    /** every changed unit is approved again: 重新汇总 can work */
    resummable: boolean;
  };
}

/** A changed unit as the admin reads it. */
function changedLine(c: ChangedUnit): string {
  return c.approved !== undefined
    ? `${c.name}：汇总的是第 ${c.summed} 版，现已通过第 ${c.approved} 版`
    : `${c.name}：汇总后被重新打开，正在更正（${c.state ?? ''}）`;
}

/** The view of the 汇总本级报告 card. */
export function consolidateView(
  round: Round,
  scope: ConsolidationScope,
  extra: { governmentName?: string; candidates: PersonView[]; existing?: Round; changed?: ChangedUnit[] },
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
            changed: (extra.changed ?? []).map(changedLine),
            resummable:
              Boolean(extra.changed?.length) && extra.changed!.every((c) => c.approved !== undefined),
          },
        }
      : {}),
  };
}
