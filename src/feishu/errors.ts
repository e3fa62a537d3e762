/** A failed Open API call, with what the outbox needs to decide: retry (and when) or give up. */
export class FeishuCallError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly code?: number;
  constructor(
    message: string,
    o: { retryable: boolean; retryAfterMs?: number; status?: number; code?: number },
  ) {
    super(message);
    this.name = 'FeishuCallError';
    this.retryable = o.retryable;
    this.retryAfterMs = o.retryAfterMs;
    this.status = o.status;
    this.code = o.code;
  }
}

// 99991400: request trigger frequency limit (HTTP 429, or 400 on older APIs); 230020: message rate limit;
// 99991663/99991661/99991668: tenant token invalid or expired (the SDK fetches a new one on the next call).
const RETRYABLE_CODES = new Set([99991400, 230020, 99991663, 99991661, 99991668]);

/** Throws a FeishuCallError when an Open API body has code ≠ 0 (HTTP 200 with an error resolves normally). */
export function checkBody(what: string, r: { code?: number; msg?: string } | null | undefined): void {
  const code = r?.code ?? -1;
  if (code === 0) return;
  throw new FeishuCallError(`${what}: code ${code} ${r?.msg ?? ''}`.trim(), {
    retryable: RETRYABLE_CODES.has(code),
    code,
  });
}

interface AxiosLike {
  isAxiosError?: boolean;
  message?: string;
  response?: { status: number; data?: { code?: number; msg?: string }; headers?: Record<string, unknown> };
}

/** Turns whatever the SDK threw (AxiosError, token failure, network error) into a FeishuCallError. */
export function classifyFailure(what: string, e: unknown): FeishuCallError {
  const ax = e as AxiosLike;
  const res = ax?.response;
  if (res && typeof res.status === 'number') {
    const code = res.data?.code;
    const reset = Number(res.headers?.['x-ogw-ratelimit-reset']);
    const rateLimited = res.status === 429 || code === 99991400;
    return new FeishuCallError(`${what}: HTTP ${res.status}${code !== undefined ? ` code ${code}` : ''}`, {
      retryable: rateLimited || res.status >= 500 || (code !== undefined && RETRYABLE_CODES.has(code)),
      retryAfterMs: rateLimited && Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined,
      status: res.status,
      code,
    });
  }
  // No response: connection refused/reset, timeout, or the token fetch failed — all transient.
  const message = e instanceof Error ? e.message : String(e);
  return new FeishuCallError(`${what}: ${message}`, { retryable: true });
}
