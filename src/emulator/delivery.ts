import { setMaxListeners } from 'node:events';
import { buildPush } from './signing.js';
import { postOnce, type PostResult } from './http-post.js';
import { newEventId } from './ids.js';
import { DEMO_TENANT_KEY } from './demo-tenant.js';

export interface DeliveryConfig {
  appId: string;
  verificationToken: string;
  encryptKey?: string;
  timeoutMs: number;
  now: () => number;
  webhook: () => string | undefined;
  duplicates: () => number;
  onPush: () => void;
  /** when the bot holds a long connection, events go there instead of the webhook, as for a WS-mode app */
  longConnection?: () => ((envelope: unknown) => Promise<PostResult & { json?: unknown }>) | undefined;
}

export interface PushOutcome {
  event_id: string;
  /** the answer used: the original's when it answered with a body, else the first duplicate's that did */
  result: PostResult & { json?: unknown };
  attempts: number;
}

function parse(r: PostResult): PostResult & { json?: unknown } {
  if (!r.ok) return r;
  const text = (r.text ?? '').trim();
  if (!text) return { ...r, json: {} };
  try {
    return { ...r, json: JSON.parse(text) };
  } catch {
    return { ...r, json: undefined, error: `answer is not JSON: ${text.slice(0, 200)}` };
  }
}

const hasBody = (r: PostResult & { json?: unknown }): boolean =>
  r.ok && typeof r.json === 'object' && r.json !== null && Object.keys(r.json).length > 0;

/** Builds Feishu v2 event envelopes and pushes them to the bot's webhook, signed and encrypted like Feishu. */
export class Deliverer {
  private readonly closing = new AbortController();
  constructor(private readonly cfg: DeliveryConfig) {
    // Every push in flight listens on this one signal and stops listening when it ends (http-post.ts): a burst
    // of concurrent pushes is no leak, so Node's warning at 10 listeners does not apply.
    setMaxListeners(0, this.closing.signal);
  }

  /** Ends pushes still waiting for the bot, so closing the emulator never waits out a 3 s timeout. */
  close(): void {
    this.closing.abort();
  }

  /** The v2 envelope Feishu wraps every event and callback in. */
  envelope(eventType: string, event: object, eventId = newEventId()): Record<string, unknown> {
    return {
      schema: '2.0',
      header: {
        event_id: eventId,
        event_type: eventType,
        // Feishu stamps card callbacks in microseconds and other events in milliseconds (see the samples).
        create_time: String(eventType === 'card.action.trigger' ? this.cfg.now() * 1000 : this.cfg.now()),
        token: this.cfg.verificationToken,
        app_id: this.cfg.appId,
        tenant_key: DEMO_TENANT_KEY,
      },
      event,
    };
  }

  /**
   * Pushes one event (over the long connection when the bot holds one, else to the webhook). With duplicateDeliveries > 0 the same envelope (same event_id, fresh nonce and IV, as a
   * Feishu retry) is pushed that many extra times, concurrently with the original, the harshest case for dedupe.
   */
  async push(eventType: string, event: object): Promise<PushOutcome> {
    const url = this.cfg.webhook();
    const ws = this.cfg.longConnection?.();
    const env = this.envelope(eventType, event);
    const eventId = (env.header as { event_id: string }).event_id;
    if (!url && !ws) {
      return { event_id: eventId, attempts: 0, result: { ok: false, error: 'no webhook URL configured' } };
    }
    const n = 1 + this.cfg.duplicates();
    const sends = Array.from({ length: n }, () => {
      if (!ws) return this.sendOne(url!, env);
      this.cfg.onPush();
      return ws(env);
    });
    const results = await Promise.all(sends);
    const result = hasBody(results[0]) ? results[0] : (results.find(hasBody) ?? results[0]);
    return { event_id: eventId, result, attempts: n };
  }

  /** Pushes an arbitrary payload once, e.g. the url_verification challenge (sent without signature headers). */
  async pushRaw(payload: unknown, signed: boolean): Promise<PostResult & { json?: unknown }> {
    const url = this.cfg.webhook();
    if (!url) return { ok: false, error: 'no webhook URL configured' };
    const { body, headers } = buildPush(payload, this.cfg.encryptKey, this.cfg.now());
    const h = signed ? headers : { 'content-type': headers['content-type'] };
    this.cfg.onPush();
    return parse(await postOnce(url, body, h, this.cfg.timeoutMs, this.closing.signal));
  }

  private async sendOne(url: string, env: unknown): Promise<PostResult & { json?: unknown }> {
    const { body, headers } = buildPush(env, this.cfg.encryptKey, this.cfg.now());
    this.cfg.onPush();
    return parse(await postOnce(url, body, headers, this.cfg.timeoutMs, this.closing.signal));
  }
}
