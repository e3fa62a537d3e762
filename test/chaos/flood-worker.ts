/**
 * One flood in its own process (`node --import tsx flood-worker.ts <json>`, outcomes as JSON on stdout): the
 * attackers' writes then do not hold up the event loop of the emulator that carries the genuine taps being
 * measured (on the internet they would not share it either).
 */
import { randomBytes } from 'node:crypto';
import { flood, rawPost } from './http.js';

/** The bodies an attacker sends, built here rather than passed in (a megabyte does not fit in argv). */
export type FloodBody = 'mb' | 'keys60k' | 'keysUnder' | 'legacy900k' | 'deep';

const o = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  body: FloodBody;
  senders: number;
  ms: number;
  signed: boolean;
};
const keys = (n: number) => '{' + Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',') + '}';
const bodies: Record<FloodBody, () => string> = {
  mb: () => JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024 - 14) }),
  keys60k: () => keys(60_000),
  // Just under the body limit, so it is read and hashed: the most a forger can make the bot do.
  keysUnder: () => keys(45_000),
  legacy900k: () =>
    JSON.stringify({
      open_id: 'ou_' + 'z'.repeat(900 * 1024),
      action: { value: { action: 'approve' }, tag: 'button' },
    }),
  deep: () => `{"encrypt":"x","a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
};
const body = bodies[o.body]();
const headers = (): Record<string, string> =>
  o.signed
    ? {
        'content-type': 'application/json',
        'x-lark-request-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-lark-request-nonce': randomBytes(4).toString('hex'),
        'x-lark-signature': randomBytes(32).toString('hex'),
      }
    : { 'content-type': 'application/json' };
const outcomes = await flood(o.senders, o.ms, () => rawPost(o.url, body, headers()));
process.stdout.write(JSON.stringify(outcomes));
