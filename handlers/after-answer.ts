/**
 * Work a handler starts after answering (rendering a Word file, writing a spreadsheet, opening a group): Feishu
 * gives a callback 3 s, and these take longer or block the event loop for a moment. A failure is logged with
 * the event id; shutdown and tests wait for what was started.
 */
import type { HandlerDeps } from './types.js';

const running = new Set<Promise<void>>();

/** Runs `work` once the current answer has gone out. */
export function afterAnswer(deps: Pick<HandlerDeps, 'log'>, what: string, work: () => Promise<void>): void {
  const job = (async () => {
    await new Promise((r) => setImmediate(r));
    await work();
  })().catch((err: unknown) => deps.log.error({ err }, `${what} failed`));
  running.add(job);
  void job.finally(() => running.delete(job));
}

/** Resolves when every piece of work started so far has finished. */
export async function afterAnswerSettled(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}
