import { createHash, timingSafeEqual } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';

export interface PushGuardOptions {
  encryptKey: string;
  verificationToken: string;
  log: Logger;
  now?: () => number;
  /** pushes signed further than this from our clock are replays; Feishu's docs suggest 5 minutes */
  maxSkewMs?: number;
}

/** Why a push was refused, or null when it may go on to the SDK. */
export type Refusal = string | null;

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const header = (req: Request, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The checks the SDK leaves out (brief §5): no timestamp freshness, signature only when headers happen to match,
 * and the verification token never compared for v2 events. Runs on the parsed JSON body, before the SDK.
 */
export function checkPush(req: Request, o: PushGuardOptions): Refusal {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object') return 'body is not a JSON object';
  const ts = header(req, 'x-lark-request-timestamp');
  const nonce = header(req, 'x-lark-request-nonce');
  const sig = header(req, 'x-lark-signature');
  if (ts !== undefined) {
    const t = Number(ts) * 1000;
    if (!Number.isFinite(t)) return 'timestamp header is not a number';
    if (Math.abs((o.now ?? Date.now)() - t) > (o.maxSkewMs ?? 5 * 60_000))
      return 'timestamp too far from now';
  }
  let plain = body as Record<string, unknown>;
  if (o.encryptKey) {
    const encrypt = plain.encrypt;
    if (typeof encrypt !== 'string') return 'not encrypted although an encrypt key is set';
    if (ts && nonce && sig) {
      // The SDK signs the re-serialized parsed body, not the raw bytes; do the same. No need to decrypt here:
      // the SDK does that once the signature holds.
      const expected = createHash('sha256')
        .update(ts + nonce + o.encryptKey + JSON.stringify(body))
        .digest('hex');
      return safeEqual(expected, sig) ? null : 'signature mismatch';
    }
    // Unsigned: only Feishu's URL check may come like that; decrypting it proves the sender knows the key.
    try {
      plain = JSON.parse(new lark.AESCipher(o.encryptKey).decrypt(encrypt)) as Record<string, unknown>;
    } catch {
      return 'cannot decrypt with the encrypt key';
    }
    if (plain.type !== 'url_verification') return 'signature headers missing';
  }
  const h = plain.header as { token?: unknown } | undefined;
  const token = h?.token ?? plain.token;
  if (typeof token !== 'string' || !safeEqual(token, o.verificationToken))
    return 'verification token mismatch';
  return null;
}

/** Express middleware: refused pushes are not processed, get HTTP 401 and a log line with the reason. */
export function pushGuard(o: PushGuardOptions) {
  return (req: Request, res: Response, next: NextFunction) => {
    const reason = checkPush(req, o);
    if (reason === null) return next();
    o.log.warn({ reason, ip: req.ip }, 'refused a Feishu push');
    res.status(401).json({ msg: 'refused' });
  };
}
