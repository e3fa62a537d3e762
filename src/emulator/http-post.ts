import http from 'node:http';
import https from 'node:https';

export interface PostResult {
  ok: boolean;
  status?: number;
  text?: string;
  error?: string;
}

/**
 * POSTs a body and reads the answer, giving up after timeoutMs. Uses a fresh connection per push (agent: false)
 * so no keep-alive socket outlives the emulator and keeps a test process open.
 */
export function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let done = false;
    const onAbort = (): void => {
      finish({ ok: false, error: 'emulator closed' });
      req.destroy();
    };
    const finish = (r: PostResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, error: `invalid webhook URL: ${url}` });
      return;
    }
    const mod = target.protocol === 'https:' ? https : http;
    const req = mod.request(
      target,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          finish({
            ok: status >= 200 && status < 300,
            status,
            text,
            error: status >= 300 ? `HTTP ${status}` : undefined,
          });
        });
        res.on('error', (e) => finish({ ok: false, status: res.statusCode, error: e.message }));
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (e) => finish({ ok: false, error: e.message }));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    req.end(body);
  });
}
