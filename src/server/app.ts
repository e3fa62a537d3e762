import * as lark from '@larksuiteoapi/node-sdk';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logger.js';
import { legacyCardCallback } from './legacy-card.js';
import { pushGuard, type PushGuardOptions } from './push-guard.js';

/** The webhook path configured in the Feishu console for both events and card callbacks. */
export const EVENTS_PATH = '/feishu/events';

/** The express app: POST /feishu/events (guard, then the SDK), GET /healthz and the admin commands. */
export function createApp(o: {
  dispatcher: lark.EventDispatcher;
  guard: PushGuardOptions;
  log: Logger;
  /** the command line's door (admin-api.ts) */
  admin?: express.Router;
}) {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.post(
    EVENTS_PATH,
    // Parsed JSON, never raw/text: the SDK re-serializes the parsed body to check the signature (brief §4).
    express.json({ limit: '1mb' }),
    legacyCardCallback(o.log),
    pushGuard(o.guard),
    lark.adaptExpress(o.dispatcher, { autoChallenge: true }),
  );
  if (o.admin) app.use(o.admin);
  app.use(
    (err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
      const status = err.status && err.status < 500 ? err.status : 500;
      if (status >= 500) o.log.error({ err }, 'request failed');
      else o.log.warn({ err: err.message, type: err.type }, 'bad request');
      res.status(status).json({ msg: status >= 500 ? 'internal error' : 'bad request' });
    },
  );
  return app;
}
