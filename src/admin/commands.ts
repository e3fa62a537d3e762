/**
 * The admin commands of the command line (`nianbao round create`, `round previous`, `reminders set`, `round list`),
 * as operations on storage that return plain data. The same functions run inside the bot when it is up (the
 * command line sends them over src/server/admin-api.ts, so nothing is written behind the bot's back) and in the
 * command line itself when no bot owns the data directory.
 */
import type { Storage } from '../../storage/store.js';
import { draftRepo, type DraftRepo } from '../filling/draft-repo.js';
import { CARRY_KEYS, lastYearCount } from '../filling/draft.js';
import { parseAnswersFile, AnswersFileError } from '../report/answers-file.js';
import { TEXT_FIELDS } from '../report/template.js';
import { PlanConfigError, resolveReminderPlan, type ReminderPlanInput } from '../reminders/plan-config.js';
import { planInputOf } from '../reminders/slots.js';
import { RoundFileError, parseRoundFile } from '../rounds/round-file.js';
import type { RoundEffect } from '../rounds/round-changes.js';
import { roundRepo } from '../rounds/round-repo.js';
import { roundService } from '../rounds/round-service.js';
import type { Round } from '../rounds/round.js';
import { writeRoundSheet, type PersonLookup } from '../rounds/sheet/write-sheet.js';
import { exportRound } from '../rounds/export/export-round.js';
import { consolidateCommand } from '../consolidated/command.js';

/** What the commands need: storage, the clock, and how a round's effects reach people. */
export interface AdminDeps {
  storage: Storage;
  now: () => number;
  /** queues the notices of a round's effects under `key`; returns the number of messages queued */
  deliver: (round: Round, effects: RoundEffect[], key: string) => Promise<number>;
  /** who an open_id is (names and mobiles for the spreadsheet); absent where no directory can be reached */
  people?: PersonLookup;
}

/** A command's answer: data to print, or a refusal in Chinese (nothing was changed). */
export type AdminAnswer<T> = ({ ok: true } & T) | { ok: false; message: string };

const no = (message: string): { ok: false; message: string } => ({ ok: false, message });

async function roundsHint(storage: Storage): Promise<string> {
  const rounds = await roundRepo(storage).list();
  return rounds.map((r) => `${r.id}（${r.units.map((u) => u.id).join('、')}）`).join('；') || '无';
}

/** A short form of a round for listings. */
export interface RoundLine {
  id: string;
  name: string;
  year: number;
  deadline: string;
  units: Array<{ id: string; name: string }>;
  closed: boolean;
}

const lineOf = (r: Round): RoundLine => ({
  id: r.id,
  name: r.name,
  year: r.year,
  deadline: r.deadline,
  units: r.units.map((u) => ({ id: u.id, name: u.name })),
  closed: Boolean(r.closedAt),
});

/** A round's export as plain JSON (it may come over HTTP). */
export interface RoundExportLine {
  units: number;
  approved: number;
  workbook: { fileName: string; base64: string };
  zip:
    | { ok: true; fileName: string; base64: string; files: string[]; missing: string[] }
    | { ok: false; message: string };
}

/** The admin commands by name; each takes plain JSON input (it may come over HTTP) and checks it. */
export const adminCommands = {
  /** Opens (or re-creates) a round from a round file's text; every filler gets their first card. */
  async 'round.create'(
    d: AdminDeps,
    input: { text?: unknown; source?: unknown },
  ): Promise<AdminAnswer<{ round: Round; replaced: boolean; queued: number }>> {
    if (typeof input.text !== 'string') return no('缺少轮次文件的内容');
    const source = typeof input.source === 'string' ? input.source : '轮次文件';
    let round: Round;
    try {
      round = parseRoundFile(input.text, source);
    } catch (e) {
      if (e instanceof RoundFileError) return no(e.message);
      throw e;
    }
    const now = d.now();
    const opened = await roundService(d.storage).open(round, { by: 'cli', now });
    const queued = await d.deliver(opened.round, opened.effects, `cli:create:${round.id}:${now}`);
    return { ok: true, round: opened.round, replaced: opened.replaced, queued };
  },

  /** Stores last year's report of a unit (an answers file's text) for prefill and the cross-year checks. */
  async 'round.previous'(
    d: AdminDeps,
    input: { roundId?: unknown; unitId?: unknown; answersFile?: unknown },
  ): Promise<
    AdminAnswer<{ unitName: string; texts: number; carry: number; started: boolean; yearMismatch?: string }>
  > {
    const { roundId, unitId } = input;
    if (typeof roundId !== 'string' || typeof unitId !== 'string' || typeof input.answersFile !== 'string')
      return no('缺少轮次、单位或上年报告');
    let report;
    try {
      report = parseAnswersFile(input.answersFile, '上年报告');
    } catch (e) {
      if (e instanceof AnswersFileError) return no(e.message);
      throw e;
    }
    const ref = await roundRepo(d.storage).unit(roundId, unitId);
    if (!ref) return no(`找不到轮次 ${roundId} 的单位 ${unitId}。已有的轮次：${await roundsHint(d.storage)}`);
    const drafts: DraftRepo = draftRepo(d.storage);
    const { draft } = await drafts.load(roundId, unitId);
    await drafts.setPrevious(roundId, unitId, report.answers);
    return {
      ok: true,
      unitName: ref.unit.name,
      texts: TEXT_FIELDS.filter((f) => String(report.answers[f.key] ?? '').trim()).length,
      carry: CARRY_KEYS.filter((k) => lastYearCount(report.answers, k.lastCarryOut) !== undefined).length,
      started: draft.version > 0,
      ...(report.year !== ref.round.year - 1
        ? {
            yearMismatch: `这份报告是 ${report.year} 年度的，轮次是 ${ref.round.year} 年度，上年应是 ${ref.round.year - 1} 年度`,
          }
        : {}),
    };
  },

  /** Merges a change into a round's reminder plan. */
  async 'reminders.set'(
    d: AdminDeps,
    input: { roundId?: unknown; plan?: unknown },
  ): Promise<AdminAnswer<{ round: Round }>> {
    if (typeof input.roundId !== 'string' || !input.plan || typeof input.plan !== 'object')
      return no('缺少轮次或提醒设置');
    const round = await roundRepo(d.storage).get(input.roundId);
    if (!round) return no(`找不到轮次 ${input.roundId}，请先用 nianbao round create 创建`);
    const plan = { ...(planInputOf(round) ?? {}), ...(input.plan as ReminderPlanInput) };
    try {
      resolveReminderPlan(plan);
    } catch (e) {
      if (e instanceof PlanConfigError) return no(e.message);
      throw e;
    }
    const changed = await roundService(d.storage).change(
      round.id,
      { kind: 'set_plan', plan },
      { by: 'cli', now: d.now() },
    );
    return changed.ok ? { ok: true, round: changed.round } : no(changed.message);
  },

  /** Every round with its units, newest report year first. */
  async 'round.list'(d: AdminDeps): Promise<AdminAnswer<{ rounds: RoundLine[] }>> {
    const rounds = (await roundRepo(d.storage).list()).sort((a, b) => b.year - a.year);
    return { ok: true, rounds: rounds.map(lineOf) };
  },

  /** A round's units and people as the spreadsheet an admin sends (base64 .xlsx). */
  async 'round.sheet'(
    d: AdminDeps,
    input: { roundId?: unknown },
  ): Promise<AdminAnswer<{ xlsx: string; named: boolean; units: number }>> {
    if (typeof input.roundId !== 'string') return no('缺少轮次编号');
    const round = await roundRepo(d.storage).get(input.roundId);
    if (!round) return no(`找不到轮次 ${input.roundId}。已有的轮次：${await roundsHint(d.storage)}`);
    const bytes = await writeRoundSheet(round, d.people ?? (() => undefined));
    return { ok: true, xlsx: bytes.toString('base64'), named: Boolean(d.people), units: round.units.length };
  },

  /** The 本级政府's consolidated report of a round: who is in and missing; started when named (src/consolidated). */
  'round.consolidate': consolidateCommand,

  /** A round's workbook and the zip of its approved reports (base64); reads only. */
  async 'round.export'(
    d: AdminDeps,
    input: { roundId?: unknown },
  ): Promise<AdminAnswer<{ export: RoundExportLine; named: boolean }>> {
    if (typeof input.roundId !== 'string') return no('缺少轮次编号');
    const people = d.people;
    const names = async (ids: string[]) => {
      if (!people) return {};
      const found = await Promise.all(ids.map((id) => Promise.resolve(people(id)).catch(() => undefined)));
      return Object.fromEntries(found.flatMap((p, i) => (p?.name ? [[ids[i], p.name]] : [])));
    };
    const made = await exportRound(d.storage, input.roundId, names);
    if (!made) return no(`找不到轮次 ${input.roundId}。已有的轮次：${await roundsHint(d.storage)}`);
    const line: RoundExportLine = {
      units: made.units,
      approved: made.approved,
      workbook: { fileName: made.workbook.fileName, base64: made.workbook.bytes.toString('base64') },
      zip: made.zip.ok
        ? {
            ok: true,
            fileName: made.zip.fileName,
            base64: made.zip.bytes.toString('base64'),
            files: made.zip.files,
            missing: made.zip.missing,
          }
        : made.zip,
    };
    return { ok: true, export: line, named: Boolean(people) };
  },

  /** One round as stored. */
  async 'round.get'(d: AdminDeps, input: { roundId?: unknown }): Promise<AdminAnswer<{ round: Round }>> {
    if (typeof input.roundId !== 'string') return no('缺少轮次编号');
    const round = await roundRepo(d.storage).get(input.roundId);
    return round
      ? { ok: true, round }
      : no(`找不到轮次 ${input.roundId}。已有的轮次：${await roundsHint(d.storage)}`);
  },
};

export type AdminCommandName = keyof typeof adminCommands;

/** True for a known command name (it may come over HTTP). */
export const isAdminCommand = (name: unknown): name is AdminCommandName =>
  typeof name === 'string' && Object.hasOwn(adminCommands, name);

/** Runs a command by name on plain input. */
export function runAdminCommand(d: AdminDeps, name: AdminCommandName, input: Record<string, unknown>) {
  return (adminCommands[name] as (d: AdminDeps, i: Record<string, unknown>) => Promise<AdminAnswer<object>>)(
    d,
    input,
  );
}
