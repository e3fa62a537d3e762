/**
 * An event's handling is one change (handlers/one-change.ts): on PostgreSQL, what a card action stores and the
 * messages it queues commit together, or, when it fails half-way (as when its process dies), neither does — so
 * the redelivery starts from a clean state instead of finding half a decision.
 */
import { handleCardAction, type CardActionRoute } from '../../handlers/card-action.js';
import type { CardActionEvent, HandlerDeps } from '../../handlers/types.js';
import type { FeishuApi } from '../../src/feishu/client.js';
import { Outbox } from '../../src/feishu/outbox.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import { postgresForTests } from '../support/postgres.js';
import { memoryLogger } from './harness.js';

const pg = postgresForTests();

const tap = (action: string, eventId: string): CardActionEvent =>
  ({
    event_id: eventId,
    operator: { open_id: 'ou_one_change' },
    action: { value: { action } },
    context: { open_message_id: 'om_one_change' },
  }) as unknown as CardActionEvent;

describe('an event is one change of the database', () => {
  let storage: PostgresStorage;
  let outbox: Outbox;
  beforeAll(async () => {
    storage = await PostgresStorage.open({ url: await pg.fresh() });
    // Never started: what matters is what is queued, not what is sent.
    outbox = await Outbox.open(storage, {} as FeishuApi, { log: memoryLogger().log });
  });
  afterAll(() => storage.close());

  const deps = (eventId: string) =>
    ({ log: memoryLogger().log, eventId, now: Date.now, storage, outbox }) as unknown as HandlerDeps;
  // A decision stored, its notice queued; then, for 'dies', a failure before the handler is done.
  const routes: Record<string, CardActionRoute> = Object.fromEntries(
    ['decides', 'dies'].map((action) => [
      action,
      (async (ctx) => {
        await (await storage.open<string>('decisions')).write(ctx.deps.eventId, action);
        await ctx.deps.outbox.sendText('ou_approver', `决定：${action}`, `${ctx.deps.eventId}:notice`);
        if (action === 'dies') throw new Error('the process went away half-way');
        return { toast: { type: 'success', content: '已处理' } };
      }) as CardActionRoute,
    ]),
  );
  /** notices queued so far, of any event */
  const notices = async () =>
    (
      await storage.query<{ n: string }>(
        `SELECT count(*) AS n FROM outbox_jobs WHERE job::text LIKE '%决定%'`,
      )
    ).rows[0].n;

  it('keeps both what a handled event stored and the message it queued', async () => {
    const answer = await handleCardAction(tap('decides', 'ev-1'), deps('ev-1'), routes, 5000);
    expect(answer.toast?.content).toBe('已处理');
    expect(await (await storage.open<string>('decisions')).read('ev-1')).toBe('decides');
    expect(await notices()).toBe('1');
  });

  it('keeps neither when the handling fails half-way', async () => {
    await expect(handleCardAction(tap('dies', 'ev-2'), deps('ev-2'), routes, 5000)).rejects.toThrow(
      /half-way/,
    );
    expect(await (await storage.open<string>('decisions')).read('ev-2')).toBeUndefined();
    // Only the first test's notice: the failed event's was rolled back with its decision.
    expect(await notices()).toBe('1');
  });
});
