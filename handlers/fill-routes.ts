/**
 * Card-action routes of the filling flow (every value.action in FILL_ACTIONS): load, call the filling service,
 * answer with the next card in the callback itself, so the person sees the result at once (Feishu's 3 s).
 */
import { cardResponse, toastResponse } from '../cards/callback-response.js';
import { fillScreenCard } from '../cards/fill-screen.js';
import { FILL_ACTIONS } from '../src/filling/actions.js';
import { fillCardAction, progressReplies, type FillReply } from '../src/filling/service.js';
import type { CardActionContext, CardActionRoute } from './card-action.js';
import { refreshStepCard } from './fill-commands.js';
import type { CardActionResponse } from './types.js';
import { wordPreviewRoute } from './word-preview.js';

const BROKEN = '这张卡片缺少必要的信息（可能是旧卡片），请发送「填报」重新开始';

/** The callback answer for a filling reply: its card (replacing the tapped one) and/or its toast. */
export function fillResponse(reply: FillReply | undefined): CardActionResponse {
  if (!reply) return toastResponse('warning', BROKEN);
  if (reply.screen) return cardResponse(fillScreenCard(reply.screen), reply.toast);
  if (reply.toast) return toastResponse(reply.toast.type, reply.toast.content);
  return toastResponse('info', reply.text ?? BROKEN);
}

/** 查看进度 on a card: that unit's progress, with the fillers' names. */
async function progressRoute(ctx: CardActionContext): Promise<CardActionResponse> {
  const { round_id, unit_id } = ctx.value;
  if (typeof round_id !== 'string' || typeof unit_id !== 'string') return toastResponse('warning', BROKEN);
  const [reply] = await progressReplies(
    ctx.deps.storage,
    ctx.openId,
    ctx.deps.userName,
    { round_id, unit_id },
    ctx.deps.now(),
  );
  if (reply?.text) return toastResponse('error', reply.text);
  return fillResponse(reply);
}

/**
 * Every other filling action: the service checks who may do it, whether the card is stale, and saves. When
 * the tap changed what the person's open step card shows (填入 or 撤销 of a chat message), that card is
 * refreshed through the outbox; the tapped card is answered in the callback.
 */
async function fillRoute(ctx: CardActionContext): Promise<CardActionResponse> {
  const { storage, userName } = ctx.deps;
  const reply = await fillCardAction(storage, ctx.openId, ctx.value, ctx.form, ctx.messageId, userName);
  if (reply?.refresh) await refreshStepCard(ctx.deps, ctx.openId, reply.refresh, ctx.deps.eventId);
  return fillResponse(reply);
}

/** The filling routes, to spread into `cardActionRoutes`. */
export const fillRoutes: Record<string, CardActionRoute> = {
  ...Object.fromEntries(
    FILL_ACTIONS.map((action) => [action, action === 'progress' ? progressRoute : fillRoute]),
  ),
  /** 预览 Word on the summary card: the draft as a file in the chat */
  preview_word: wordPreviewRoute,
};
