/**
 * The bot's HTTP server drops clients that are slow to send, never a request the bot itself is slow to answer:
 * a card action may legitimately take seconds before its answer (the answer deadline decides that, not the socket).
 */
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { createHttpServer } from '../../src/server/http-server.js';

const LIMITS = { headersMs: 400, requestMs: 400, keepAliveMs: 400, checkEveryMs: 50 };

function listen(app: Parameters<typeof createHttpServer>[0]) {
  const server = createHttpServer(app, LIMITS);
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => {
          server.closeAllConnections();
          return new Promise((r) => server.close(() => r()));
        },
      });
    }),
  );
}

describe('the HTTP server timeouts', () => {
  it('answers a request that takes the bot three times the client limit to handle', async () => {
    const s = await listen((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.end('{"ok":true}'), 3 * LIMITS.requestMs));
    });
    try {
      const r = await fetch(`${s.url}/feishu/events`, { method: 'POST', body: '{}' });
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ ok: true });
    } finally {
      await s.close();
    }
  });

  it('closes a connection that never sends a byte', async () => {
    const s = await listen((_req, res) => res.end());
    try {
      // Who closed it: the server (its limit), or this test's own guard. Not timed: on a loaded machine the
      // server's timer may fire late, which is not what this is about.
      const closedBy = await new Promise<'server' | 'test'>((resolve) => {
        const socket = connect(Number(new URL(s.url).port), '127.0.0.1');
        let guard = false;
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(guard ? 'test' : 'server'));
        // Bounded: the test's own guard if the server never closes it.
        setTimeout(() => {
          guard = true;
          socket.destroy();
        }, 50 * LIMITS.headersMs).unref();
      });
      expect(closedBy).toBe('server');
    } finally {
      await s.close();
    }
  });
});
