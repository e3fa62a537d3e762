/**
 * Makes an approval's file again from what an outbox job carries (its spec), for the sender of a job whose
 * maker died between the callback's answer and the file: the frozen answers of that version come from the
 * stored approval, rendered by the same functions as when the decision was made.
 */
import type { Storage } from '../../storage/store.js';
import type { PdfMaker } from '../render/publish-files.js';
import { roundRepo } from '../rounds/round-repo.js';
import { writePublishFile } from './publish-file.js';
import { approvalRepo } from './repo.js';
import { submissionOf } from './state.js';
import { reportFileName, writeReportFile } from './word-file.js';
import type { FileSpec } from '../feishu/outbox-item.js';

/** Where and how approval files are made. */
export interface ApprovalFileDeps {
  storage: Storage;
  /** where files wait for upload (the handlers' filesDir) */
  dir: string;
  pdf?: PdfMaker;
}

/** The file `spec` names, written to `dir`; undefined when its report or version is gone. */
export async function makeApprovalFile(
  d: ApprovalFileDeps,
  spec: FileSpec,
): Promise<{ filePath: string; fileName: string } | undefined> {
  const ref = await roundRepo(d.storage).unit(spec.round_id, spec.unit_id);
  if (!ref) return undefined;
  const sub = submissionOf(await approvalRepo(d.storage).load(spec.round_id, spec.unit_id), spec.version);
  if (!sub) return undefined;
  if (spec.what === 'publish') return writePublishFile(d.dir, ref, sub, d.pdf, spec.replaced);
  return {
    filePath: await writeReportFile(d.dir, ref, sub),
    fileName: reportFileName(ref, spec.version, spec.final, spec.replaced),
  };
}
