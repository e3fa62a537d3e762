/**
 * Issue 13's proof that several bot processes on one PostgreSQL behave as one bot: three real bot processes
 * behind a load balancer that sends a fifth of Feishu's pushes a second time to a different process; a season of
 * reminders ticked on all three at once; fillers filling and then all submitting at once while one process is
 * killed with SIGKILL. Counts what people would notice: answers, messages and reminders that arrived twice or
 * not at all, redeliveries answered differently, and Feishu's message limits broken in sum.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { FeishuSettings } from '../../src/config.js';
import { startEmulator, type ChatMessage, type Emulator } from '../../src/emulator/index.js';
import { DEMO, DEMO_USERS } from '../../src/emulator/demo-tenant.js';
import { prng } from '../../src/emulator/faults.js';
import type { EmulatorUser } from '../../src/emulator/types.js';
import { approvalRepo } from '../../src/approval/repo.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { reminderRecords } from '../../src/reminders/records.js';
import { beijingTime } from '../../src/reminders/dates.js';
import { roundSlots } from '../../src/reminders/slots.js';
import { createWorkdayCalendar } from '../../src/reminders/workdays.js';
import { parseRoundFile } from '../../src/rounds/round-file.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Round } from '../../src/rounds/round.js';
import { openReportYear } from '../../src/rounds/seed-demo.js';
import { PostgresStorage } from '../../storage/postgres-storage.js';
import { storeFilledReport } from '../integration/approval-helpers.js';
import { buttonsOf, inputsOf, stepOf, type CardJson } from '../integration/fill-helpers.js';
import { startBotProcess, type BotProcess } from '../reliability/bot-process.js';
import { limitsBroken } from '../reminders/fanout-fixture.js';
import { startBalancer, type Balancer, type Redelivery } from './balancer.js';

export interface ThreeBotsOptions {
  /** PostgreSQL URL of an empty schema */
  databaseUrl: string;
  /** fillers, one unit each; they all submit at once at the end */
  fillers: number;
  /** how many times each filler opens section 二 and saves its table (3 events each) */
  saves: number;
  /** share of pushes delivered a second time to another process */
  redeliverShare: number;
  /** the process to SIGKILL once this many of the final submits were acknowledged */
  killAfterSubmits: number;
  /** which process to kill: the one sending to Feishu when the bots can tell (see pickVictim), else the first */
  pickVictim?: (bots: BotProcess[]) => Promise<number>;
  /** outbox timings for the bot processes (e.g. a short lease so a dead sender's jobs are taken soon) */
  outbox?: Record<string, number>;
  log?: (line: string) => void;
}

/** What happened, counted. */
export interface ThreeBotsResult {
  /** pushes the balancer forwarded (first deliveries) */
  pushes: number;
  redeliveries: number;
  /** redelivered card actions whose second answer differed from the first */
  redeliveryAnswersDiffering: Redelivery[];
  /** taps and messages the emulator reports as failed (no answer in time, or an error) */
  failedInteractions: string[];
  /** table 二 saves acknowledged and then not what the filler's report holds */
  savesLost: number;
  /** final submits acknowledged (success toast), on the first tap or a retap */
  submitsAcknowledged: number;
  /** acknowledged submits whose report is not waiting for approval at the end */
  submitsLost: number;
  /** reports with more than one submission stored (a submit handled twice) */
  submittedTwice: number;
  /** chat messages the fillers sent (帮助, 填报), and the bot messages answering them: equal when exactly once */
  messagesSent: number;
  answersReceived: number;
  /** fillers who got a bot message that is neither a reminder nor the answer to one of their messages */
  unexpectedMessages: string[];
  /** final submits tapped again because the first got no answer (its process was killed), as a person does */
  submitsRetapped: number;
  /** reports waiting for approval at the end */
  reportsSubmitted: number;
  /** the approver's review cards and Word files: one each per submitted report */
  reviewCards: number;
  reviewFiles: number;
  /** reminders recorded by the scheduler, reminders the ticks of the three processes reported queuing, cards */
  remindersRecorded: number;
  remindersQueuedByTicks: number;
  reminderCards: number;
  /** people whose reminder cards differ in number from their records */
  reminderMismatches: string[];
  /** Feishu's message limits broken by the delivered messages, and 429s the emulator answered */
  limitsBroken: string[];
  rejected429: number;
  killed: number;
  ms: number;
}

const APP_ID = 'cli_a1b2c3d4e5f60719';
const HELP_TITLE = '年报助手 · 帮助';
const UNIT_TITLE = /年度年报/;
const REMINDER_TITLE = /^年报(填报提醒|催办|逾期汇总|审核催办)/;

const titleOf = (m: ChatMessage) =>
  ((m.content as { header?: { title?: { content?: string } } }).header?.title?.content ?? '') as string;
const isUnitCard = (m: ChatMessage) => UNIT_TITLE.test(titleOf(m));
const botMessages = (emu: Emulator, openId: string) => emu.messages(openId).filter((m) => m.sender === 'bot');

function makeRound(fillers: EmulatorUser[]): Round {
  const year = openReportYear(Date.now());
  return parseRoundFile(
    JSON.stringify({
      year,
      deadline: `${year + 1}-01-31`,
      name: `${year} 年度报告（多进程测试）`,
      admins: [DEMO.admin.open_id],
      // Three overdue days keep the season short; the plan's days before the deadline are the default ones.
      reminders: { plan: { overdueDays: 3 } },
      units: fillers.map((f, i) => ({
        id: `unit${i}`,
        name: `多进程单位${i + 1}`,
        fillers: [{ open_id: f.open_id, sections: ['s1', 's2', 's3', 's4', 's5', 's6'] }],
        approvers: [DEMO.approver.open_id],
      })),
    }),
    'three-bots-round.json',
  );
}

/** Every report filled (the published 淮安 answers) except section 二, which its filler still owes. */
async function storeRound(storage: PostgresStorage, round: Round): Promise<void> {
  await roundRepo(storage).save(round);
  for (const unit of round.units) {
    await storeFilledReport(storage, round.id, unit.id);
    await draftRepo(storage).update(round.id, unit.id, ({ draft }) => {
      const next = structuredClone(draft);
      next.sections.s2.done = [];
      return { draft: next, changed: true };
    });
  }
}

/** A person's side of the conversation, through the emulator (whose pushes go to the balancer). */
class Filler {
  failures: string[] = [];
  /** message ids of the bot's answers to this person's chat messages */
  answers = new Set<string>();
  sent = 0;
  constructor(
    private readonly emu: Emulator,
    readonly openId: string,
  ) {}

  /** Sends a chat message and waits (bounded) for the bot's answer: its next message `isAnswer` accepts. */
  async say(text: string, isAnswer: (m: ChatMessage) => boolean): Promise<ChatMessage> {
    const before = botMessages(this.emu, this.openId).length;
    this.sent += 1;
    const sent = await this.emu.sendText(this.openId, text);
    if (sent.error) this.failures.push(`${text}: ${sent.error}`);
    const answerIn = (msgs: ChatMessage[]) =>
      msgs
        .filter((x) => x.sender === 'bot')
        .slice(before)
        .find(isAnswer);
    const answer = answerIn(await this.emu.waitForMessages(this.openId, (m) => !!answerIn(m), 30_000))!;
    this.answers.add(answer.message_id);
    return answer;
  }

  /** Taps a button of a card; the card it turned into (or the same) and the toast. */
  async tap(
    messageId: string,
    card: CardJson,
    pick: (v: Record<string, unknown>) => boolean,
    form?: Record<string, string>,
    failure = true,
  ): Promise<{ card: CardJson; toast?: { type: string; content: string }; error?: string }> {
    const button = buttonsOf(card).find((b) => pick(b.value));
    if (!button) throw new Error(`no such button on ${JSON.stringify(card).slice(0, 300)}`);
    const r = await this.emu.act(messageId, {
      open_id: this.openId,
      value: button.value,
      ...(button.submits ? { form_value: { ...inputsOf(card), ...form } } : {}),
      ...(button.name ? { name: button.name } : {}),
    });
    if (r.error && failure) this.failures.push(`${String(button.value.action)}: ${r.error}`);
    const next = (r.card as { data?: CardJson } | undefined)?.data;
    return {
      card: next ?? card,
      ...(r.toast ? { toast: r.toast } : {}),
      ...(r.error ? { error: r.error } : {}),
    };
  }
}

/** Table 二's values of a filler's k-th save: different every time, so a lost or old save shows. */
function tableValues(card: CardJson, filler: number, save: number): Record<string, string> {
  const keys = Object.keys(inputsOf(card));
  return Object.fromEntries(
    keys.map((k, j) => [
      k,
      k.includes('fee') ? `${filler + 1}.${save + 1}` : String(save * 1000 + filler * 10 + j),
    ]),
  );
}

/** Opens section 二 from a fresh 填报 card and saves its table; the values when the save was acknowledged. */
async function saveTable(f: Filler, i: number, save: number): Promise<Record<string, string> | undefined> {
  const unit = await f.say('填报', isUnitCard);
  const open = await f.tap(
    unit.message_id,
    unit.content as CardJson,
    (v) => v.action === 'open_section' && v.section === 's2',
  );
  if (stepOf(open.card)?.step !== 's2.table') {
    f.failures.push(`section 二 did not open (save ${save})`);
    return undefined;
  }
  const values = tableValues(open.card, i, save);
  const r = await f.tap(unit.message_id, open.card, (v) => v.action === 'submit_step' && !v.blank, values);
  return r.toast?.type === 'error' || f.failures.length ? undefined : values;
}

/** Runs the scenario once; removes its temp directories at the end. */
export async function runThreeBots(o: ThreeBotsOptions): Promise<ThreeBotsResult> {
  const t0 = Date.now();
  const log = o.log ?? (() => undefined);
  const people: EmulatorUser[] = Array.from({ length: o.fillers }, (_, i) => ({
    open_id: `ou_multi${String(i).padStart(4, '0')}${randomBytes(10).toString('hex')}`,
    user_id: `multi${i}`,
    union_id: `on_multi${i}`,
    name: `多进程填报人${i + 1}`,
  }));
  const round = makeRound(people);
  const setup = await PostgresStorage.open({ url: o.databaseUrl });
  await storeRound(setup, round);

  const keys = {
    appId: APP_ID,
    appSecret: randomBytes(8).toString('hex'),
    verificationToken: 'vt-' + randomBytes(6).toString('hex'),
    encryptKey: 'ek-' + randomBytes(6).toString('hex'),
  };
  // The bots answer within their own 8 s deadline on a loaded machine; what is measured is effects, not speed.
  const emu = await startEmulator({
    ...keys,
    port: 0,
    users: [...DEMO_USERS, ...people],
    callbackTimeoutMs: 10_000,
  });
  emu.setFaults({ enforceRateLimits: true });
  const feishu: FeishuSettings = { ...keys, domain: emu.url, mode: 'webhook' };
  const dirs: string[] = [];
  const bots: BotProcess[] = [];
  let lb: Balancer | undefined;
  try {
    for (let i = 0; i < 3; i++) dirs.push(await mkdtemp(path.join(tmpdir(), `nianbao-multi${i}-`)));
    // The first process migrates the empty database; the other two then start side by side. A loaded machine
    // takes long to load three bots' modules: a minute each at most.
    const start = (dataDir: string) =>
      startBotProcess(
        { feishu, dataDir, databaseUrl: o.databaseUrl, ...(o.outbox ? { outbox: o.outbox } : {}) },
        60_000,
      );
    bots.push(await start(dirs[0]));
    bots.push(...(await Promise.all(dirs.slice(1).map(start))));
    lb = await startBalancer({
      backends: bots.map((b) => b.webhookUrl),
      redeliverShare: o.redeliverShare,
      // Seeded: a failing run can be replayed.
      random: prng(13),
      encryptKey: keys.encryptKey,
    });
    emu.setWebhook(lb.url);
    log(`3 bots up (${Date.now() - t0} ms)`);

    // A season of reminders: each planned day's slot ticked on the three processes at once (the working days
    // between them are settled by the next tick, as after a night without ticks).
    const calendar = createWorkdayCalendar();
    let remindersQueuedByTicks = 0;
    for (const slot of roundSlots(round, calendar).filter((s) => s.planned)) {
      const at = Date.parse(beijingTime(slot.date, '10:00'));
      const ticks = await Promise.all(bots.map((b) => b.tick(at)));
      for (const t of ticks) {
        if (t.error) throw new Error(`reminder tick of ${slot.date} failed: ${t.error}`);
        remindersQueuedByTicks += t.sent ?? 0;
      }
    }
    log(`season ticked: ${remindersQueuedByTicks} reminders queued (${Date.now() - t0} ms)`);
    // The season's cards arrive before anyone starts filling, so a filler's answers are not mixed with them.
    const reminderCardsOf = (openId: string) =>
      botMessages(emu, openId).filter((m) => REMINDER_TITLE.test(titleOf(m))).length;
    const remindersArrived = () =>
      [...people.map((p) => p.open_id), DEMO.admin.open_id].reduce((n, id) => n + reminderCardsOf(id), 0);
    for (let waited = 0; waited < 60_000 && remindersArrived() < remindersQueuedByTicks; waited += 200)
      await new Promise((r) => setTimeout(r, 200));
    log(`season's reminders arrived: ${remindersArrived()} (${Date.now() - t0} ms)`);

    // Filling: everyone at once, each saving table 二 again and again.
    const fillers = people.map((p) => new Filler(emu, p.open_id));
    const lastSaved: Array<Record<string, string> | undefined> = [];
    await Promise.all(
      fillers.map(async (f, i) => {
        await f.say('帮助', (m) => titleOf(m) === HELP_TITLE);
        for (let k = 0; k < o.saves; k++) {
          const saved = await saveTable(f, i, k);
          if (saved) lastSaved[i] = saved;
        }
      }),
    );
    log(`filling done: ${lb.pushes()} pushes (${Date.now() - t0} ms)`);

    // Everyone submits at once; one process dies in the middle.
    const victim = o.pickVictim ? await o.pickVictim(bots) : 0;
    let acknowledged = 0;
    let killing: Promise<void> | undefined;
    const units = await Promise.all(
      fillers.map(async (f) => {
        const unit = await f.say('填报', isUnitCard);
        let card = unit.content as CardJson;
        if (!buttonsOf(card).some((b) => b.value.action === 'submit_for_review'))
          card = (await f.tap(unit.message_id, card, (v) => v.action === 'summary')).card;
        return { f, messageId: unit.message_id, card };
      }),
    );
    let submitsRetapped = 0;
    const submitted = await Promise.all(
      units.map(async ({ f, messageId, card }) => {
        // A tap its process died under gets no answer (Feishu shows 「机器人暂未响应」): the person taps again.
        for (let attempt = 0; attempt < 4; attempt++) {
          if (attempt > 0) {
            submitsRetapped += 1;
            await new Promise((r) => setTimeout(r, 1000));
          }
          const r = await f.tap(messageId, card, (v) => v.action === 'submit_for_review', undefined, false);
          if (r.error) continue;
          const ok = r.toast?.type === 'success';
          if (ok && ++acknowledged >= o.killAfterSubmits) killing ??= bots[victim].kill9();
          return ok;
        }
        f.failures.push('submit_for_review: no answer after 4 taps');
        return false;
      }),
    );
    await (killing ?? bots[victim].kill9());
    log(`submits: ${acknowledged} acknowledged, process ${victim} killed (${Date.now() - t0} ms)`);

    // Every queued message arrives: the approver's review card and Word file per submitted report.
    const expectedReviews = people.length;
    const wang = DEMO.approver.open_id;
    const reviewsIn = (msgs: ChatMessage[]) => {
      const bot = msgs.filter((m) => m.sender === 'bot');
      return {
        cards: bot.filter((m) => buttonsOf(m.content as CardJson).some((b) => b.value.action === 'approve'))
          .length,
        files: bot.filter((m) => m.msg_type === 'file').length,
      };
    };
    await emu
      .waitForMessages(
        wang,
        (m) => {
          const r = reviewsIn(m);
          return r.cards >= expectedReviews && r.files >= expectedReviews;
        },
        60_000,
      )
      .catch(() => undefined);
    // Anything sent twice would arrive within moments of the rest: give it the time to show.
    await new Promise((r) => setTimeout(r, 1500));
    const reviews = reviewsIn(emu.messages(wang));
    const queued = await setup.query<{ state: string; n: string }>(
      'SELECT state, count(*) AS n FROM outbox_jobs GROUP BY state ORDER BY state',
      [],
    );
    log(
      `approver has ${reviews.cards} review cards and ${reviews.files} files of ${expectedReviews}; outbox ` +
        `${queued.rows.map((r) => `${r.state} ${r.n}`).join(', ')} (${Date.now() - t0} ms)`,
    );

    // What the database holds, read after everything settled.
    const check = await PostgresStorage.open({ url: o.databaseUrl });
    let savesLost = 0;
    let submitsLost = 0;
    let submittedTwice = 0;
    let reportsSubmitted = 0;
    for (let i = 0; i < people.length; i++) {
      const unitId = `unit${i}`;
      const answers = (await draftRepo(check).load(round.id, unitId)).draft.answers;
      const saved = lastSaved[i];
      if (saved && !Object.entries(saved).every(([k, v]) => String(answers[k] ?? '') === v)) savesLost += 1;
      const state = await approvalRepo(check).load(round.id, unitId);
      if (submitted[i] && state.status !== 'submitted') submitsLost += 1;
      if (state.status === 'submitted') reportsSubmitted += 1;
      if (state.submissions.length > 1) submittedTwice += 1;
    }
    const records = await reminderRecords(check).allSent(round.id);
    await check.close();

    const reminderMismatches: string[] = [];
    let reminderCards = 0;
    for (const openId of [...people.map((p) => p.open_id), DEMO.admin.open_id, wang]) {
      const cards = reminderCardsOf(openId);
      reminderCards += cards;
      const recorded = records.filter((r) => r.to === openId).length;
      if (cards !== recorded) reminderMismatches.push(`${openId}: ${cards} cards, ${recorded} recorded`);
    }
    const everyone = [...people.map((p) => p.open_id), DEMO.admin.open_id, wang];
    const delivered = everyone.flatMap((id) =>
      botMessages(emu, id).map((m) => ({ to: id, at: m.create_time })),
    );
    const differing = lb
      .redeliveries()
      .filter((r) => r.eventType === 'card.action.trigger' && r.first.status === 200)
      // Compared as values: a stored answer comes back from jsonb with its keys in another order.
      .filter((r) => !isDeepStrictEqual(JSON.parse(r.first.body), JSON.parse(r.second.body)))
      .map((r) => ({
        ...r,
        first: { ...r.first, body: r.first.body.slice(0, 300) },
        second: { ...r.second, body: r.second.body.slice(0, 300) },
      }));
    return {
      pushes: lb.pushes(),
      redeliveries: lb.redeliveries().length,
      redeliveryAnswersDiffering: differing,
      failedInteractions: fillers.flatMap((f) => f.failures),
      savesLost,
      submitsAcknowledged: acknowledged,
      submitsLost,
      submittedTwice,
      messagesSent: fillers.reduce((n, f) => n + f.sent, 0),
      answersReceived: fillers.reduce((n, f) => n + f.answers.size, 0),
      unexpectedMessages: fillers.flatMap((f) =>
        botMessages(emu, f.openId)
          .filter((m) => !f.answers.has(m.message_id) && !REMINDER_TITLE.test(titleOf(m)))
          .map((m) => `${f.openId}: ${m.msg_type} ${titleOf(m)}`),
      ),
      submitsRetapped,
      reportsSubmitted,
      reviewCards: reviews.cards,
      reviewFiles: reviews.files,
      remindersRecorded: records.length,
      remindersQueuedByTicks,
      reminderCards,
      reminderMismatches,
      limitsBroken: limitsBroken(delivered),
      rejected429: emu.stats().rejected429,
      killed: victim,
      ms: Date.now() - t0,
    };
  } finally {
    await setup.close().catch(() => undefined);
    await Promise.all(bots.map((b) => b.stop(3000).catch(() => undefined)));
    await lb?.close();
    await emu.close();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}
