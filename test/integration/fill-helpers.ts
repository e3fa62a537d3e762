/**
 * People filling the report in the emulated Feishu, as a user does it: chat messages and taps on cards, through
 * the emulator's control API over HTTP (messages and card actions). A form submit brings every input of the card with what it shows,
 * overridden by what the person typed, exactly as Feishu's form container does.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { DEMO } from '../../src/emulator/demo-tenant.js';
import type { ChatMessage } from '../../src/emulator/types.js';
import { demoRound } from '../../src/rounds/seed-demo.js';
import { botMessages, startPair, type Pair } from '../server/harness.js';
import type { Answers, SectionId } from '../../src/report/template.js';
import { actOnCard, sendMessage } from '../support/control-api.js';
import { cardInputs } from '../support/card-checks.js';

export type CardJson = Record<string, unknown>;
export type Value = Record<string, unknown>;

export const ZHANG = DEMO.filler.open_id;
export const LI = DEMO.filler2.open_id;
export const WANG = DEMO.approver.open_id;

export interface CardButton {
  text: string;
  name?: string;
  value: Value;
  /** a form's submit button: tapping it sends the form's inputs */
  submits: boolean;
}

function walk(node: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every callback button of a card. */
export function buttonsOf(card: CardJson): CardButton[] {
  const out: CardButton[] = [];
  walk(card, (o) => {
    if (o.tag !== 'button') return;
    const behaviors = (o.behaviors ?? []) as Array<{ type: string; value?: Value }>;
    const cb = behaviors.find((b) => b.type === 'callback');
    if (!cb?.value) return;
    const text = (o.text as { content?: string } | undefined)?.content ?? '';
    out.push({
      text,
      value: cb.value,
      submits: o.form_action_type === 'submit',
      ...(typeof o.name === 'string' ? { name: o.name } : {}),
    });
  });
  return out;
}

/** The inputs of a card: name → what the input shows (its default_value, '' when empty). */
export const inputsOf = (card: CardJson): Record<string, string> => cardInputs(card);

/** Everything a person reads on the card (the JSON is enough for "does it say …"). */
export const cardText = (card: unknown): string => JSON.stringify(card);

/** A card on screen: the chat message that holds it, and its content as last seen. */
export interface Screen {
  messageId: string;
  owner: string;
  card: CardJson;
}

export interface TapResult {
  toast?: { type: string; content: string };
  /** the card that replaced the tapped one (when the bot answered with a card) */
  card?: CardJson;
  error?: string;
}

/** Someone in the emulated tenant, counting their taps and typed fields. */
export class Person {
  taps = 0;
  typed = 0;
  constructor(
    readonly pair: Pair,
    readonly openId: string,
  ) {}

  /** Sends a chat message; resolves with the bot's new messages once `expect` of them arrived. */
  async say(text: string, expect = 1): Promise<ChatMessage[]> {
    const before = botMessages(this.pair.emu.messages(this.openId)).length;
    const sent = await sendMessage(this.pair.emu.url, this.openId, text);
    if (!sent.delivered) throw new Error(`message not delivered: ${sent.error}`);
    const msgs = await this.pair.emu.waitForMessages(
      this.openId,
      (m) => botMessages(m).length >= before + expect,
      10_000,
    );
    return botMessages(msgs).slice(before);
  }

  /** 填报: the unit card. */
  async fill(): Promise<Screen> {
    const [msg] = await this.say('填报');
    return { messageId: msg.message_id, owner: this.openId, card: msg.content as CardJson };
  }

  /** The card as the chat shows it now (after patches). */
  refresh(screen: Screen): Screen {
    const msg = this.pair.emu.messages(screen.owner).find((m) => m.message_id === screen.messageId);
    if (!msg) throw new Error(`no message ${screen.messageId}`);
    screen.card = msg.content as CardJson;
    return screen;
  }

  /**
   * Taps the first button `pick` accepts on the card; for a form button the form's inputs go along, with
   * `typed` replacing what they show (each differing value counts as a typed field).
   */
  async tap(
    screen: Screen,
    pick: (b: CardButton) => boolean,
    typed: Record<string, string> = {},
  ): Promise<TapResult> {
    const button = buttonsOf(screen.card).find(pick);
    if (!button) throw new Error(`no such button on ${cardText(screen.card).slice(0, 400)}`);
    let form: Record<string, string> | undefined;
    if (button.submits) {
      const shown = inputsOf(screen.card);
      for (const [k, v] of Object.entries(typed)) if (shown[k] !== v) this.typed += 1;
      form = { ...shown, ...typed };
    }
    this.taps += 1;
    const r = await actOnCard(this.pair.emu.url, screen.messageId, {
      open_id: this.openId,
      value: button.value,
      ...(form ? { form_value: form } : {}),
      ...(button.name ? { name: button.name } : {}),
    });
    if (r.error) throw new Error(`callback failed: ${r.error}`);
    const card = (r.card as { data?: CardJson } | undefined)?.data;
    if (card) screen.card = card;
    return { ...(r.toast ? { toast: r.toast } : {}), ...(card ? { card } : {}) };
  }
}

/** Button pickers. */
export const by = {
  action:
    (action: string, extra: Value = {}) =>
    (b: CardButton) =>
      b.value.action === action &&
      Object.entries(extra).every(([k, v]) => b.value[k] === v) &&
      (extra.blank !== undefined || b.value.blank === undefined),
  text: (text: string) => (b: CardButton) => b.text === text,
};

/** The step a step card is at (from its 下一步 button), or undefined for other cards. */
export function stepOf(card: CardJson): { section: string; step: string; version: number } | undefined {
  const b = buttonsOf(card).find((x) => x.value.action === 'submit_step' || x.value.action === 'answer');
  if (!b) return undefined;
  return { section: String(b.value.section), step: String(b.value.step), version: Number(b.value.version) };
}

/** What the person types for a key: the published value as text, or undefined when the report has none. */
export function published(answers: Answers, key: string): string | undefined {
  const v = answers[key];
  if (v === undefined || v === '') return undefined;
  return String(v);
}

/**
 * Opens a section from the unit card and goes through its steps: types every published value that the card
 * does not already show, leaves zero cells blank and taps 空格填 0 on table steps, 下一步 elsewhere.
 */
export async function fillSection(
  p: Person,
  screen: Screen,
  section: SectionId,
  answers: Answers,
  s3: 'some' | 'none' = 'some',
): Promise<void> {
  await p.tap(screen, by.action('open_section', { section }));
  for (let guard = 0; guard < 12; guard++) {
    const at = stepOf(screen.card);
    if (!at || at.section !== section) return;
    if (at.step === 's3.question') {
      await p.tap(screen, by.action('answer', { answer: s3 }));
      continue;
    }
    const shown = inputsOf(screen.card);
    const zeroButton = buttonsOf(screen.card).some((b) => b.value.blank === 'zero');
    const typed: Record<string, string> = {};
    for (const key of Object.keys(shown)) {
      const value = published(answers, key);
      if (value === undefined || (zeroButton && value === '0')) continue;
      typed[key] = value;
    }
    const r = await p.tap(
      screen,
      zeroButton ? by.action('submit_step', { blank: 'zero' }) : by.action('submit_step'),
      typed,
    );
    const next = stepOf(screen.card);
    if (r.toast?.type === 'error' || (next?.step === at.step && next.section === section))
      throw new Error(`${at.step} not accepted: ${r.toast?.content} ${cardText(screen.card).slice(0, 1500)}`);
  }
  throw new Error(`section ${section} did not end`);
}

/**
 * A temp data directory holding the demo round, created with the admin's CLI (`nianbao round create`), and
 * optionally last year's report (`nianbao round previous`); then the bot and the emulator on it.
 */
export async function startFilling(o: { previous?: string } = {}): Promise<{
  pair: Pair;
  roundId: string;
  unitId: string;
}> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'nianbao-fill-'));
  const round = demoRound(Date.now());
  const roundFile = path.join(dataDir, 'round.json');
  await writeFile(
    roundFile,
    JSON.stringify({
      year: round.year,
      name: round.name,
      deadline: round.deadline.slice(0, 10),
      admins: round.admins,
      units: round.units,
    }),
  );
  const io = { out: () => undefined, err: (t: string) => void errors.push(t) };
  const errors: string[] = [];
  if ((await main(['round', 'create', roundFile, '--data-dir', dataDir], io)) !== 0)
    throw new Error(errors.join(''));
  const unitId = round.units[0].id;
  if (
    o.previous &&
    (await main(['round', 'previous', round.id, unitId, o.previous, '--data-dir', dataDir], io)) !== 0
  )
    throw new Error(errors.join(''));
  const pair = await startPair({ dataDir, bot: { outbox: { baseDelayMs: 10, maxDelayMs: 100 } } });
  return { pair, roundId: round.id, unitId };
}
