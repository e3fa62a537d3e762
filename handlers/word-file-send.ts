/**
 * Sending a Word file: rendered after the answer (a few hundred ms of blocked event loop; Feishu gives the
 * callback 3 s), written where the outbox uploads it from, and queued to each recipient. A file that cannot be
 * made — one that fails its XML check (render/docx-check.ts) above all — is never sent: the log says why and
 * each recipient gets an apology instead of a file Word cannot open.
 *
 * A file an approval decided on (queueWordFile) is queued before the answer, with what it is made from: if
 * this process dies before the file is attached, the outbox's sender makes it itself after a while, so an
 * acknowledged decision never loses its file.
 */
import type { FileType } from '../src/feishu/client.js';
import { outboxIdFor, type FileSpec } from '../src/feishu/outbox.js';
import { afterAnswer } from './after-answer.js';
import type { HandlerDeps } from './types.js';

/** What the person reads when their Word file could not be made. */
export const WORD_FILE_APOLOGY =
  '抱歉，Word 文件没有生成成功，所以没有发给你。问题已经记录下来，请稍后再试；如果还是不行，请联系管理员。';

/** What the person reads when the HTML page and PDF of an approved report could not be made. */
export const PUBLISH_FILE_APOLOGY =
  '抱歉，网页版和 PDF 没有生成成功，Word 文件不受影响。问题已经记录下来；如果需要，请稍后在「历史」中重新获取。';

export interface WordFileJob {
  /** for the log: which file this is */
  what: string;
  /** renders and writes the file; the path to upload and the name people see */
  make: () => Promise<{ filePath: string; fileName: string }>;
  to: string[];
  /** outbox key prefix, stable per event, so a reprocessed event queues nothing twice */
  key: string;
  /** Feishu's file type; 'doc' (a Word file) unless said */
  fileType?: FileType;
  /** what each recipient reads when the file cannot be made; WORD_FILE_APOLOGY unless said */
  apology?: string;
  /** a file that follows this one in the chat (made once this one is queued, so it is never sent first) */
  next?: WordFileJob;
}

/** A file the outbox can make again from its spec; the files that follow it can too. */
export interface SpecifiedFileJob extends Omit<WordFileJob, 'next'> {
  spec: FileSpec;
  next?: SpecifiedFileJob;
}

type Deps = Pick<HandlerDeps, 'outbox' | 'log'>;

/**
 * Queues the file to each recipient before the answer, waiting for its file, and the files that follow it
 * (each after its predecessor to the same person); after the answer makes each and attaches it, or
 * apologises. A job whose file never comes is made by the outbox's sender (Outbox makeFile).
 */
export async function queueWordFile(deps: Deps, job: SpecifiedFileJob): Promise<void> {
  let prev: SpecifiedFileJob | undefined;
  for (let j: SpecifiedFileJob | undefined = job; j; prev = j, j = j.next) {
    for (const to of j.to) {
      await deps.outbox.enqueue(
        {
          kind: 'send-file',
          receiveId: to,
          receiveIdType: 'open_id',
          filePath: '',
          fileName: '',
          fileType: j.fileType ?? 'doc',
          spec: j.spec,
          apology: { text: j.apology ?? WORD_FILE_APOLOGY, key: `${j.key}:${to}:apology` },
          ...(prev ? { after: outboxIdFor(`${prev.key}:${to}`) } : {}),
        },
        { key: `${j.key}:${to}` },
      );
    }
  }
  afterAnswer(deps, job.what, async () => {
    for (let j: SpecifiedFileJob | undefined = job; j; j = j.next) await makeAndAttach(deps, j);
  });
}

async function makeAndAttach(deps: Deps, job: SpecifiedFileJob): Promise<void> {
  let made: { filePath: string; fileName: string };
  try {
    made = await job.make();
  } catch (err) {
    deps.log.error({ err }, `${job.what} not sent: the file could not be made`);
    for (const to of job.to) {
      // Dead-lettered first, so the sender does not try it again after the wait and apologise twice.
      if (await deps.outbox.abandonFile(`${job.key}:${to}`, `file not made: ${String(err)}`))
        await deps.outbox.sendText(to, job.apology ?? WORD_FILE_APOLOGY, `${job.key}:${to}:apology`);
    }
    return;
  }
  // false: the sender made it after the wait (this process was slow), or an earlier handling attached it.
  for (const to of job.to) await deps.outbox.attachFile(`${job.key}:${to}`, made);
}

/** Makes the file, then the files that follow it, after the answer; each queued to each recipient or apologised for. */
export function sendWordFile(deps: Deps, job: WordFileJob): void {
  afterAnswer(deps, job.what, async () => {
    for (let j: WordFileJob | undefined = job; j; j = j.next) await makeAndQueue(deps, j);
  });
}

async function makeAndQueue(deps: Deps, job: WordFileJob): Promise<void> {
  let made: { filePath: string; fileName: string };
  try {
    made = await job.make();
  } catch (err) {
    deps.log.error({ err }, `${job.what} not sent: the file could not be made`);
    for (const to of job.to)
      await deps.outbox.sendText(to, job.apology ?? WORD_FILE_APOLOGY, `${job.key}:${to}:apology`);
    return;
  }
  for (const to of job.to) {
    await deps.outbox.enqueue(
      {
        kind: 'send-file',
        receiveId: to,
        receiveIdType: 'open_id',
        ...made,
        fileType: job.fileType ?? 'doc',
      },
      { key: `${job.key}:${to}` },
    );
  }
}
