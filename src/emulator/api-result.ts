import { newLogId } from './ids.js';

/** An Open API answer before faults and delays are applied to it. */
export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** a binary answer (a downloaded file) instead of the JSON body */
  bytes?: Buffer;
}

/** Feishu's success body. */
export function ok(data: unknown = {}): ApiResult {
  return { status: 200, body: { code: 0, msg: 'success', data } };
}

/**
 * Feishu's error body. Business errors of the im/v1 APIs come back as HTTP 400 (the SDK then throws an
 * AxiosError whose response.data is this body), not as HTTP 200 with code ≠ 0.
 */
export function fail(code: number, msg: string, status = 400): ApiResult {
  return { status, body: { code, msg, error: { log_id: newLogId() } } };
}

/** HTTP 429 exactly as Feishu's gateway throttles. */
export function rateLimited(resetSeconds: number, limit: number): ApiResult {
  return {
    status: 429,
    body: { code: 99991400, msg: 'request trigger frequency limit', error: { log_id: newLogId() } },
    headers: { 'x-ogw-ratelimit-limit': String(limit), 'x-ogw-ratelimit-reset': String(resetSeconds) },
  };
}
