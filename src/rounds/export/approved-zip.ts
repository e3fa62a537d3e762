/**
 * The zip of every approved report, one file per unit and format, named by the report's title
 * (「县教育局2026年政府信息公开工作年度报告.docx」), rendered from the approved version's frozen answers — the same
 * answers the approvers signed off and the 历史 card's Word file is made from.
 */
import { reportTitle } from '../../report/template.js';
import type { Round } from '../round.js';
import { safeFileName, uniqueNames } from './file-names.js';
import { EXPORT_FORMATS, type ExportFormat } from './formats.js';
import type { UnitReport } from './unit-reports.js';

/** Why there is no zip: said to the admin as is. */
export const NOTHING_APPROVED = '还没有单位审核通过，暂无可打包的报告';

export type ApprovedZip = { ok: true; bytes: Buffer; files: string[] } | { ok: false; message: string };

/** Packs the approved units' reports in every format; refused when no unit is approved. */
export async function buildApprovedZip(
  round: Pick<Round, 'year'>,
  reports: UnitReport[],
  formats: readonly ExportFormat[] = EXPORT_FORMATS,
): Promise<ApprovedZip> {
  const approved = reports.filter((r) => r.state === 'approved' && r.source.kind === 'approved');
  if (!approved.length) return { ok: false, message: NOTHING_APPROVED };
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  const bases = uniqueNames(approved.map((r) => safeFileName(reportTitle(r.unit.name, round.year))));
  const files: string[] = [];
  for (const [i, r] of approved.entries()) {
    for (const format of formats) {
      const bytes = await format.render({ year: round.year, unit: r.unit.name, answers: r.answers });
      if (!bytes) continue;
      const name = `${bases[i]}.${format.ext}`;
      zip.file(name, bytes);
      files.push(name);
    }
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { ok: true, bytes, files };
}
