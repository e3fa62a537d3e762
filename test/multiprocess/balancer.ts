/**
 * A load balancer in front of several bot processes, as a site runs them behind one webhook address: each push
 * from Feishu (here the emulator) goes to the next live process in turn, and a share of them is delivered a
 * second time, byte for byte, to a different process, as Feishu redelivers an event it is not sure arrived.
 * The second delivery goes either while the first is still being handled or after it was answered. Both answers
 * are kept, so a test can check that the redelivery got the same answer and caused nothing twice.
 * Loopback only; a process that refuses the connection (killed) is skipped like a failed health check.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decryptPayload } from '../../src/emulator/signing.js';

/** One push delivered twice: to whom, and what each delivery was answered. */
export interface Redelivery {
  eventType: string;
  /** the second delivery started while the first was in flight */
  concurrent: boolean;
  first: { backend: number; status: number; body: string };
  second: { backend: number; status: number; body: string };
}

export interface Balancer {
  /** where the emulator pushes */
  url: string;
  /** pushes forwarded (first deliveries) */
  pushes(): number;
  redeliveries(): Redelivery[];
  /** pushes no live process answered */
  unanswered(): number;
  close(): Promise<void>;
}

export interface BalancerOptions {
  /** the webhook URLs of the bot processes */
  backends: string[];
  /** share of pushes delivered again to another process (0–1) */
  redeliverShare: number;
  /** a seeded generator keeps a failing run reproducible */
  random: () => number;
  /** the app's encrypt key, to tell encrypted pushes' event types apart in the record */
  encryptKey?: string;
}

// Headers the balancer passes on: what Feishu sends and the bot checks.
const FORWARDED = ['content-type', 'x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature'];

interface Answer {
  status: number;
  body: string;
}

async function forward(url: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> {
  const h: Record<string, string> = {};
  for (const k of FORWARDED) if (typeof headers[k] === 'string') h[k] = headers[k];
  // Feishu waits 3 s for a callback; the bot's own deadline answers before that.
  const res = await fetch(url, {
    method: 'POST',
    headers: h,
    body: new Uint8Array(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: await res.text() };
}

type Envelope = { header?: { event_type?: string }; encrypt?: string };

/** The event type of a push, from its header (decrypted with the app's key when it is encrypted). */
function typeOf(body: Buffer, encryptKey?: string): string {
  try {
    let json = JSON.parse(body.toString('utf8')) as Envelope;
    if (json.encrypt && encryptKey) json = JSON.parse(decryptPayload(json.encrypt, encryptKey)) as Envelope;
    return json.header?.event_type ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Starts the balancer on 127.0.0.1 and a free port. */
export async function startBalancer(o: BalancerOptions): Promise<Balancer> {
  let next = 0;
  let pushes = 0;
  let unanswered = 0;
  const redeliveries: Redelivery[] = [];
  const dead = new Set<number>();

  /** Delivers to `first` or, when it is gone, to the live ones after it; which one answered and how. */
  async function deliver(
    first: number,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<(Answer & { backend: number }) | undefined> {
    for (let k = 0; k < o.backends.length; k++) {
      const i = (first + k) % o.backends.length;
      if (dead.has(i)) continue;
      try {
        return { ...(await forward(o.backends[i], headers, body)), backend: i };
      } catch (e) {
        // Refused or reset: the process is gone (a timeout is not a death: the push is simply unanswered).
        if ((e as Error).name !== 'TimeoutError') dead.add(i);
        else return undefined;
      }
    }
    return undefined;
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      pushes += 1;
      const target = next++ % o.backends.length;
      const again = o.random() < o.redeliverShare;
      const concurrent = o.random() < 0.5;
      const firstDelivery = deliver(target, req.headers, body);
      // Another process than the first: the one after it, skipping the dead.
      const secondDelivery = async (firstBackend: number) =>
        deliver((firstBackend + 1) % o.backends.length, req.headers, body);
      void (async () => {
        let second: ReturnType<typeof secondDelivery> | undefined;
        if (again && concurrent) second = secondDelivery(target);
        const a = await firstDelivery;
        if (!a) {
          unanswered += 1;
          res.writeHead(502).end();
        } else {
          res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
        }
        if (again && a) {
          const b = await (second ?? secondDelivery(a.backend));
          if (b)
            redeliveries.push({
              eventType: typeOf(body, o.encryptKey),
              concurrent,
              first: { backend: a.backend, status: a.status, body: a.body },
              second: { backend: b.backend, status: b.status, body: b.body },
            });
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    pushes: () => pushes,
    redeliveries: () => redeliveries,
    unanswered: () => unanswered,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
