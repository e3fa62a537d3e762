import { handleCardAction, type CardActionRoute } from '../../handlers/card-action.js';
import { afterAnswerSettled } from '../../handlers/after-answer.js';
import type { CardActionEvent, HandlerDeps } from '../../handlers/types.js';
import { memoryLogger } from './harness.js';
import { MemoryLock } from '../../storage/memory-lock.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the handler queued for later, as the outbox would send it. */
function recordingDeps() {
  const sent: Array<{ to: string; text: string }> = [];
  const patched: Array<{ messageId: string; content: string }> = [];
  const deps = {
    log: memoryLogger().log,
    eventId: 'ev-deadline',
    now: Date.now,
    // The event's one change (one-change.ts): a lock in memory, as lowdb's.
    storage: (() => {
      const lock = new MemoryLock();
      return { lock: lock.run.bind(lock) };
    })(),
    outbox: {
      sendText: async (to: string, text: string) => void sent.push({ to, text }),
      enqueue: async (job: { messageId: string; content: string }) => void patched.push(job),
    },
  } as unknown as HandlerDeps;
  return { deps, sent, patched };
}

const tap = (action: string): CardActionEvent =>
  ({
    operator: { open_id: 'ou_tapper' },
    action: { value: { action }, tag: 'button' },
    context: { open_message_id: 'om_tapped' },
  }) as unknown as CardActionEvent;

describe('a card callback always answers by its deadline (issue 14 item 9)', () => {
  const routes: Record<string, CardActionRoute> = {
    quick: async () => ({ toast: { type: 'success', content: '已保存' } }),
    slow: async () => {
      await sleep(400);
      return {
        toast: { type: 'success', content: '已通过，已转给 李华' },
        card: { type: 'raw', data: { schema: '2.0', body: { elements: [] } } },
      };
    },
    failing: async () => {
      await sleep(400);
      throw new Error('disk on fire');
    },
  };

  it('a quick route answers itself', async () => {
    const { deps, sent } = recordingDeps();
    expect(await handleCardAction(tap('quick'), deps, routes, 100)).toEqual({
      toast: { type: 'success', content: '已保存' },
    });
    await afterAnswerSettled();
    expect(sent).toEqual([]);
  });

  it('a slow route: 「已收到，正在处理」 at the deadline, then its card replaces the tapped one and its toast comes as a message', async () => {
    const { deps, sent, patched } = recordingDeps();
    const t0 = Date.now();
    const answer = await handleCardAction(tap('slow'), deps, routes, 100);
    expect(Date.now() - t0).toBeLessThan(350);
    expect(answer.toast?.content).toContain('已收到，正在处理');
    expect(answer.card).toBeUndefined();
    await afterAnswerSettled();
    expect(patched).toEqual([expect.objectContaining({ messageId: 'om_tapped' })]);
    expect(sent).toEqual([{ to: 'ou_tapper', text: '已通过，已转给 李华' }]);
  });

  it('a slow route that fails after the deadline: the person hears it did not work', async () => {
    const { deps, sent } = recordingDeps();
    expect((await handleCardAction(tap('failing'), deps, routes, 100)).toast?.content).toContain('已收到');
    await afterAnswerSettled();
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain('没有处理成功');
    expect(sent[0].text).not.toMatch(/disk|Error/);
  });
});
