/**
 * The crash-and-redelivery scenario of issue 14 item 4, as a building block for a test and for `npm run chaos`:
 * N fillers each submit table 二 at once (one card.action.trigger each, signed and encrypted like Feishu), the
 * bot process is SIGKILLed after the k-th success toast, a new process starts on the same data directory, and
 * every submit is pushed again with its own event_id, as Feishu redelivers a callback it got no answer to.
 * Counts what a person would notice: an acknowledged answer missing after the restart, and a redelivered submit
 * answered 「这个操作已经处理过了」 although its values were never stored.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeishuSettings } from '../../src/config.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { buildPush } from '../../src/emulator/signing.js';
import { DEMO, DEMO_TENANT_KEY, DEMO_USERS } from '../../src/emulator/demo-tenant.js';
import type { EmulatorUser } from '../../src/emulator/types.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { parseRoundFile } from '../../src/rounds/round-file.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { openReportYear } from '../../src/rounds/seed-demo.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { buttonsOf, inputsOf, stepOf, type CardJson } from '../integration/fill-helpers.js';
import { actOnCard, sendMessage } from '../support/control-api.js';
import { startBotProcess, type BotProcess } from './bot-process.js';

export interface KillRedeliverOptions {
  /** concurrent submits, one filler and one unit each */
  submits: number;
  /** the bot is killed once this many submits were answered with a success toast */
  killAfter: number;
  /**
   * then the restarted bot's disk turns full: one more tap and one chat message are sent, and the bot is stopped
   * with SIGTERM (issue 14 item 3: a Chinese answer in time, and a shutdown that still happens)
   */
  fullDiskAtEnd?: boolean;
}

/** What a person got from a bot whose disk is full, and how the bot stopped. */
export interface FullDiskOutcome {
  /** the toast of a tap (or the error Feishu's client would show) */
  tap: string;
  /** the bot's answer to a chat message, '' when none came within 5 s */
  message: string;
  /** SIGTERM to exit */
  shutdownMs: number;
  /** exited by itself after SIGTERM (not SIGKILLed after 5 s) */
  graceful: boolean;
}

/** What happened, counted per submit. */
export interface KillRedeliverResult {
  submits: number;
  /**
   * first deliveries acknowledged before the kill: a success toast, or 「已收到，正在处理」 (the answer of a
   * callback past its deadline, whose work goes on after the answer)
   */
  acknowledged: number;
  /** acknowledged submits whose values the restarted bot does not have */
  acknowledgedLost: number;
  /** submits whose values were stored when the process died (acknowledged or not) */
  storedAtKill: number;
  /** submits whose redelivery was answered 「已经处理过」 although their values are not stored */
  droppedAsDuplicateUnsaved: number;
  /** submits still without an answer after the last redelivery (Feishu's 「机器人暂未响应」 each time) */
  redeliveriesUnanswered: number;
  /** redeliveries pushed in all (one per submit, again for those left unanswered, as Feishu retries) */
  redeliveries: number;
  /** submits whose values are stored after the redeliveries */
  storedAtEnd: number;
  /** how the first deliveries were answered: toast text (or the error) → count */
  firstAnswers: Record<string, number>;
  /** how the redeliveries were answered: toast text (or the error) → count */
  redeliveryAnswers: Record<string, number>;
  fullDisk?: FullDiskOutcome;
  ms: number;
}

const APP_ID = 'cli_a1b2c3d4e5f60718';
/** how many times a submit left unanswered is pushed again after the restart */
const REDELIVERY_ROUNDS = 4;
/** cards opened at once while setting up */
const OPENING = 8;

interface Submit {
  openId: string;
  unitId: string;
  eventId: string;
  event: Record<string, unknown>;
  values: Record<string, string>;
}

interface Answer {
  toast?: { type: string; content: string };
  error?: string;
}

const acked = (a: Answer) => a.toast?.type === 'success' || /已收到/.test(a.toast?.content ?? '');

/** Answers counted by what the person saw: toast type and text, or the error. */
function histogram(answers: Answer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const k = a.toast ? `${a.toast.type}: ${a.toast.content}` : (a.error ?? 'no toast');
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Pushes one card.action.trigger with the given event_id to the bot, as Feishu does (and redoes). */
async function push(webhookUrl: string, feishu: FeishuSettings, s: Submit): Promise<Answer> {
  const envelope = {
    schema: '2.0',
    header: {
      event_id: s.eventId,
      event_type: 'card.action.trigger',
      create_time: String(Date.now() * 1000),
      token: feishu.verificationToken,
      app_id: feishu.appId,
      tenant_key: DEMO_TENANT_KEY,
    },
    event: s.event,
  };
  const { body, headers } = buildPush(envelope, feishu.encryptKey, Date.now());
  try {
    const res = await fetch(webhookUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(3000) });
    if (!res.ok) return { error: `HTTP ${res.status}` };
    return (await res.json()) as Answer;
  } catch (e) {
    return { error: (e as Error).name };
  }
}

/** Opens section 二 for a filler through the emulator (填报, then the section's button); the table card. */
async function openTable2(emu: Emulator, openId: string): Promise<{ messageId: string; card: CardJson }> {
  const before = emu.messages(openId).filter((m) => m.sender === 'bot').length;
  await sendMessage(emu.url, openId, '填报');
  const msgs = await emu.waitForMessages(
    openId,
    (m) => m.filter((x) => x.sender === 'bot').length > before,
    15_000,
  );
  const unit = msgs.filter((x) => x.sender === 'bot')[before];
  const open = buttonsOf(unit.content as CardJson).find(
    (b) => b.value.action === 'open_section' && b.value.section === 's2',
  );
  if (!open) throw new Error('no button for section 二');
  // On a busy machine the answer may miss the emulator's 3 s: tap again, as a person would (setting up is not
  // what is measured).
  let error: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await actOnCard(emu.url, unit.message_id, { open_id: openId, value: open.value });
    const card = (r.card as { data?: CardJson } | undefined)?.data;
    if (card && stepOf(card)?.step === 's2.table') return { messageId: unit.message_id, card };
    error = r.error;
  }
  throw new Error(`section 二 did not open: ${error}`);
}

/** Fills the bot's disk, taps and writes once, then stops the bot with SIGTERM. */
async function withFullDisk(
  emu: Emulator,
  bot: BotProcess,
  feishu: FeishuSettings,
  s: Submit,
): Promise<FullDiskOutcome> {
  bot.toggleFullDisk();
  // The signal is handled between two events of the child: give it a moment (bounded) before the tap.
  await new Promise((r) => setTimeout(r, 200));
  const a = await push(bot.webhookUrl, feishu, { ...s, eventId: randomBytes(16).toString('hex') });
  const before = emu.messages(s.openId).length;
  await sendMessage(emu.url, s.openId, '填报');
  let message = '';
  try {
    const msgs = await emu.waitForMessages(
      s.openId,
      (m) => m.slice(before).some((x) => x.sender === 'bot'),
      5000,
    );
    message = JSON.stringify(msgs.slice(before).find((x) => x.sender === 'bot')?.content ?? '');
  } catch {
    // no answer within 5 s: reported as ''
  }
  const t = Date.now();
  const how = await bot.stop(5000);
  return {
    tap: a.toast ? `${a.toast.type}: ${a.toast.content}` : (a.error ?? 'no toast'),
    message,
    shutdownMs: Date.now() - t,
    graceful: how.signal !== 'SIGKILL',
  };
}

/** Runs the scenario once, in temp directories that are removed at the end. */
export async function killDuringSubmitsAndRedeliver(o: KillRedeliverOptions): Promise<KillRedeliverResult> {
  const t0 = Date.now();
  const fillers: EmulatorUser[] = Array.from({ length: o.submits }, (_, i) => ({
    open_id: `ou_redeliver${String(i).padStart(5, '0')}${randomBytes(8).toString('hex')}`,
    user_id: `redeliver${i}`,
    union_id: `on_redeliver${i}`,
    name: `重投填报人${i + 1}`,
  }));
  const year = openReportYear(Date.now());
  const round = parseRoundFile(
    JSON.stringify({
      year,
      deadline: `${year + 1}-01-31`,
      name: `${year} 年度报告（重投测试）`,
      admins: [DEMO.admin.open_id],
      units: fillers.map((f, i) => ({
        id: `unit${i}`,
        name: `重投单位${i + 1}`,
        fillers: [{ open_id: f.open_id, sections: ['s1', 's2', 's3', 's4', 's5', 's6'] }],
        approvers: [DEMO.approver.open_id],
      })),
    }),
    'redeliver-round.json',
  );
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-redeliver-'));
  const setup = new LowdbStorage(dataDir);
  await roundRepo(setup).save(round);
  await setup.close();
  const keys = {
    appId: APP_ID,
    appSecret: randomBytes(8).toString('hex'),
    verificationToken: 'vt-' + randomBytes(6).toString('hex'),
    encryptKey: 'ek-' + randomBytes(6).toString('hex'),
  };
  const emu = await startEmulator({ ...keys, port: 0, users: [...DEMO_USERS, ...fillers] });
  const feishu: FeishuSettings = { ...keys, domain: emu.url, mode: 'webhook' };
  const bots: BotProcess[] = [];
  try {
    const first = await startBotProcess({ feishu, dataDir });
    bots.push(first);
    emu.setWebhook(first.webhookUrl);
    // Cards are opened a few at a time (setting up is not what is measured); the submits then go all at once.
    const screens: Array<{ messageId: string; card: CardJson }> = [];
    for (let i = 0; i < fillers.length; i += OPENING) {
      const batch = fillers.slice(i, i + OPENING);
      screens.push(...(await Promise.all(batch.map((f) => openTable2(emu, f.open_id)))));
    }
    const submits: Submit[] = screens.map((s, i) => {
      const button = buttonsOf(s.card).find((b) => b.value.action === 'submit_step' && !b.value.blank)!;
      const shown = inputsOf(s.card);
      const values = Object.fromEntries(
        Object.keys(shown).map((k, j) => [k, k.includes('fee') ? `${i + 1}.5` : String((i + 1) * 10 + j)]),
      );
      const u = fillers[i];
      return {
        openId: u.open_id,
        unitId: `unit${i}`,
        eventId: randomBytes(16).toString('hex'),
        values,
        event: {
          operator: {
            tenant_key: DEMO_TENANT_KEY,
            user_id: u.user_id,
            open_id: u.open_id,
            union_id: u.union_id,
          },
          token: 'c-' + randomBytes(16).toString('hex'),
          action: {
            value: button.value,
            tag: 'button',
            form_value: { ...shown, ...values },
            ...(button.name ? { name: button.name } : {}),
          },
          host: 'im_message',
          context: { open_message_id: s.messageId, open_chat_id: 'oc_' + randomBytes(8).toString('hex') },
        },
      };
    });

    let ackCount = 0;
    let killing: Promise<void> | undefined;
    const firstAnswers = await Promise.all(
      submits.map(async (s) => {
        const a = await push(first.webhookUrl, feishu, s);
        if (acked(a) && ++ackCount >= o.killAfter) killing ??= first.kill9();
        return a;
      }),
    );
    await (killing ?? first.kill9());

    const storedNow = async () => {
      const storage = new LowdbStorage(dataDir);
      const out: boolean[] = [];
      for (const s of submits) {
        const answers = (await draftRepo(storage).load(round.id, s.unitId)).draft.answers;
        out.push(Object.entries(s.values).every(([k, v]) => String(answers[k] ?? '') === v));
      }
      return out;
    };
    const atKill = await storedNow();
    const acknowledged = firstAnswers.map(acked);

    const second = await startBotProcess({ feishu, dataDir });
    bots.push(second);
    emu.setWebhook(second.webhookUrl);
    // Feishu redelivers a callback it got no answer to, a few times: so do we, for those still unanswered.
    const again: Answer[] = [];
    const all: Answer[] = [];
    const duplicate = new Set<number>();
    let pending = submits.map((_, i) => i);
    for (let round = 0; round < REDELIVERY_ROUNDS && pending.length > 0; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, 1000));
      const answers = await Promise.all(pending.map((i) => push(second.webhookUrl, feishu, submits[i])));
      answers.forEach((a, j) => {
        again[pending[j]] = a;
        if (/已经处理过/.test(a.toast?.content ?? '')) duplicate.add(pending[j]);
      });
      all.push(...answers);
      pending = pending.filter((_, j) => answers[j].error);
    }
    const redeliveryAnswers = histogram(all);
    const fullDisk = o.fullDiskAtEnd ? await withFullDisk(emu, second, feishu, submits[0]) : undefined;
    if (!fullDisk) await second.stop();
    const atEnd = await storedNow();
    return {
      submits: o.submits,
      acknowledged: acknowledged.filter(Boolean).length,
      acknowledgedLost: acknowledged.filter((a, i) => a && !atKill[i]).length,
      storedAtKill: atKill.filter(Boolean).length,
      droppedAsDuplicateUnsaved: [...duplicate].filter((i) => !atEnd[i]).length,
      redeliveriesUnanswered: again.filter((a) => a.error).length,
      redeliveries: all.length,
      storedAtEnd: atEnd.filter(Boolean).length,
      firstAnswers: histogram(firstAnswers),
      redeliveryAnswers,
      ...(fullDisk ? { fullDisk } : {}),
      ms: Date.now() - t0,
    };
  } finally {
    await Promise.all(bots.map((b) => b.kill9()));
    await emu.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
