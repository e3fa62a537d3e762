import { toastResponse } from '../../cards/callback-response.js';
import { handleBotAdded, type BotAddedEvent } from '../../handlers/bot-added.js';
import { CALLBACK_DEADLINE_MS, RECEIVED } from '../../handlers/answer-deadline.js';
import { asOneChange } from '../../handlers/one-change.js';
import { handleCardAction } from '../../handlers/card-action.js';
import { handleMessage } from '../../handlers/message.js';
import type { CardActionEvent, CardActionResponse, HandlerDeps, MessageEvent } from '../../handlers/types.js';
import type { ClaimStore } from '../../storage/event-claims.js';
import { storageWriteErrorOf } from '../../storage/file-io.js';
import type { Outbox } from '../feishu/outbox.js';
import type { Storage } from '../../storage/store.js';
import type { Logger } from '../logger.js';

/** The one core every transport (webhook, long connection, tests) hands decoded events to. */
export interface BotCore {
  onMessage(event: MessageEvent): Promise<void>;
  onCardAction(event: CardActionEvent): Promise<CardActionResponse>;
  /** the bot was added to a group chat */
  onBotAdded(event: BotAddedEvent): Promise<void>;
  /** Resolves once every event being handled has finished (shutdown waits for it before closing storage). */
  settled(): Promise<void>;
}

export interface CoreDeps {
  claims: ClaimStore;
  storage: Storage;
  outbox: HandlerDeps['outbox'] & Pick<Outbox, 'sendTextAnyway'>;
  log: Logger;
  now: () => number;
  userName?: HandlerDeps['userName'];
  filesDir?: HandlerDeps['filesDir'];
  directory?: HandlerDeps['directory'];
  groups?: HandlerDeps['groups'];
  files?: HandlerDeps['files'];
  mayOpen?: HandlerDeps['mayOpen'];
  pdf?: HandlerDeps['pdf'];
  /** when a card action answers 「已收到，正在处理」 if its route is not done (answer-deadline.ts has the default) */
  callbackDeadlineMs?: number;
}

const DUPLICATE = toastResponse('info', '这个操作已经处理过了。');
// Callback answers kept in memory for redeliveries to this process; a redelivery that reaches another process
// gets the answer the claims stored (PostgreSQL), else the DUPLICATE toast.
const RECENT_ANSWERS = 2000;
const FAILED = toastResponse('error', '处理失败了，请稍后再试；如果一直不行，请联系管理员。');
// A save that did not reach the disk: the person must know the answer is not kept (memory was rolled back).
const NOT_SAVED = toastResponse(
  'error',
  '没有保存成功：服务器暂时无法写入数据，刚才填写的内容没有保存。请稍后再提交一次；如果一直不行，请联系管理员。',
);
// The claim itself could not be stored, so the event was not handled at all.
const NOT_HANDLED = toastResponse(
  'error',
  '抱歉，服务器暂时无法写入数据，这次操作没有处理。请稍后再试一次；如果一直不行，请联系管理员。',
);
const MESSAGE_NOT_SAVED =
  '抱歉，服务器暂时无法写入数据，刚才的消息没有处理，内容也没有保存。请稍后再发一次；如果一直不行，请联系管理员。';
const MESSAGE_FAILED = '抱歉，处理这条消息时出了问题，请稍后再试。';

/** Logs a failed event; a storage failure says why (disk full, read-only) so the admin can act on it. */
function logFailure(log: Logger, err: unknown, what: string): boolean {
  const disk = storageWriteErrorOf(err);
  if (disk) {
    log.error(
      { err, reason: disk.reason, code: disk.code, collection: disk.collection },
      `${what}: not saved, ${disk.reason}`,
    );
    return true;
  }
  log.error({ err }, what);
  return false;
}

/**
 * Claims each event id once (Feishu delivers at least once), gives the handler a logger carrying the event id,
 * and turns any failure into a Chinese sentence for the person and a log line for us.
 */
export function createCore(d: CoreDeps): BotCore {
  const answers = new Map<string, Promise<CardActionResponse>>();
  // A handler goes on after its connection is closed at shutdown; its writes must land before storage closes.
  const handling = new Set<Promise<unknown>>();
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    handling.add(work);
    void work.then(
      () => handling.delete(work),
      () => handling.delete(work),
    );
    return work;
  };
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
    ...(d.pdf ? { pdf: d.pdf } : {}),
  });
  // Called once the handler's effects are stored; not awaited for events without an answer. If the process
  // dies first, the claim stays in flight and a redelivery is processed again.
  const markDone = (id: string, log: Logger, answer?: CardActionResponse) =>
    d.claims.done(id, answer).catch((e: unknown) => log.error({ err: e }, 'could not mark event done'));
  // A failed handler's claim is given up before the person is told to retry, so the retry is processed.
  const release = (id: string, log: Logger) =>
    Promise.resolve()
      .then(() => d.claims.release(id))
      .catch((e: unknown) => log.error({ err: e }, 'could not release the claim'));
  // A duplicate of an event another live process is handling waits this long for its outcome (PostgreSQL):
  // done, it is a duplicate (a card action gets the stored answer); released or its process dead, it is
  // handled here. Acknowledged at once instead, an event whose process then died would be lost.
  const waitMs = d.callbackDeadlineMs ?? CALLBACK_DEADLINE_MS;
  // Resolves whether to handle the event: false for a duplicate, and when the claim could not be stored.
  const claim = (id: string, log: Logger) =>
    d.claims.claim(id, { waitMs }).then(
      (fresh) => {
        if (!fresh) log.info('duplicate delivery ignored');
        return fresh ? ('fresh' as const) : ('duplicate' as const);
      },
      (err: unknown) => {
        logFailure(log, err, 'could not claim the event');
        return 'unclaimed' as const;
      },
    );
  const apologize = (openId: string | undefined, text: string, id: string, log: Logger) =>
    openId
      ? d.outbox
          .sendTextAnyway(openId, text, `${id}:error`)
          .catch((e: unknown) => log.error({ err: e }, 'could not send the apology'))
      : undefined;
  return {
    onMessage: (event) => tracked(onMessage(event)),
    onBotAdded: (event) => tracked(onBotAdded(event)),
    onCardAction(event) {
      const id = event.event_id ?? `card:${event.token}`;
      // A redelivery that arrives while (or soon after) the first is handled gets the same answer, so the person
      // sees the real result whichever delivery their client listens to.
      const known = answers.get(id);
      if (known) {
        d.log.info({ event_id: id }, 'duplicate delivery answered from memory');
        return known;
      }
      const answer = tracked(cardAction(event, id));
      answers.set(id, answer);
      // A failure told the person to try again: a later redelivery is processed, not answered from memory.
      void answer.then((r) => {
        if (r === NOT_SAVED || r === NOT_HANDLED || r === FAILED) answers.delete(id);
      });
      if (answers.size > RECENT_ANSWERS) answers.delete(answers.keys().next().value!);
      return answer;
    },
    async settled() {
      while (handling.size) await Promise.allSettled([...handling]);
    },
  };

  async function onMessage(event: MessageEvent): Promise<void> {
    const id = event.event_id ?? `message:${event.message?.message_id}`;
    const log = d.log.child({ event_id: id, event_type: 'im.message.receive_v1' });
    const openId = event.sender?.sender_id?.open_id;
    const claimed = await claim(id, log);
    if (claimed === 'duplicate') return;
    if (claimed === 'unclaimed') return void (await apologize(openId, MESSAGE_NOT_SAVED, id, log));
    try {
      const handlerDeps = deps(log, id);
      await asOneChange(handlerDeps, () => handleMessage(event, handlerDeps));
      void markDone(id, log);
    } catch (err) {
      const disk = logFailure(log, err, 'message handler failed');
      // Told to try again: the same event redelivered is processed again, not dropped as a duplicate.
      await release(id, log);
      await apologize(openId, disk ? MESSAGE_NOT_SAVED : MESSAGE_FAILED, id, log);
    }
  }

  async function onBotAdded(event: BotAddedEvent): Promise<void> {
    const id = event.event_id ?? `bot-added:${event.chat_id}`;
    const log = d.log.child({ event_id: id, event_type: 'im.chat.member.bot.added_v1' });
    if ((await claim(id, log)) !== 'fresh') return;
    try {
      const handlerDeps = deps(log, id);
      await asOneChange(handlerDeps, () => handleBotAdded(event, handlerDeps));
      void markDone(id, log);
    } catch (err) {
      logFailure(log, err, 'bot-added handler failed');
      await release(id, log);
    }
  }

  async function cardAction(event: CardActionEvent, id: string): Promise<CardActionResponse> {
    const log = d.log.child({ event_id: id, event_type: 'card.action.trigger' });
    const claimed = await claim(id, log);
    if (claimed === 'duplicate') return duplicateAnswer(id, log);
    if (claimed === 'unclaimed') return NOT_HANDLED;
    try {
      const answer = await handleCardAction(event, deps(log, id), undefined, d.callbackDeadlineMs);
      // Stored before it is given: a redelivery reaching another process, also after this one died, gets it.
      await markDone(id, log, answer);
      return answer;
    } catch (err) {
      const disk = logFailure(log, err, 'card action handler failed');
      await release(id, log);
      return disk ? NOT_SAVED : FAILED;
    }
  }

  /** The answer the first delivery gave (stored by another process), else a toast saying where it stands. */
  async function duplicateAnswer(id: string, log: Logger): Promise<CardActionResponse> {
    const known = await d.claims.recall?.(id).catch((err: unknown) => {
      log.error({ err }, 'could not read the stored answer');
      return undefined;
    });
    // The process handling the first delivery has not answered within the wait: it is still on it, as at a deadline.
    if (known?.state === 'in-flight') return RECEIVED;
    if (known?.answer && typeof known.answer === 'object') {
      log.info('duplicate delivery answered with the stored answer');
      return known.answer as CardActionResponse;
    }
    return DUPLICATE;
  }
}
