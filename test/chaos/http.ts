/** Raw HTTP for attackers: every request bounded in time, a closed connection counted as refused. */
import { request } from 'node:http';

export type Outcome = number | 'reset' | 'timeout';

/** POSTs `body`; 'reset' when the server closed the connection first, 'timeout' after `ms`. */
export function rawPost(
  url: string,
  body: string | Buffer,
  headers: Record<string, string>,
  ms = 10_000,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve('reset'));
    });
    req.setTimeout(ms, () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', () => resolve('reset'));
    req.end(body);
  });
}

/** Runs `senders` loops of `send` for `ms`; returns every outcome. */
export async function flood(senders: number, ms: number, send: () => Promise<Outcome>): Promise<Outcome[]> {
  const out: Outcome[] = [];
  const end = Date.now() + ms;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      // Bounded: by time and by count.
      for (let i = 0; i < 10_000 && Date.now() < end; i++) out.push(await send());
    }),
  );
  return out;
}

/** The p-th percentile of `xs` (nearest rank). */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
