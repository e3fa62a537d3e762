/**
 * A round of five units, three of them approved with different valid reports, two not: one waiting for its
 * approver, one being filled. For the consolidated report's tests; submitted and approved through the approval
 * machine (src/approval/machine.ts), as the reminder tests do.
 */
import fc from 'fast-check';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import { SECTIONS, type Answers, type SectionId } from '../../src/report/template.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Round, Unit } from '../../src/rounds/round.js';
import type { Storage } from '../../storage/store.js';
import { storeFilledReport } from '../integration/approval-helpers.js';
import { approveReport, submitForReview } from '../reminders/season-fixture.js';
import { unitYears, type UnitYears } from './valid-reports.js';

export const ADMIN = DEMO.admin.open_id;
export const FILLER = DEMO.filler.open_id;
export const APPROVER = DEMO.approver.open_id;
export const UNIT_NAMES = [
  '云溪县教育局',
  '云溪县公安局',
  '云溪县民政局',
  '云溪县财政局',
  '云溪县卫生健康委员会',
];
export const APPROVED = ['edu', 'police', 'civil'];

/** Three different valid reports (a fixed seed: the test is the same on every run). */
export function threeReports(): UnitYears[] {
  return fc.sample(unitYears, { numRuns: 3, seed: 2026 });
}

/** Every section filled by `ids`. */
export const everySection = (ids: string[]) =>
  Object.fromEntries(SECTIONS.map((s) => [s.id, ids])) as Record<SectionId, string[]>;

/** The round: five units, 张敏 fills every one, 王芳 approves, 赵磊 runs it. */
export function fiveUnitRound(year = 2026): Round {
  const ids = ['edu', 'police', 'civil', 'finance', 'health'];
  const units: Unit[] = ids.map((id, i) => ({
    id,
    name: UNIT_NAMES[i],
    fillers: everySection([FILLER]),
    approvers: [APPROVER],
  }));
  return {
    id: `${year}-ryunxi`,
    year,
    name: `${year} 年度政府信息公开工作年度报告`,
    deadline: `${year + 1}-01-31T23:59:00+08:00`,
    admins: [ADMIN],
    units,
  };
}

/** Stores the round: edu, police and civil approved, finance waiting for 王芳, health half filled. */
export async function storeFiveUnits(storage: Storage, round = fiveUnitRound()): Promise<Answers[]> {
  await roundRepo(storage).save(round);
  const reports = threeReports().map((r) => r.current);
  const at = Date.parse('2027-01-20T02:00:00Z');
  for (const [i, unitId] of APPROVED.entries()) {
    await storeFilledReport(storage, round.id, unitId, reports[i]);
    await submitForReview(storage, round, unitId, FILLER, at);
    await approveReport(storage, round.id, unitId, APPROVER, at + 60_000);
  }
  await storeFilledReport(storage, round.id, 'finance', reports[0]);
  await submitForReview(storage, round, 'finance', FILLER, at);
  return reports;
}
