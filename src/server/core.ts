import { toastResponse } from '../../cards/callback-response.js';
import { handleBotAdded, type BotAddedEvent } from '../../handlers/bot-added.js';
import { handleCardAction } from '../../handlers/card-action.js';
import { handleMessage } from '../../handlers/message.js';
import type { CardActionEvent, CardActionResponse, HandlerDeps, MessageEvent } from '../../handlers/types.js';
import type { EventClaims } from '../../storage/event-claims.js';
import type { Storage } from '../../storage/store.js';
import type { Logger } from '../logger.js';

/** The one core every transport (webhook, long connection, tests) hands decoded events to. */
export interface BotCore {
  onMessage(event: MessageEvent): Promise<void>;
  onCardAction(event: CardActionEvent): Promise<CardActionResponse>;
  /** the bot was added to a group chat */
  onBotAdded(event: BotAddedEvent): Promise<void>;
}

export interface CoreDeps {
  claims: EventClaims;
  storage: Storage;
  outbox: HandlerDeps['outbox'];
  log: Logger;
  now: () => number;
  userName?: HandlerDeps['userName'];
  filesDir?: HandlerDeps['filesDir'];
  directory?: HandlerDeps['directory'];
  groups?: HandlerDeps['groups'];
  files?: HandlerDeps['files'];
  mayOpen?: HandlerDeps['mayOpen'];
}

const DUPLICATE = toastResponse('info', '这个操作已经处理过了。');
// Callback answers kept in memory for redeliveries; older ones fall back to the DUPLICATE toast via the claims.
const RECENT_ANSWERS = 2000;
const FAILED = toastResponse('error', '处理失败了，请稍后再试；如果一直不行，请联系管理员。');

/**
 * Claims each event id once (Feishu delivers at least once), gives the handler a logger carrying the event id,
 * and turns any failure into a Chinese sentence for the person and a log line for us.
 */
export function createCore(d: CoreDeps): BotCore {
  const answers = new Map<string, Promise<CardActionResponse>>();
  const deps = (log: Logger, eventId: string): HandlerDeps => ({
    outbox: d.outbox,
    storage: d.storage,
    log,
    now: d.now,
    eventId,
    ...(d.userName ? { userName: d.userName } : {}),
    ...(d.filesDir ? { filesDir: d.filesDir } : {}),
    ...(d.directory ? { directory: d.directory } : {}),
    ...(d.groups ? { groups: d.groups } : {}),
    ...(d.files ? { files: d.files } : {}),
    ...(d.mayOpen ? { mayOpen: d.mayOpen } : {}),
  });
  // Not awaited: the answer need not wait for this write. If the process dies first, the claim stays in flight
  // and a redelivery is refused within the lease (Feishu does not redeliver what was answered anyway).
  const markDone = (id: string, log: Logger) =>
    void d.claims.done(id).catch((e: unknown) => log.error({ err: e }, 'could not mark event done'));
  return {
    async onMessage(event) {
      const id = event.event_id ?? `message:${event.message?.message_id}`;
      const log = d.log.child({ event_id: id, event_type: 'im.message.receive_v1' });
      if (!(await d.claims.claim(id))) {
        log.info('duplicate delivery ignored');
        return;
      }
      try {
        await handleMessage(event, deps(log, id));
      } catch (err) {
        log.error({ err }, 'message handler failed');
        const openId = event.sender?.sender_id?.open_id;
        if (openId) {
          await d.outbox
            .sendText(openId, '抱歉，处理这条消息时出了问题，请稍后再试。', `${id}:error`)
            .catch((e: unknown) => log.error({ err: e }, 'could not queue the apology'));
        }
      } finally {
        markDone(id, log);
      }
    },
    async onBotAdded(event) {
      const id = event.event_id ?? `bot-added:${event.chat_id}`;
      const log = d.log.child({ event_id: id, event_type: 'im.chat.member.bot.added_v1' });
      if (!(await d.claims.claim(id))) return;
      try {
        await handleBotAdded(event, deps(log, id));
      } catch (err) {
        log.error({ err }, 'bot-added handler failed');
      } finally {
        markDone(id, log);
      }
    },
    onCardAction(event) {
      const id = event.event_id ?? `card:${event.token}`;
      // A redelivery that arrives while (or soon after) the first is handled gets the same answer, so the person
      // sees the real result whichever delivery their client listens to.
      const known = answers.get(id);
      if (known) {
        d.log.info({ event_id: id }, 'duplicate delivery answered from memory');
        return known;
      }
      const answer = cardAction(event, id);
      answers.set(id, answer);
      if (answers.size > RECENT_ANSWERS) answers.delete(answers.keys().next().value!);
      return answer;
    },
  };

  async function cardAction(event: CardActionEvent, id: string): Promise<CardActionResponse> {
    const log = d.log.child({ event_id: id, event_type: 'card.action.trigger' });
    if (!(await d.claims.claim(id))) {
      log.info('duplicate delivery ignored');
      return DUPLICATE;
    }
    try {
      return await handleCardAction(event, deps(log, id));
    } catch (err) {
      log.error({ err }, 'card action handler failed');
      return FAILED;
    } finally {
      markDone(id, log);
    }
  }
}
