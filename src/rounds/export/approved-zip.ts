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

/** The zip, its file names, and why a format's files are missing (once per sentence); or why there is none. */
export type ApprovedZip =
  { ok: true; bytes: Buffer; files: string[]; missing: string[] } | { ok: false; message: string };

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
  const missing = new Set<string>();
  const inputs = approved.map((r) => ({ year: round.year, unit: r.unit.name, answers: r.answers }));
  // Format by format (a converter renders the whole round at once); the zip then lists each unit's files together.
  const made: Array<{ ext: string; out: Awaited<ReturnType<ExportFormat['render']>> }> = [];
  for (const f of formats) made.push({ ext: f.ext, out: await f.render(inputs) });
  for (const [i, base] of bases.entries()) {
    for (const { ext, out } of made) {
      const bytes = out[i];
      if (!(bytes instanceof Uint8Array)) {
        missing.add(bytes?.missing ?? `${ext.toUpperCase()} 文件没有生成`);
        continue;
      }
      const name = `${base}.${ext}`;
      zip.file(name, bytes);
      files.push(name);
    }
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { ok: true, bytes, files, missing: [...missing] };
}
