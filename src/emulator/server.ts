import express, { type NextFunction, type Request, type Response } from 'express';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { openApiRouter, type OpenApiDeps } from './open-api-routes.js';
import { controlRouter, type ControlDeps } from './control-routes.js';
import { newLogId } from './ids.js';

const WEB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web');

// Shown only when the web page (src/emulator/web) is not there: the API still works without it.
const FALLBACK_PAGE = `<!doctype html><meta charset="utf-8"><title>飞书模拟器</title>
<p>飞书模拟器正在运行。网页界面尚未安装（src/emulator/web/index.html）。控制接口见 <a href="/api/info">/api/info</a>。</p>`;

/** Feishu answers a malformed request body with a JSON error, never an HTML page. */
function jsonErrors(kind: 'openapi' | 'control') {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number }).status ?? 500;
    const msg = err instanceof Error ? err.message : String(err);
    if (kind === 'openapi') {
      res
        .status(status)
        .json({ code: 99992402, msg: `field validation failed: ${msg}`, error: { log_id: newLogId() } });
    } else {
      res.status(status).json({ error: msg });
    }
  };
}

/** The one express app: Open API for the SDK, control API for people and tests, and the web page. */
export function createApp(
  openApi: OpenApiDeps,
  control: ControlDeps,
  wsEndpoint: (req: Request, res: Response) => void,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.post('/callback/ws/endpoint', express.json(), wsEndpoint);
  // Cards are ≤ 30 KB and text ≤ 150 KB; a bigger limit lets the emulator answer 230025 like Feishu instead of 413.
  app.use('/open-apis', express.json({ limit: '5mb' }), openApiRouter(openApi), jsonErrors('openapi'));
  app.use('/api', express.json({ limit: '5mb' }), controlRouter(control), jsonErrors('control'));
  app.use(express.static(WEB_DIR));
  app.get('/', (_req, res) => {
    res.type('html').send(FALLBACK_PAGE);
  });
  return app;
}

/** Whether the web page has been installed (used by the CLI to say what is served). */
export const hasWebPage = (): boolean => fs.existsSync(path.join(WEB_DIR, 'index.html'));
