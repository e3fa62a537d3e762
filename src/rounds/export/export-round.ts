/**
 * Exporting a round: its workbook, and the zip of its approved reports, as bytes with the names people see.
 * Reads storage only; the bot sends the two files to the admin's chat, the command line writes them to a folder.
 */
import type { Storage } from '../../../storage/store.js';
import { roundRepo } from '../round-repo.js';
import type { Round } from '../round.js';
import { activityPeople } from './activity.js';
import { buildApprovedZip } from './approved-zip.js';
import { safeFileName } from './file-names.js';
import { EXPORT_FORMATS, type ExportFormat } from './formats.js';
import { loadUnitReports } from './unit-reports.js';
import { buildWorkbook } from './workbook.js';

/** A file made for the admin. */
export interface ExportFile {
  fileName: string;
  bytes: Buffer;
}

/** What an export made: always the workbook; the zip, or why there is none. */
export interface RoundExport {
  round: Round;
  workbook: ExportFile;
  /** `missing`: why a format's files are not in the zip (「服务器未安装 LibreOffice，暂不能生成 PDF」) */
  zip: (ExportFile & { ok: true; files: string[]; missing: string[] }) | { ok: false; message: string };
  /** units of the round, and how many are approved (in the zip) */
  units: number;
  approved: number;
}

/** Display names of open_ids (the contact list); an id left out or named by itself shows as 未查到姓名. */
export type ExportNames = (openIds: string[]) => Promise<Record<string, string>>;

/** The two files' names: 「2026 年度政府信息公开工作年度报告-汇总表.xlsx」 and 「…-审核通过的报告.zip」. */
export function exportFileNames(round: Pick<Round, 'name'>): { workbook: string; zip: string } {
  const base = safeFileName(round.name);
  return { workbook: `${base}-汇总表.xlsx`, zip: `${base}-审核通过的报告.zip` };
}

/** Exports a stored round; undefined when there is no round with this id. Changes nothing in storage. */
export async function exportRound(
  storage: Storage,
  roundId: string,
  names: ExportNames,
  formats: readonly ExportFormat[] = EXPORT_FORMATS,
): Promise<RoundExport | undefined> {
  const round = await roundRepo(storage).get(roundId);
  if (!round) return undefined;
  const reports = await loadUnitReports(storage, round);
  const people = activityPeople(reports);
  const known = people.length ? await names(people) : {};
  const fileNames = exportFileNames(round);
  const workbook = { fileName: fileNames.workbook, bytes: await buildWorkbook(round, reports, known) };
  const zip = await buildApprovedZip(round, reports, formats);
  return {
    round,
    workbook,
    zip: zip.ok
      ? { ok: true, fileName: fileNames.zip, bytes: zip.bytes, files: zip.files, missing: zip.missing }
      : zip,
    units: reports.length,
    approved: reports.filter((r) => r.state === 'approved').length,
  };
}
