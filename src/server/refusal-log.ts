import type { Request } from 'express';
import type { Logger } from '../logger.js';

/** Lines per cause per window: enough to see an attack start, never enough to fill a disk. */
const LINES_PER_WINDOW = 5;
const WINDOW_MS = 60_000;

/** What is logged of a request that was not authenticated: nothing its sender chose, only sizes and the peer. */
export interface RefusalSummary {
  reason: string;
  status: number;
  bytes: number;
  ip: string;
}

/** Logs refused requests as bounded one-line summaries, at most a few per cause a minute; counts the rest. */
export function createRefusalLog(
  log: Logger,
  o: { now?: () => number; windowMs?: number; msg?: string; level?: 'warn' | 'error' } = {},
) {
  const msg = o.msg ?? 'refused a Feishu push';
  const level = o.level ?? 'warn';
  const now = o.now ?? Date.now;
  const windowMs = o.windowMs ?? WINDOW_MS;
  // Causes are our own fixed strings, so this map stays small whatever senders do.
  const causes = new Map<string, { start: number; logged: number; suppressed: number }>();
  /** `extra` is for our own errors (a stack), never for what a sender wrote. */
  return (req: Request, summary: Omit<RefusalSummary, 'ip'>, extra: object = {}): void => {
    const t = now();
    let c = causes.get(summary.reason);
    if (!c || t - c.start >= windowMs) {
      if (c?.suppressed)
        log[level]({ reason: summary.reason, suppressed: c.suppressed }, `${msg}: more not logged singly`);
      c = { start: t, logged: 0, suppressed: 0 };
      causes.set(summary.reason, c);
    }
    if (c.logged >= LINES_PER_WINDOW) {
      c.suppressed++;
      return;
    }
    c.logged++;
    const ip = String(req.socket.remoteAddress ?? '').slice(0, 64);
    log[level]({ ...extra, ...summary, ip }, msg);
  };
}

/** The refusal log's shape, for middleware that refuses. */
export type RefusalLog = ReturnType<typeof createRefusalLog>;
