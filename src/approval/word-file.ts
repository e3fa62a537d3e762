/**
 * The Word file of a submission, written where the outbox can upload it from. Rendered from the frozen answers,
 * so the file of any version can be made again at any time (the 历史 card's button relies on it).
 */
import { mkdir, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { renderWord } from '../render/word.js';
import { reportTitle } from '../report/template.js';
import type { UnitRef } from '../rounds/round-repo.js';
import type { Submission } from './state.js';

/**
 * The file name people see: the report's title, and which version when it is not the final one. An approved
 * version that a later approval replaced (after 重新打开) says its version too, so the two files in a chat differ.
 */
export function reportFileName(ref: UnitRef, version: number, final: boolean, replaced = false): string {
  const title = reportTitle(ref.unit.name, ref.round.year).replace(/[\\/:*?"<>|]/g, '');
  if (!final) return `${title}（第${version}版送审稿）.docx`;
  return replaced ? `${title}（第${version}版定稿，已被后来的定稿取代）.docx` : `${title}.docx`;
}

/** Renders the submission to `dir/approvals/<round>/<unit>/v<version>.docx` and returns the path. */
export async function writeReportFile(
  dir: string,
  ref: UnitRef,
  submission: Pick<Submission, 'version' | 'answers'>,
): Promise<string> {
  const file = path.join(dir, 'approvals', ref.round.id, ref.unit.id, `v${submission.version}.docx`);
  await mkdir(path.dirname(file), { recursive: true });
  const bytes = await renderWord({ year: ref.round.year, unit: ref.unit.name, answers: submission.answers });
  // Temp file then rename: the outbox may upload this path after a restart; it must never be half-written.
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, file);
  return file;
}
