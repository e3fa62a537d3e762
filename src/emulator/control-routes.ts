import express, { type Request, type Response } from 'express';
import type { EmulatorState } from './state.js';
import type { FaultInjector } from './faults.js';
import type { Counters } from './counters.js';
import type { Faults } from './types.js';
import { BadRequestError, NotFoundError, USER_FILE_MAX_BYTES, type Interactions } from './interactions.js';
import { readMultipart } from './multipart.js';
import { attachment, contentTypeOf } from './content-types.js';
import { groupInfo } from './group-info.js';

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
    const deptName = (id: string) => state.tenant.department('open_department_id', id)?.name ?? id;
    res.json(
      state.users.map((u) => ({
        open_id: u.open_id,
        name: u.name,
        mobile: u.mobile ?? null,
        email: u.email ?? null,
        departments: (u.department_ids ?? []).map(deptName),
        job_title: u.job_title ?? null,
        // false: outside the app's availability (the bot cannot see or message them)
        available: state.tenant.isVisible(u),
      })),
    );
  });
  r.post(
    '/users/:open_id/files',
    handle(async (req, res) => {
      if (!req.is('multipart/form-data'))
        throw new BadRequestError('send the file as multipart/form-data, field "file"');
      let form;
      try {
        form = await readMultipart(req, USER_FILE_MAX_BYTES);
      } catch (e) {
        throw new BadRequestError(`bad multipart body: ${(e as Error).message}`);
      }
      const file = form.files.file;
      if (!file) throw new BadRequestError('the multipart field "file" is missing');
      const name = form.fields.file_name || file.filename || '';
      res.json(await deps.interactions.sendFile(String(req.params.open_id), name, file.bytes));
    }),
  );
  r.get('/activity', (_req, res) => {
    res.json(state.activity());
  });
  r.get('/chats', (_req, res) => {
    res.json(state.allGroups().map((g) => groupInfo(state, g.chat_id)));
  });
  r.post(
    '/chats',
    handle(async (req, res) => {
      const b = body(req);
      if (typeof b.open_id !== 'string') throw new BadRequestError('open_id (the creator) is required');
      if (typeof b.name !== 'string') throw new BadRequestError('name is required');
      if (
        b.members !== undefined &&
        !(Array.isArray(b.members) && b.members.every((m) => typeof m === 'string'))
      )
        throw new BadRequestError('members must be an array of open_ids');
      res.json(
        await deps.interactions.createUserChat({
          open_id: b.open_id,
          name: b.name,
          members: b.members as string[] | undefined,
          with_bot: b.with_bot === true,
        }),
      );
    }),
  );
  r.get(
    '/chats/:chat_id/messages',
    handle((req, res) => {
      const chatId = String(req.params.chat_id);
      if (!state.getGroup(chatId)) throw new NotFoundError(`unknown group chat ${chatId}`);
      res.json(state.groupMessages(chatId));
    }),
  );
  r.post(
    '/chats/:chat_id/messages',
    handle(async (req, res) => {
      const b = body(req);
      if (typeof b.open_id !== 'string') throw new BadRequestError('open_id is required');
      if (typeof b.text !== 'string') throw new BadRequestError('text must be a string');
      if (b.mention_bot !== undefined && typeof b.mention_bot !== 'boolean')
        throw new BadRequestError('mention_bot must be a boolean');
      res.json(
        await deps.interactions.sendGroupText(
          String(req.params.chat_id),
          b.open_id,
          b.text,
          b.mention_bot === true,
        ),
      );
    }),
  );
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
      if (
        b.options !== undefined &&
        !(Array.isArray(b.options) && b.options.every((o) => typeof o === 'string'))
      )
        throw new BadRequestError('options must be an array of strings');
      res.json(
        await deps.interactions.act(String(req.params.message_id), {
          open_id: b.open_id,
          value: obj(b.value, 'value'),
          form_value: obj(b.form_value, 'form_value'),
          tag: str(b.tag),
          name: str(b.name),
          option: str(b.option),
          options: b.options as string[] | undefined,
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
      res.setHeader('content-disposition', attachment(f.file_name));
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
