/**
 * Sending a Word file: rendered after the answer (a few hundred ms of blocked event loop; Feishu gives the
 * callback 3 s), written where the outbox uploads it from, and queued to each recipient. A file that cannot be
 * made — one that fails its XML check (render/docx-check.ts) above all — is never sent: the log says why and
 * each recipient gets an apology instead of a file Word cannot open.
 */
import type { FileType } from '../src/feishu/client.js';
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

/** Makes the file, then the files that follow it, after the answer; each queued to each recipient or apologised for. */
export function sendWordFile(deps: Pick<HandlerDeps, 'outbox' | 'log'>, job: WordFileJob): void {
  afterAnswer(deps, job.what, async () => {
    for (let j: WordFileJob | undefined = job; j; j = j.next) await makeAndQueue(deps, j);
  });
}

async function makeAndQueue(deps: Pick<HandlerDeps, 'outbox' | 'log'>, job: WordFileJob): Promise<void> {
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
