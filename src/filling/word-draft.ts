/**
 * 预览 Word: a filler sees the report as the Word file it will become, before 提交审核. Rendered from the draft
 * as it is now and marked 草稿 in its name and under its title, so nobody takes it for the approved report.
 * Reading only: it is allowed whatever the review (a locked report can still be looked at).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Storage } from '../../storage/store.js';
import { renderWord } from '../render/word.js';
import { reportTitle, SECTIONS, type AnswersFile } from '../report/template.js';
import { roundRepo } from '../rounds/round-repo.js';
import { draftRepo } from './draft-repo.js';

export type WordDraft =
  | { ok: true; file: AnswersFile; fileName: string; roundId: string; unitId: string }
  | { ok: false; message: string };

/** The draft of a unit as the person may preview it: only a filler of that unit. */
export async function wordDraftOf(
  storage: Storage,
  openId: string,
  ids: { round_id: string; unit_id: string },
): Promise<WordDraft> {
  const ref = await roundRepo(storage).unit(ids.round_id, ids.unit_id);
  if (!ref) return { ok: false, message: '找不到这份年报，可能是很早以前的卡片' };
  if (!SECTIONS.some((s) => ref.unit.fillers[s.id].includes(openId)))
    return { ok: false, message: '只有这个单位的填报人可以预览 Word 草稿' };
  const { draft } = await draftRepo(storage).load(ref.round.id, ref.unit.id);
  const title = reportTitle(ref.unit.name, ref.round.year).replace(/[\\/:*?"<>|]/g, '');
  return {
    ok: true,
    file: { year: ref.round.year, unit: ref.unit.name, answers: draft.answers },
    fileName: `${title}（草稿）.docx`,
    roundId: ref.round.id,
    unitId: ref.unit.id,
  };
}

/**
 * Renders the draft to `dir/drafts/<round>/<unit>/<person>.docx` (one per person, replaced by their next
 * preview) and returns the path. Temp file then rename: the outbox may upload it after a restart.
 */
export async function writeWordDraft(
  dir: string,
  preview: Extract<WordDraft, { ok: true }>,
  openId: string,
): Promise<string> {
  const file = path.join(
    dir,
    'drafts',
    preview.roundId,
    preview.unitId,
    `${openId.replace(/\W/g, '_')}.docx`,
  );
  await mkdir(path.dirname(file), { recursive: true });
  const bytes = await renderWord(preview.file, { draft: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, file);
  return file;
}
