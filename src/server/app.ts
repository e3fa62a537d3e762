import * as lark from '@larksuiteoapi/node-sdk';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logger.js';
import { legacyCardCallback } from './legacy-card.js';
import { pushGuard, type PushGuardOptions } from './push-guard.js';
import { BODY_LIMIT_BYTES, readRawBody } from './raw-body.js';
import { createRefusalLog } from './refusal-log.js';

/** The webhook path configured in the Feishu console for both events and card callbacks. */
export const EVENTS_PATH = '/feishu/events';

/** The express app: POST /feishu/events (bytes, guard, then the SDK), GET /healthz and the admin commands. */
export function createApp(o: {
  dispatcher: lark.EventDispatcher;
  guard: Omit<PushGuardOptions, 'refusals'>;
  log: Logger;
  /** the command line's door (admin-api.ts) */
  admin?: express.Router;
  bodyLimitBytes?: number;
}) {
  const app = express();
  app.disable('x-powered-by');
  const refusals = createRefusalLog(o.log);
  // Errors past the guard are ours (or the SDK's): logged with their stack, but only a few per minute.
  const failures = createRefusalLog(o.log, { msg: 'request failed', level: 'error' });
  const badRequests = createRefusalLog(o.log, { msg: 'bad request' });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.post(
    EVENTS_PATH,
    // Bytes first: the signature is checked over them before anything parses the body; the guard then hands
    // the SDK the parsed object (it re-serialises it for its own check, which Feishu's compact JSON passes).
    readRawBody(o.bodyLimitBytes ?? BODY_LIMIT_BYTES, refusals),
    pushGuard({ ...o.guard, refusals }),
    legacyCardCallback(o.log),
    lark.adaptExpress(o.dispatcher, { autoChallenge: true }),
  );
  if (o.admin) app.use(o.admin);
  app.use(
    (err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
      const status = err.status && err.status < 500 ? err.status : 500;
      if (status >= 500) failures(req, { reason: err.name.slice(0, 40), status, bytes: 0 }, { err });
      else badRequests(req, { reason: String(err.type ?? 'other').slice(0, 40), status, bytes: 0 });
      if (res.headersSent) return;
      res.status(status).json({ msg: status >= 500 ? 'internal error' : 'bad request' });
    },
  );
  return app;
}
