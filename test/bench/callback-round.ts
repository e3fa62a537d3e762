/**
 * The round the callback bench fills: N units (10 or 5,000), each with its own filler (a synthetic open_id), so
 * 500 concurrent 表二 submits hit 500 different reports like 500 agencies on 31 January. Seeded into lowdb or
 * PostgreSQL with one save of the round (reports are created by their first submit). Also the callback values
 * and forms those fillers send.
 */
import { randomBytes } from 'node:crypto';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import type { EmulatorUser } from '../../src/emulator/types.js';
import { STEP_BY_ID } from '../../src/filling/steps.js';
import { SECTIONS } from '../../src/report/template.js';
import { parseRoundFile } from '../../src/rounds/round-file.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { openReportYear } from '../../src/rounds/seed-demo.js';
import type { Round } from '../../src/rounds/round.js';
import { openStorage, type StorageConfig } from '../../storage/open-storage.js';

/** One unit's filler, as the bench's load generator needs it. */
export interface BenchFiller {
  unit_id: string;
  open_id: string;
}

/** What the serving process tells the load generator about the seeded round. */
export interface BenchRound {
  round_id: string;
  fillers: BenchFiller[];
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A round of `units` units, each filled (all six sections) by its own new person. */
export function benchRound(units: number, now = Date.now()): { round: Round; users: EmulatorUser[] } {
  const year = openReportYear(now);
  const users: EmulatorUser[] = Array.from({ length: units }, (_, i) => ({
    open_id: 'ou_' + hex(16),
    user_id: `bench${i}`,
    union_id: 'on_' + hex(16),
    name: `填报人${i + 1}`,
  }));
  const file = {
    year,
    name: `${year} 年度政府信息公开工作年度报告（压测）`,
    deadline: `${year + 1}-01-31`,
    admins: [DEMO.admin.open_id],
    units: users.map((u, i) => ({
      id: `u${String(i + 1).padStart(4, '0')}`,
      name: `压测单位${i + 1}`,
      fillers: [{ open_id: u.open_id, sections: SECTIONS.map((s) => s.id) }],
      approvers: [DEMO.approver.open_id],
    })),
  };
  // Through the admin's own parser, so the round is one an admin could have created.
  return { round: parseRoundFile(JSON.stringify(file), 'bench-round.json'), users };
}

/** Saves `round` into the configured storage (before the bot opens it) and closes the storage. */
export async function seedRound(config: StorageConfig, round: Round): Promise<BenchRound> {
  const storage = await openStorage(config);
  try {
    await roundRepo(storage).save(round);
  } finally {
    await storage.close();
  }
  return {
    round_id: round.id,
    fillers: round.units.map((u) => ({ unit_id: u.id, open_id: u.fillers.s2[0] })),
  };
}

const S2_KEYS = STEP_BY_ID.get('s2.table')!.keys;

/**
 * The 表二 form of the submit a filler makes at `version`: plausible counts, with 行政许可 different on every
 * submit, so each one changes an answer, is really written, and advances section 二's version by exactly one
 * (an unchanged re-submit would leave the version where it is).
 */
export function table2Form(version: number): Record<string, string> {
  const values: Record<string, string> = {
    't2.reg.issued': '0',
    't2.reg.repealed': '0',
    't2.reg.valid': '3',
    't2.norm.issued': '5',
    't2.norm.repealed': '1',
    't2.norm.valid': '42',
    't2.license': String(1000 + version),
    't2.penalty': '12',
    't2.coercion': '2',
    't2.fee': '0',
  };
  const missing = S2_KEYS.filter((k) => !(k in values));
  if (missing.length || S2_KEYS.length !== Object.keys(values).length)
    throw new Error(`表二 keys changed (${S2_KEYS.join(', ')}): update the bench form`);
  return values;
}

/** The value of the 表二 step card's submit button at `version` of section 二. */
export function submitValue(roundId: string, unitId: string, version: number) {
  return {
    action: 'submit_step',
    round_id: roundId,
    unit_id: unitId,
    section: 's2',
    step: 's2.table',
    version,
  };
}
