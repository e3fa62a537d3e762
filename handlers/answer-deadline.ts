/**
 * Feishu shows 「机器人暂未响应」 when a callback is not answered within 3 s. Every card action answers by this
 * deadline: the route's own answer if it is ready, else a neutral 「已收到，正在处理」 toast, and the route's answer
 * still reaches the person once it is ready: its card replaces the tapped card, its toast comes as a message.
 */
import { toastResponse } from '../cards/callback-response.js';
import { afterAnswer } from './after-answer.js';
import type { CardActionResponse, HandlerDeps } from './types.js';

/**
 * Counted from when the route starts, so it leaves Feishu's 3 s a whole second for what comes before and after
 * (the network, reading and decrypting the push, claiming its event id, a busy event loop): with 2.5 s, a
 * 通过 under a slow contact API on a loaded machine was answered after 3 s (npm run chaos).
 */
export const CALLBACK_DEADLINE_MS = 2000;

/** The answer of an action still being handled: its outcome follows (the card replaced, or a message). */
export const RECEIVED = toastResponse('info', '已收到，正在处理，处理完会在这里更新或发消息告诉你。');
const LATE_FAILURE = '抱歉，刚才的操作没有处理成功，请稍后再试；如果一直不行，请联系管理员。';

/** Answers with `work`'s response if it settles within `ms`, else with RECEIVED and delivers it afterwards. */
export async function answerWithin(
  work: Promise<CardActionResponse>,
  ms: number,
  to: { openId: string; messageId?: string },
  deps: Pick<HandlerDeps, 'log' | 'outbox' | 'eventId'>,
): Promise<CardActionResponse> {
  let timer: NodeJS.Timeout | undefined;
  const late = Symbol('late');
  const first = await Promise.race([
    work,
    new Promise<typeof late>((r) => {
      timer = setTimeout(() => r(late), ms);
    }),
  ]).finally(() => clearTimeout(timer));
  if (first !== late) return first;
  deps.log.warn({ deadline_ms: ms }, 'card action answered at its deadline, finishing afterwards');
  afterAnswer(deps, 'late card action', async () => {
    let answer: CardActionResponse;
    try {
      answer = await work;
    } catch (err) {
      deps.log.error({ err }, 'card action handler failed after its deadline');
      await deps.outbox.sendText(to.openId, LATE_FAILURE, `${deps.eventId}:late-failure`);
      return;
    }
    if (answer.card && to.messageId)
      await deps.outbox.enqueue(
        { kind: 'patch', messageId: to.messageId, content: JSON.stringify(answer.card.data) },
        { key: `${deps.eventId}:late-card` },
      );
    if (answer.toast?.content)
      await deps.outbox.sendText(to.openId, answer.toast.content, `${deps.eventId}:late-toast`);
  });
  return RECEIVED;
}
