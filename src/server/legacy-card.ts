import type { NextFunction, Request, Response } from 'express';
import { toastResponse } from '../../cards/callback-response.js';
import type { Logger } from '../logger.js';
import { pushKindOf } from './push-guard.js';

const OLD_CARD = toastResponse('info', '这是旧版卡片，已不再处理。请发送「帮助」获取新的卡片。');

/**
 * A legacy (v1) card callback: `{open_id, action:{value, tag}, token}` at the top level, no `schema`, no
 * `header`, never encrypted, signed with sha1 over the verification token. Our cards are JSON 2.0 and call back
 * as `card.action.trigger`, so such a body comes from an old card or an app still set to the legacy callback;
 * it is answered, not processed.
 */
export function isLegacyCardCallback(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  return (
    b.schema === undefined &&
    b.header === undefined &&
    b.encrypt === undefined &&
    b.type === undefined &&
    !!b.action &&
    typeof b.action === 'object' &&
    (typeof b.open_id === 'string' || typeof b.user_id === 'string')
  );
}

/**
 * Express middleware after the push guard: an authenticated legacy card callback gets a Chinese toast
 * (HTTP 200) instead of a refusal or a 500. Its ids are not logged, only that one came.
 */
export function legacyCardCallback(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const legacyShape = isLegacyCardCallback(req.body);
    if (pushKindOf(req) !== 'legacy' && !legacyShape) return next();
    log.info({ legacy_shape: legacyShape }, 'legacy card callback answered, not processed');
    res.json(OLD_CARD);
  };
}
