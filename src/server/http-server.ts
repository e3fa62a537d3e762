import { createServer, type RequestListener, type Server } from 'node:http';

/** How long a client may take; Feishu sends a push of at most 256 KB at once, in milliseconds. */
export interface HttpTimeouts {
  /** the request line and headers */
  headersMs: number;
  /** the whole request, body included (slowloris: a body trickled a byte at a time) */
  requestMs: number;
  /** an idle kept-alive connection */
  keepAliveMs: number;
  /** how often Node looks for requests past these limits (its default is 30 s) */
  checkEveryMs: number;
}

/**
 * Node 20's defaults are 60 s for headers, 300 s for a request and a 30 s sweep: 1,000 connections trickling
 * bodies then hold sockets and memory for minutes. A genuine push arrives from Feishu's servers in
 * milliseconds (and Feishu gives up on its answer after 3 s anyway); the command line talks over loopback. With
 * 5 s and a 1 s sweep, 1,000 slow-body connections are all closed about 7 s after they started (npm run chaos).
 */
export const HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 5_000,
  requestMs: 5_000,
  keepAliveMs: 5_000,
  checkEveryMs: 1_000,
};

/** An HTTP server for `app` that closes slow-sending and idle connections within seconds. */
export function createHttpServer(app: RequestListener, t: Partial<HttpTimeouts> = {}): Server {
  const o = { ...HTTP_TIMEOUTS, ...t };
  const server = createServer(
    {
      headersTimeout: Math.min(o.headersMs, o.requestMs),
      requestTimeout: o.requestMs,
      keepAliveTimeout: o.keepAliveMs,
      connectionsCheckingInterval: o.checkEveryMs,
    },
    (req, res) => {
      // From here requestTimeout bounds the body and keepAliveTimeout the idle time after the answer. An idle
      // timeout left on the socket would also fire while the bot works on a request it has received and cut its
      // answer off (the answer deadline, handlers/answer-deadline.ts, bounds that time instead).
      req.socket.setTimeout(0);
      app(req, res);
    },
  );
  // Until its first request, a socket that sends nothing at all is dropped (headersTimeout only starts counting
  // at the first byte).
  server.setTimeout(o.headersMs);
  return server;
}
