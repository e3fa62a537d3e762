import express, { type Request, type Response } from 'express';
import type { EmulatorState } from './state.js';
import type { FaultInjector } from './faults.js';
import type { Counters } from './counters.js';
import type { Faults } from './types.js';
import { BadRequestError, NotFoundError, type Interactions } from './interactions.js';

export interface ControlDeps {
  state: EmulatorState;
  faults: FaultInjector;
  counters: Counters;
  interactions: Interactions;
  appId: string;
  encrypted: boolean;
  url: () => string;
  getWebhook: () => string | undefined;
  setWebhook: (url: string) => void;
  verifyWebhook: () => Promise<{ ok: boolean; error?: string }>;
  longConnections: () => number;
}

const FAULT_NUMBERS = [
  'error5xxRate',
  'rateLimitRate',
  'delayMs',
  'duplicateDeliveries',
  'lostResponseRate',
  'seed',
];

/** Checks a faults body field by field, so a typo in a script is an error and not a silently ignored fault. */
export function parseFaults(body: unknown): Faults {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestError('faults must be an object');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (FAULT_NUMBERS.includes(k)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        throw new BadRequestError(`${k} must be a number ≥ 0`);
      if (k.endsWith('Rate') && v > 1) throw new BadRequestError(`${k} must be between 0 and 1`);
      out[k] = v;
    } else if (k === 'enforceRateLimits') {
      if (typeof v !== 'boolean') throw new BadRequestError('enforceRateLimits must be a boolean');
      out[k] = v;
    } else {
      throw new BadRequestError(`unknown fault ${k}`);
    }
  }
  return out as Faults;
}

function handle(fn: (req: Request, res: Response) => Promise<void> | void) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await fn(req, res);
    } catch (e) {
      if (e instanceof NotFoundError) res.status(404).json({ error: e.message });
      else if (e instanceof BadRequestError) res.status(400).json({ error: e.message });
      else res.status(500).json({ error: e instanceof Error ? e.message : String(e) });
    }
  };
}

const body = (req: Request): Record<string, unknown> =>
  typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};

/** The emulator's control API under /api: what the web page, tests and scripts use to play the users. */
export function controlRouter(deps: ControlDeps): express.Router {
  const r = express.Router();
  const { state } = deps;

  r.get('/users', (_req, res) => {
    res.json(state.users.map((u) => ({ open_id: u.open_id, name: u.name })));
  });
  r.post(
    '/users/:open_id/messages',
    handle(async (req, res) => {
      const text = body(req).text;
      if (typeof text !== 'string') throw new BadRequestError('text must be a string');
      res.json(await deps.interactions.sendText(String(req.params.open_id), text));
    }),
  );
  r.get(
    '/users/:open_id/messages',
    handle((req, res) => {
      const openId = String(req.params.open_id);
      if (!state.findUser('open_id', openId)) throw new NotFoundError(`unknown user ${openId}`);
      res.json(state.chatOf(openId));
    }),
  );
  r.post(
    '/messages/:message_id/actions',
    handle(async (req, res) => {
      const b = body(req);
      if (typeof b.open_id !== 'string') throw new BadRequestError('open_id is required');
      const obj = (v: unknown, name: string) => {
        if (v === undefined) return undefined;
        if (typeof v !== 'object' || v === null || Array.isArray(v))
          throw new BadRequestError(`${name} must be an object`);
        return v as Record<string, unknown>;
      };
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      res.json(
        await deps.interactions.act(String(req.params.message_id), {
          open_id: b.open_id,
          value: obj(b.value, 'value'),
          form_value: obj(b.form_value, 'form_value'),
          tag: str(b.tag),
          name: str(b.name),
        }),
      );
    }),
  );
  r.get(
    '/files/:file_key',
    handle((req, res) => {
      const f = state.getFile(String(req.params.file_key));
      if (!f) throw new NotFoundError('unknown file_key');
      res.setHeader('content-type', contentTypeOf(f.file_name));
      res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`);
      res.send(f.bytes);
    }),
  );
  r.get('/faults', (_req, res) => {
    res.json(deps.faults.get());
  });
  r.post(
    '/faults',
    handle((req, res) => {
      deps.faults.set(parseFaults(req.body ?? {}));
      res.json(deps.faults.get());
    }),
  );
  r.get('/info', (_req, res) => {
    res.json({
      app_id: deps.appId,
      url: deps.url(),
      webhook_url: deps.getWebhook() ?? null,
      encrypted: deps.encrypted,
      users: state.users.length,
      long_connections: deps.longConnections(),
    });
  });
  r.post(
    '/webhook',
    handle((req, res) => {
      const url = body(req).url;
      if (typeof url !== 'string' || !/^https?:\/\//.test(url))
        throw new BadRequestError('url must be an http(s) URL');
      deps.setWebhook(url);
      res.json({ webhook_url: url });
    }),
  );
  r.post(
    '/webhook/verify',
    handle(async (_req, res) => {
      res.json(await deps.verifyWebhook());
    }),
  );
  r.get('/stats', (_req, res) => {
    res.json({ ...deps.counters, longConnections: deps.longConnections() });
  });
  r.use((req, res) => {
    res.status(404).json({ error: `no such control call: ${req.method} /api${req.path}` });
  });
  return r;
}

const TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
};

/** Content type from the file name, as a browser needs it to open or download the report. */
function contentTypeOf(name: string): string {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}
