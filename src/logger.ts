import { pino, type Logger } from 'pino';

export type { Logger };

/** The one log sink of the process (JSON lines on stdout); child loggers carry the event id. */
export function createLogger(level: string = 'info'): Logger {
  return pino({ level, base: { app: 'nianbao' } });
}

/** Adapts pino to the SDK's logger shape so SDK warnings land in the same structured log. */
export function sdkLogger(log: Logger) {
  const l = log.child({ from: 'lark-sdk' });
  // The SDK logs AxiosErrors whole (config, request, response): keep the message, not the object graph.
  const one = (m: unknown): string => {
    if (typeof m === 'string') return m;
    if (m instanceof Error) return m.message;
    try {
      return JSON.stringify(m)?.slice(0, 2000) ?? String(m);
    } catch {
      return String(m);
    }
  };
  const fmt = (msg: unknown[]) => msg.map(one).join(' ');
  return {
    error: (...m: unknown[]) => l.error(fmt(m)),
    warn: (...m: unknown[]) => l.warn(fmt(m)),
    info: (...m: unknown[]) => l.debug(fmt(m)),
    debug: (...m: unknown[]) => l.debug(fmt(m)),
    trace: (...m: unknown[]) => l.trace(fmt(m)),
  };
}
