/**
 * Sending a Word file: rendered after the answer (a few hundred ms of blocked event loop; Feishu gives the
 * callback 3 s), written where the outbox uploads it from, and queued to each recipient. A file that cannot be
 * made — one that fails its XML check (render/docx-check.ts) above all — is never sent: the log says why and
 * each recipient gets an apology instead of a file Word cannot open.
 */
import { afterAnswer } from './after-answer.js';
import type { HandlerDeps } from './types.js';

/** What the person reads when their Word file could not be made. */
export const WORD_FILE_APOLOGY =
  '抱歉，Word 文件没有生成成功，所以没有发给你。问题已经记录下来，请稍后再试；如果还是不行，请联系管理员。';

export interface WordFileJob {
  /** for the log: which file this is */
  what: string;
  /** renders and writes the file; the path to upload and the name people see */
  make: () => Promise<{ filePath: string; fileName: string }>;
  to: string[];
  /** outbox key prefix, stable per event, so a reprocessed event queues nothing twice */
  key: string;
}

/** Makes the file after the answer and queues it to each recipient, or an apology when it cannot be made. */
export function sendWordFile(deps: Pick<HandlerDeps, 'outbox' | 'log'>, job: WordFileJob): void {
  afterAnswer(deps, job.what, async () => {
    let made: { filePath: string; fileName: string };
    try {
      made = await job.make();
    } catch (err) {
      deps.log.error({ err }, `${job.what} not sent: the file could not be made`);
      for (const to of job.to) await deps.outbox.sendText(to, WORD_FILE_APOLOGY, `${job.key}:${to}:apology`);
      return;
    }
    for (const to of job.to) {
      await deps.outbox.enqueue(
        { kind: 'send-file', receiveId: to, receiveIdType: 'open_id', ...made, fileType: 'doc' },
        { key: `${job.key}:${to}` },
      );
    }
  });
}
