import { createHash, timingSafeEqual } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import type { NextFunction, Request, Response } from 'express';
import { nestedDeeperThan } from './json-depth.js';
import { rawOf, refuse } from './raw-body.js';
import type { RefusalLog } from './refusal-log.js';

export interface PushGuardOptions {
  encryptKey: string;
  verificationToken: string;
  refusals: RefusalLog;
  now?: () => number;
  /** pushes signed further than this from our clock are replays; Feishu's docs suggest 5 minutes */
  maxSkewMs?: number;
  /** token-only mode: an unsigned event created longer ago than this is a replay */
  maxEventAgeMs?: number;
}

/** What an authenticated push is: a v2 event or callback for the SDK, or a legacy (v1) card callback. */
export type PushKind = 'event' | 'legacy';

/** A push that may go on (parsed only once it was authenticated), or why it was refused. */
export type Verdict =
  | { ok: true; kind: PushKind; body: Record<string, unknown> }
  | { ok: false; reason: string; status: 400 | 401 };

/**
 * Feishu's URL check comes without signature headers (brief §4); it is a few hundred bytes. Only that small an
 * unsigned body is ever parsed, to see whether it is one.
 */
const UNSIGNED_MAX_BYTES = 4096;

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const header = (req: Request, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

const digest = (algo: 'sha256' | 'sha1', ...parts: Array<string | Buffer>) => {
  const h = createHash(algo);
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

const no = (reason: string, status: 400 | 401 = 401): Verdict => ({ ok: false, reason, status });

/** JSON.parse of an already bounded body, refusing deep nesting and anything but an object. */
function parseObject(raw: Buffer): Record<string, unknown> | string {
  if (nestedDeeperThan(raw)) return 'body nested too deeply';
  let v: unknown;
  try {
    v = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'body is not JSON';
  }
  return v && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : 'body is not a JSON object';
}

/**
 * Authenticates a push on its raw bytes before anything parses it (brief §5 lists what the SDK leaves out:
 * freshness, the signature only when headers match, the token never compared for v2 events). With an encrypt
 * key, a v2 push must carry sha256(timestamp + nonce + key + body) and a legacy card callback
 * sha1(timestamp + nonce + verification token + body); without one, the token must be in the body and the
 * timestamp fresh. Only Feishu's small unsigned URL check is parsed unauthenticated.
 */
export function checkPush(req: Request, raw: Buffer, o: Omit<PushGuardOptions, 'refusals'>): Verdict {
  const ts = header(req, 'x-lark-request-timestamp');
  const nonce = header(req, 'x-lark-request-nonce');
  const sig = header(req, 'x-lark-signature');
  if (ts !== undefined) {
    const t = Number(ts) * 1000;
    if (!Number.isFinite(t)) return no('timestamp header is not a number');
    if (Math.abs((o.now ?? Date.now)() - t) > (o.maxSkewMs ?? 5 * 60_000))
      return no('timestamp too far from now');
  }
  const signed = ts !== undefined && nonce !== undefined && sig !== undefined;
  if (signed && o.verificationToken && safeEqual(digest('sha1', ts, nonce, o.verificationToken, raw), sig)) {
    const body = parseObject(raw);
    return typeof body === 'string' ? no(body, 400) : { ok: true, kind: 'legacy', body };
  }
  if (o.encryptKey) {
    if (signed) {
      if (!safeEqual(digest('sha256', ts, nonce, o.encryptKey, raw), sig)) return no('signature mismatch');
      const body = parseObject(raw);
      if (typeof body === 'string') return no(body, 400);
      if (typeof body.encrypt !== 'string') return no('not encrypted although an encrypt key is set', 400);
      return { ok: true, kind: 'event', body };
    }
    if (raw.length > UNSIGNED_MAX_BYTES) return no('signature headers missing');
    const body = parseObject(raw);
    if (typeof body === 'string') return no(body, 400);
    if (typeof body.encrypt !== 'string') return no('not encrypted although an encrypt key is set');
    let plain: Record<string, unknown>;
    try {
      plain = JSON.parse(new lark.AESCipher(o.encryptKey).decrypt(body.encrypt)) as Record<string, unknown>;
    } catch {
      return no('cannot decrypt with the encrypt key');
    }
    if (plain.type !== 'url_verification') return no('signature headers missing');
    return typeof plain.token === 'string' && safeEqual(plain.token, o.verificationToken)
      ? { ok: true, kind: 'event', body }
      : no('verification token mismatch');
  }
  // Token-only mode: nothing is signed, so the token is the proof. A body that does not even contain it is
  // refused without parsing (the token is plain ASCII, written verbatim by Feishu).
  if (!o.verificationToken || !raw.includes(o.verificationToken)) return no('verification token mismatch');
  const body = parseObject(raw);
  if (typeof body === 'string') return no(body, 400);
  // The SDK would try to decrypt with no key and throw (HTTP 500): nothing genuine is encrypted here.
  if (body.encrypt !== undefined) return no('encrypted push but no encrypt key is set', 400);
  const h = body.header as { token?: unknown; create_time?: unknown } | undefined;
  const token = h?.token ?? body.token;
  if (typeof token !== 'string' || !safeEqual(token, o.verificationToken))
    return no('verification token mismatch');
  // Feishu sends plaintext pushes without x-lark-* headers, so a replay is told by the event's own creation
  // time: younger than the claims' memory of event ids (a replay is then a duplicate), older is refused.
  if (ts === undefined && body.type !== 'url_verification') {
    const created = eventTimeMs(h?.create_time);
    if (created === undefined) return no('event time missing');
    const age = (o.now ?? Date.now)() - created;
    if (age > (o.maxEventAgeMs ?? MAX_EVENT_AGE_MS) || age < -(o.maxSkewMs ?? 5 * 60_000))
      return no('event time too far from now');
  }
  return { ok: true, kind: 'event', body };
}

/**
 * Feishu redelivers an unanswered event for a few hours; the event-id claims remember ids for 7 h. Within 6 h a
 * replay is caught as a duplicate, beyond it is refused here.
 */
const MAX_EVENT_AGE_MS = 6 * 3_600_000;

/** header.create_time in ms; Feishu writes milliseconds, its samples also microseconds, some tools seconds. */
function eventTimeMs(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d{1,20}$/.test(v) ? Number(v) : typeof v === 'number' ? v : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (n > 1e14) return n / 1000;
  if (n < 1e11) return n * 1000;
  return n;
}

/** Where the authenticated push's kind is kept for the next middleware. */
export const pushKindOf = (req: Request): PushKind | undefined => (req as { pushKind?: PushKind }).pushKind;

/**
 * Express middleware after readRawBody: a refused push is not parsed further, gets 401 (400 when malformed)
 * and a bounded, rate-limited log line; an accepted one continues with its parsed body in req.body.
 */
export function pushGuard(o: PushGuardOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    const raw = rawOf(req) ?? Buffer.alloc(0);
    const v = checkPush(req, raw, o);
    if (!v.ok) {
      o.refusals(req, { reason: v.reason, status: v.status, bytes: raw.length });
      return refuse(res, v.status);
    }
    req.body = v.body;
    (req as { pushKind?: PushKind }).pushKind = v.kind;
    next();
  };
}
