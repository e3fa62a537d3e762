/**
 * The files to publish of an approved version (the HTML page and the PDF, in one zip beside its Word file),
 * written where the outbox can upload them from; rendered from the frozen answers like the Word file.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { publishBundle, type PdfMaker } from '../render/publish-files.js';
import type { UnitRef } from '../rounds/round-repo.js';
import type { Submission } from './state.js';
import { reportFileName } from './word-file.js';

/** Writes `dir/approvals/<round>/<unit>/v<version>-publish.zip`; the path and the name people see. */
export async function writePublishFile(
  dir: string,
  ref: UnitRef,
  submission: Pick<Submission, 'version' | 'answers'>,
  makePdf: PdfMaker | undefined,
  replaced = false,
): Promise<{ filePath: string; fileName: string }> {
  const target = path.join(dir, 'approvals', ref.round.id, ref.unit.id, `v${submission.version}-publish.zip`);
  await mkdir(path.dirname(target), { recursive: true });
  const base = reportFileName(ref, submission.version, true, replaced).replace(/\.docx$/, '');
  const bundle = await publishBundle(
    { year: ref.round.year, unit: ref.unit.name, answers: submission.answers },
    base,
    makePdf,
  );
  // Temp file then rename: the outbox may upload this path after a restart; it must never be half-written.
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, bundle.bytes);
  await rename(temp, target);
  return { filePath: target, fileName: bundle.fileName };
}
