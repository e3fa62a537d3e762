/**
 * Setup for the approval tests: a round whose unit has a two-step approver chain, the 淮安市 2024 report
 * stored as a complete draft (as if both fillers had typed it; filling itself is tested in filling-*.test.ts),
 * and the real bot on the real emulator. Plus a look at every stored file, to prove a refused tap stores nothing.
 */
import { readdir, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStorage } from '../../storage/lowdb-storage.js';
import { openOutboxStore } from '../../src/feishu/outbox.js';
import type { Storage } from '../../storage/store.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import type { ChatMessage } from '../../src/emulator/types.js';
import { draftRepo } from '../../src/filling/draft-repo.js';
import { activeSteps } from '../../src/filling/progress.js';
import { importText } from '../../src/import/index.js';
import { SECTIONS, type Answers } from '../../src/report/template.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import type { Round } from '../../src/rounds/round.js';
import { afterAnswerSettled } from '../../handlers/after-answer.js';
import { CALLBACK_DEADLINE_MS } from '../../handlers/answer-deadline.js';
import { botMessages, startPair, type Pair } from '../server/harness.js';
import type { CardJson, Screen } from './fill-helpers.js';
import { fixturePath } from '../support/fixtures.js';

export const FIXTURE = fixturePath('huaian-city-2024.pdftotext.txt');
export const ZHAO = DEMO.admin.open_id;

/** The fixture's answers (淮安市人民政府 2024). */
export async function fixtureAnswers(): Promise<{ unit: string; year: number; answers: Answers }> {
  const { file } = importText(await readFile(FIXTURE, 'utf8'));
  return file;
}

/** A round of one unit: 张敏 fills 一–三, 李强 四–六, approved by 王芳 then 赵磊 (or the given chain). */
export function chainRound(approvers: string[], year: number, unitName: string): Round {
  const zhang = DEMO.filler.open_id;
  const li = DEMO.filler2.open_id;
  return {
    id: `${year}-rapprv1`,
    year,
    name: `${year} 年度政府信息公开工作年度报告`,
    deadline: `${year + 1}-01-31T23:59:00+08:00`,
    admins: [ZHAO],
    units: [
      {
        id: 'city',
        name: unitName,
        fillers: { s1: [zhang], s2: [zhang], s3: [zhang], s4: [li], s5: [li], s6: [li] },
        approvers,
      },
    ],
  };
}

/**
 * Stores `answers` (by default the published 淮安 report's) as the unit's report with every section done (表三
 * answered 「有申请」): ready for 提交审核.
 */
export async function storeFilledReport(
  storage: Storage,
  roundId: string,
  unitId: string,
  answers?: Answers,
): Promise<void> {
  const filled = answers ?? (await fixtureAnswers()).answers;
  await draftRepo(storage).update(roundId, unitId, ({ draft }) => {
    const next = structuredClone(draft);
    next.answers = structuredClone(filled);
    next.s3Answer = 'some';
    for (const s of SECTIONS) {
      next.sections[s.id].done = activeSteps(next, s.id).map((step) => step.id);
      next.sections[s.id].version = 1;
    }
    return { draft: next, changed: true };
  });
}

/** Feishu's real timing for tests about it: its 3 s wait for an answer, the bot's own answer deadline. */
export const FEISHU_TIMING = { callbackTimeoutMs: 3000, callbackDeadlineMs: CALLBACK_DEADLINE_MS };
type FeishuTiming = Partial<typeof FEISHU_TIMING>;

/** A data dir with the round and the fixture stored as a complete draft, and the bot + emulator on it. */
export async function startApproval(
  approvers = [DEMO.approver.open_id, ZHAO],
  timing: FeishuTiming = {},
): Promise<{ pair: Pair; round: Round; answers: Answers }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-approval-'));
  const file = await fixtureAnswers();
  const round = chainRound(approvers, file.year, file.unit);
  const storage = new LowdbStorage(dataDir);
  await roundRepo(storage).save(round);
  await storeFilledReport(storage, round.id, 'city', file.answers);
  await storage.close();
  const pair = await startPair({
    dataDir,
    bot: {
      outbox: { baseDelayMs: 10, maxDelayMs: 100 },
      ...(timing.callbackDeadlineMs ? { callbackDeadlineMs: timing.callbackDeadlineMs } : {}),
    },
    ...(timing.callbackTimeoutMs ? { callbackTimeoutMs: timing.callbackTimeoutMs } : {}),
  });
  return { pair, round, answers: file.answers };
}

/** Waits until nothing is left to send: Word files rendered and queued, the outbox empty. */
export async function settled(pair: Pair): Promise<void> {
  await afterAnswerSettled();
  await pair.bot.outbox.drained();
  // The outbox forgets a delivered item before its file write ends: wait for the writes, or a snapshot of the
  // stored files can meet a half-finished one.
  await (await openOutboxStore(pair.bot.storage)).settle();
}

/**
 * Every stored file under the data dir (path → bytes as text), except three that change without changing a
 * report: the claimed event ids (claiming an event id is what makes a tap idempotent, so it changes on every tap
 * by design), the reminder scheduler's slots (it runs on its own clock), and the outbox (messages in transit: its
 * files come and go as messages are sent, and what was sent is checked in the chats).
 */
export async function storedFiles(dataDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(dataDir, full);
      if (rel.startsWith('claims') || rel.startsWith('reminders') || rel.startsWith('outbox')) continue;
      if (entry.isDirectory()) await walk(full);
      else out[rel] = (await readFile(full)).toString('base64');
    }
  };
  await walk(dataDir);
  return out;
}

/** Runs a tap that must be refused: its toast says `says` (not a success), and not one stored byte changed. */
export async function refusedUnchanged(
  pair: Pair,
  tap: () => Promise<{ toast?: { type: string; content: string } }>,
  says: RegExp,
): Promise<void> {
  await settled(pair);
  const before = await storedFiles(pair.dataDir);
  const r = await tap();
  await settled(pair);
  expect(r.toast?.content).toMatch(says);
  expect(r.toast?.type).not.toBe('success');
  expect(await storedFiles(pair.dataDir)).toEqual(before);
}

/** The newest bot card of a person that `pred` accepts, as a Screen to tap on. */
export function lastCard(pair: Pair, openId: string, pred: (card: CardJson) => boolean): Screen | undefined {
  const cards = botMessages(pair.emu.messages(openId)).filter(
    (m) => m.msg_type === 'interactive' && pred(m.content as CardJson),
  );
  const m = cards.at(-1);
  return m ? { messageId: m.message_id, owner: openId, card: m.content as CardJson } : undefined;
}

/** Waits for a bot card `pred` accepts (newer than `after` messages) and returns it. */
export async function waitCard(
  pair: Pair,
  openId: string,
  pred: (card: CardJson) => boolean,
  after = 0,
): Promise<Screen> {
  const fresh = (msgs: ChatMessage[]) =>
    botMessages(msgs)
      .slice(after)
      .filter((m) => m.msg_type === 'interactive' && pred(m.content as CardJson));
  const msgs = await pair.emu.waitForMessages(openId, (m) => fresh(m).length > 0, 15_000);
  const m = fresh(msgs).at(-1)!;
  return { messageId: m.message_id, owner: openId, card: m.content as CardJson };
}

/** The file messages a person got from the bot. */
export const fileMessages = (pair: Pair, openId: string) =>
  botMessages(pair.emu.messages(openId)).filter((m) => m.msg_type === 'file');

/** The bytes of a file the bot sent, fetched from the emulator like a person downloading it. */
export async function download(pair: Pair, msg: ChatMessage): Promise<Buffer> {
  const key = (msg.content as { file_key: string }).file_key;
  const r = await fetch(`${pair.emu.url}/api/files/${key}`);
  if (!r.ok) throw new Error(`GET /api/files/${key}: ${r.status}`);
  return Buffer.from(await r.arrayBuffer());
}
