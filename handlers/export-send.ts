/**
 * Sends a round's export to the admin who asked: made after the answer (a Word file per approved unit takes a
 * moment each), then the workbook and the zip as file messages and one sentence saying what came, or why the zip
 * did not. A failure is logged and the admin gets an apology instead of a file that would not open.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FileType } from '../src/feishu/client.js';
import { UNKNOWN_NAME } from '../src/feishu/user-names.js';
import { exportRound, type ExportFile, type RoundExport } from '../src/rounds/export/export-round.js';
import { exportFormats } from '../src/rounds/export/formats.js';
import { afterAnswer } from './after-answer.js';
import type { HandlerDeps } from './types.js';

/** What the admin reads when the files could not be made. */
export const EXPORT_APOLOGY =
  '抱歉，汇总表和报告没有生成成功。问题已经记录下来，请稍后再试；如果还是不行，请联系技术人员。';

/**
 * The sentence beside the files: what was made, and why there is no zip when there is none. Worded to read right
 * whichever arrives first (an upload can take longer than a text).
 */
export function exportSummary(made: RoundExport): string {
  const head = `《${made.round.name}》导出完成：汇总表（${made.units} 个单位）`;
  if (!made.zip.ok) return `${head}。${made.zip.message}，有单位审核通过后再导出即可。`;
  const missing = made.zip.missing.map((m) => `${m}。`).join('');
  return `${head}和报告压缩包（${made.approved} 个审核通过的单位）。${missing}`;
}

async function writeOutboxFile(deps: HandlerDeps, file: ExportFile): Promise<string> {
  const dir = path.join(deps.filesDir ?? path.join(tmpdir(), 'nianbao-files'), 'export');
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, `${deps.eventId.replace(/[^\w-]/g, '_')}-${file.fileName}`);
  // Temp file then rename: the outbox may upload this path after a restart; it must never be half-written.
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, file.bytes);
  await rename(temp, target);
  return target;
}

/** Makes the round's workbook and zip after the answer and sends them to `to`. */
export function sendRoundExport(deps: HandlerDeps, to: string, roundId: string): void {
  // A name the contact list did not give is left out: the workbook then says 未查到姓名 rather than 「同事」.
  const names = async (ids: string[]) => {
    const found = await Promise.all(
      ids.map(async (id) => (deps.userName ? await deps.userName(id) : undefined)),
    );
    return Object.fromEntries(found.flatMap((n, i) => (n && n !== UNKNOWN_NAME ? [[ids[i], n]] : [])));
  };
  afterAnswer(deps, 'round export', async () => {
    let made: RoundExport | undefined;
    try {
      made = await exportRound(deps.storage, roundId, names, exportFormats({ pdf: Boolean(deps.pdf) }));
    } catch (err) {
      deps.log.error({ err, roundId }, 'round export not sent: the files could not be made');
      await deps.outbox.sendText(to, EXPORT_APOLOGY, `${deps.eventId}:export:apology`);
      return;
    }
    if (!made) {
      await deps.outbox.sendText(to, '找不到这一轮，可能已被删除。', `${deps.eventId}:export:missing`);
      return;
    }
    const files: Array<[ExportFile, FileType, string]> = [[made.workbook, 'xls', 'xlsx']];
    if (made.zip.ok) files.push([made.zip, 'stream', 'zip']);
    for (const [file, fileType, what] of files)
      await deps.outbox.enqueue(
        {
          kind: 'send-file',
          receiveId: to,
          receiveIdType: 'open_id',
          filePath: await writeOutboxFile(deps, file),
          fileName: file.fileName,
          fileType,
        },
        { key: `${deps.eventId}:export:${what}` },
      );
    await deps.outbox.sendText(to, exportSummary(made), `${deps.eventId}:export:summary`);
  });
}
