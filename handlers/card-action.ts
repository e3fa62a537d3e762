import { cardResponse, toastResponse } from '../cards/callback-response.js';
import { adminRoutes, helpFor } from './admin-routes.js';
import { answerWithin, CALLBACK_DEADLINE_MS } from './answer-deadline.js';
import { asOneChange } from './one-change.js';
import { approvalRoutes } from './approval-routes.js';
import { fillRoutes } from './fill-routes.js';
import { helpRoutes } from './help-routes.js';
import { reminderRoutes } from './reminder-routes.js';
import type { CardActionEvent, CardActionResponse, HandlerDeps } from './types.js';

/** What a card-action route gets: the tapped value, the form inputs, who tapped, and the deps. */
export interface CardActionContext {
  /** `action.value` of the button; `value.action` chose this route */
  value: { action: string } & Record<string, unknown>;
  /** form inputs by name (strings; multi-selects are arrays) */
  form: Record<string, unknown>;
  openId: string;
  messageId?: string;
  event: CardActionEvent;
  deps: HandlerDeps;
}

/** A card-action route answers within Feishu's 3 s; slow work goes to deps.outbox. */
export type CardActionRoute = (ctx: CardActionContext) => Promise<CardActionResponse>;

/**
 * THE routing table for card callbacks, keyed on `action.value.action` (design.md: every button's value is an
 * object with a string `action`). A later issue adds a route by adding one entry here.
 */
export const cardActionRoutes: Record<string, CardActionRoute> = {
  /** 刷新帮助 on help cards sent before the help listed each role's commands */
  help: async (ctx) => cardResponse(await helpFor(ctx.deps, ctx.openId)),
  ...helpRoutes,
  ...fillRoutes,
  ...reminderRoutes,
  ...approvalRoutes,
  ...adminRoutes,
};

const UNKNOWN = toastResponse('warning', '无法识别这个操作（可能是旧卡片），请发送「帮助」查看能做的事。');

/** Handles `card.action.trigger`: route on value.action, answer with a toast and/or card. */
export async function handleCardAction(
  event: CardActionEvent,
  deps: HandlerDeps,
  routes: Record<string, CardActionRoute> = cardActionRoutes,
  deadlineMs: number = CALLBACK_DEADLINE_MS,
): Promise<CardActionResponse> {
  const raw = event.action?.value;
  // Older clients and some components send the value as a JSON string.
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
  }
  const name = value && typeof value === 'object' ? (value as { action?: unknown }).action : undefined;
  const route = typeof name === 'string' && Object.hasOwn(routes, name) ? routes[name] : undefined;
  if (!route || !event.operator?.open_id) {
    deps.log.warn({ value: raw }, 'card action not understood');
    return UNKNOWN;
  }
  deps.log.info({ action: name }, 'card action');
  const openId = event.operator.open_id;
  const messageId = event.context?.open_message_id;
  // The route, not the deadline's race, is the change: answered early, it still commits when its work is done.
  const work = asOneChange(deps, () =>
    route({
      value: value as CardActionContext['value'],
      form: event.action.form_value ?? {},
      openId,
      messageId,
      event,
      deps,
    }),
  );
  return answerWithin(work, deadlineMs, { openId, ...(messageId ? { messageId } : {}) }, deps);
}
