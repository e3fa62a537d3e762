import express, { type Request, type Response } from 'express';
import type { EmulatorState } from './state.js';
import type { FaultInjector } from './faults.js';
import type { Counters } from './counters.js';
import { fail, rateLimited, type ApiResult } from './api-result.js';
import { createMessage, patchMessage, replyMessage, type MessagingDeps } from './messaging.js';
import { uploadFile, updateCardByToken } from './open-api-misc.js';
import { batchGetId, departmentChildren, findByDepartment, getDepartment, getUser } from './contact-api.js';
import { addMembers, createChat, listMembers } from './chat-api.js';
import { messageResource } from './message-resource.js';
import { readMultipart, type MultipartForm } from './multipart.js';
import { newTenantToken } from './ids.js';

// Feishu: tenant_access_token lives 7200 s; the SDK refetches every call when expire < 180, so always 7200.
const TOKEN_EXPIRE_S = 7200;
const FILE_MAX_BYTES = 30 * 1024 * 1024;

export interface OpenApiDeps {
  state: EmulatorState;
  faults: FaultInjector;
  counters: Counters;
  appId: string;
  appSecret: string;
}

type Handler = (req: Request, form?: MultipartForm) => ApiResult | Promise<ApiResult>;

// unref: a delayed answer must not keep a closing emulator (or a test process) alive.
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

function send(res: Response, r: ApiResult): void {
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  if (r.bytes) res.status(r.status).send(r.bytes);
  else res.status(r.status).json(r.body);
}

const serverError = (): ApiResult => fail(1500, 'internal error', 500);

function checkAuth(deps: OpenApiDeps, req: Request): ApiResult | null {
  const h = req.headers.authorization;
  if (!h || !h.startsWith('Bearer ')) {
    return fail(
      99991661,
      'Missing access token for authorization. Please make a request with token attached.',
    );
  }
  if (!deps.state.isTenantTokenValid(h.slice('Bearer '.length).trim())) {
    return fail(
      99991663,
      'Invalid access token for authorization. Please make a request with token attached.',
    );
  }
  return null;
}

/**
 * Wraps an Open API handler with what Feishu's gateway does around it: token check, then the injected faults.
 * Faults: delay every answer; 5xx and 429 refuse before any work; a "lost" answer does the work and then fails,
 * which is exactly the case the uuid of message create protects against.
 */
function route(deps: OpenApiDeps, handler: Handler) {
  return async (req: Request, res: Response): Promise<void> => {
    deps.counters.openApiCalls += 1;
    let form: MultipartForm | undefined;
    if (req.is('multipart/form-data')) {
      try {
        form = await readMultipart(req, FILE_MAX_BYTES);
      } catch (e) {
        send(res, fail(99992402, `field validation failed: bad multipart body (${(e as Error).message})`));
        return;
      }
    }
    const denied = checkAuth(deps, req);
    if (deps.faults.delayMs > 0) await sleep(deps.faults.delayMs);
    if (denied) return send(res, denied);
    const fate = deps.faults.roll();
    if (fate === '5xx') {
      deps.counters.rejected5xx += 1;
      return send(res, serverError());
    }
    if (fate === '429') {
      deps.counters.rejected429 += 1;
      return send(res, rateLimited(1, 50));
    }
    const result = await handler(req, form);
    if (fate === 'lost') {
      deps.counters.rejected5xx += 1;
      return send(res, serverError());
    }
    if (result.status === 429) deps.counters.rejected429 += 1;
    send(res, result);
  };
}

const bodyOf = (req: Request): Record<string, unknown> =>
  typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};

/** The Open API routes the bot calls through the SDK, under /open-apis. */
export function openApiRouter(deps: OpenApiDeps): express.Router {
  const r = express.Router();
  const messaging: MessagingDeps = {
    state: deps.state,
    faults: deps.faults,
    appId: deps.appId,
    onCreated: () => {
      deps.counters.messagesCreated += 1;
    },
  };

  // The token endpoint is exempt from injected faults: the SDK turns a failed token fetch into a plain Error
  // (not an AxiosError with a status), so faults there would test the SDK, not the bot's retry logic.
  r.post('/auth/v3/tenant_access_token/internal', (req, res) => {
    deps.counters.openApiCalls += 1;
    const b = bodyOf(req);
    if (b.app_id !== deps.appId) return send(res, fail(10003, 'invalid param: app_id not found'));
    if (b.app_secret !== deps.appSecret) return send(res, fail(10014, 'app secret invalid'));
    const token = newTenantToken();
    deps.state.issueTenantToken(token, TOKEN_EXPIRE_S);
    res.json({ code: 0, msg: 'ok', tenant_access_token: token, expire: TOKEN_EXPIRE_S });
  });

  r.post(
    '/im/v1/messages',
    route(deps, (req) => createMessage(messaging, req.query.receive_id_type, bodyOf(req))),
  );
  r.post(
    '/im/v1/messages/:message_id/reply',
    route(deps, (req) => replyMessage(messaging, String(req.params.message_id), bodyOf(req))),
  );
  r.patch(
    '/im/v1/messages/:message_id',
    route(deps, (req) => patchMessage(messaging, String(req.params.message_id), bodyOf(req))),
  );
  r.post(
    '/im/v1/files',
    route(deps, (_req, form) => uploadFile(deps.state, form, FILE_MAX_BYTES)),
  );
  const tenant = deps.state.tenant;
  r.post(
    '/contact/v3/users/batch_get_id',
    route(deps, (req) => batchGetId(tenant, req.query, bodyOf(req))),
  );
  // Before /users/:user_id, which would otherwise take "find_by_department" for a user id.
  r.get(
    '/contact/v3/users/find_by_department',
    route(deps, (req) => findByDepartment(tenant, req.query)),
  );
  r.get(
    '/contact/v3/users/:user_id',
    route(deps, (req) => getUser(tenant, String(req.params.user_id), req.query)),
  );
  r.get(
    '/contact/v3/departments/:department_id/children',
    route(deps, (req) => departmentChildren(tenant, String(req.params.department_id), req.query)),
  );
  r.get(
    '/contact/v3/departments/:department_id',
    route(deps, (req) => getDepartment(tenant, String(req.params.department_id), req.query)),
  );
  r.post(
    '/im/v1/chats',
    route(deps, (req) => createChat(deps.state, deps.appId, req.query, bodyOf(req))),
  );
  r.post(
    '/im/v1/chats/:chat_id/members',
    route(deps, (req) => addMembers(deps.state, String(req.params.chat_id), req.query, bodyOf(req))),
  );
  r.get(
    '/im/v1/chats/:chat_id/members',
    route(deps, (req) => listMembers(deps.state, String(req.params.chat_id), req.query)),
  );
  r.get(
    '/im/v1/messages/:message_id/resources/:file_key',
    route(deps, (req) =>
      messageResource(deps.state, String(req.params.message_id), String(req.params.file_key), req.query.type),
    ),
  );
  r.post(
    '/interactive/v1/card/update',
    route(deps, (req) => updateCardByToken(deps.state, bodyOf(req))),
  );
  r.use(
    route(deps, (req) =>
      fail(404, `the emulator does not implement ${req.method} /open-apis${req.path}`, 404),
    ),
  );
  return r;
}
