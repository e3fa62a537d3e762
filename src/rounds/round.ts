/**
 * A reporting round: one report year, a deadline, and the units that report, each with who fills which
 * section and who approves, in order. An admin opens it in Feishu (a spreadsheet, the directory, person pickers)
 * or from a JSON file (`nianbao round create FILE`), and changes it while it runs (round-changes.ts).
 */
import { createHash } from 'node:crypto';
import type { ReminderPlanInput } from '../reminders/plan-config.js';
import { SECTIONS, type SectionId } from '../report/template.js';

export interface Unit {
  /** stable id within the round, safe in storage names: letters, digits, `-`, `_` */
  id: string;
  /** the agency's full name, as printed in the report title */
  name: string;
  /** each section's fillers (open_ids); every section has at least one */
  fillers: Record<SectionId, string[]>;
  /** the approval chain, first to last (科室负责人 → 分管领导 → 主要负责人) */
  approvers: string[];
}

export interface Round {
  /** safe in storage names, e.g. `2026-r3f9a1c` */
  id: string;
  /** the report year (the statistics period is 1 January – 31 December of it) */
  year: number;
  /** shown to people, e.g. 「2026 年度政府信息公开工作年度报告」 */
  name: string;
  /** ISO 8601 with offset, Beijing time */
  deadline: string;
  units: Unit[];
  /** 管理员: see progress of every unit, export */
  admins: string[];
  /** the round's own reminder plan (round file or `nianbao reminders set`); absent: the default plan */
  reminders?: { plan?: ReminderPlanInput };
  /** the round's working group chat, where round news is posted and pickers list exactly its people */
  groupChatId?: string;
  /** ISO time the admin closed the round: no more filling, reminders or changes */
  closedAt?: string;
  /** every change made to the round, oldest first (round-changes.ts) */
  history?: RoundEvent[];
  /**
   * Set on the 本级政府's consolidated report (src/consolidated): its one unit's tables are the sums of these
   * units' approved reports in the source round, frozen when the admin started it.
   */
  source?: ConsolidationSource;
}

/** Where a consolidated report's tables come from. */
export interface ConsolidationSource {
  roundId: string;
  /** the units summed, in the source round's order */
  unitIds: string[];
  /** the approved version of each unit that was summed, by unit id */
  versions: Record<string, number>;
  /** ISO 8601: when the sums were frozen */
  at: string;
  /** open_id of the admin who froze them, or `cli` */
  by: string;
}

/** One entry of a round's history: who changed what, when, in the words the admin reads. */
export interface RoundEvent {
  /** ISO 8601 */
  at: string;
  /** open_id of the admin, or `cli` for the command line */
  by: string;
  kind: string;
  /** e.g. 「县教育局：一、总体情况 的填报人 张三 → 李四」 */
  summary: string;
}

/** Ids that are safe inside storage collection names and card values. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/i;

/** A round id derived from its year and name, so re-creating the same file gives the same id. */
export function roundIdFor(year: number, name: string): string {
  const hash = createHash('sha256').update(`${year}\n${name}`).digest('hex').slice(0, 6);
  return `${year}-r${hash}`;
}

/** The sections one person fills in one unit, in printed order. */
export function sectionsOf(unit: Unit, openId: string): SectionId[] {
  return SECTIONS.map((s) => s.id).filter((id) => unit.fillers[id].includes(openId));
}

/** Every distinct filler of a unit. */
export function fillersOf(unit: Unit): string[] {
  return [...new Set(SECTIONS.flatMap((s) => unit.fillers[s.id]))];
}

/** The units in which a person fills at least one section. */
export function unitsOfFiller(round: Round, openId: string): Unit[] {
  return round.units.filter((u) => sectionsOf(u, openId).length > 0);
}
