/**
 * Taps on real filling cards without the bot: the button's value and the form_value come from the card JSON
 * exactly as Feishu sends them (every input with what it shows, overridden by what the person typed).
 */
import type { Card } from '../../cards/card-shell.js';
import { fillScreenCard } from '../../cards/fill-screen.js';
import { parseFillAction } from '../../src/filling/actions.js';
import type { ReportDraft } from '../../src/filling/draft.js';
import { fillAction, type FillContext, type FillResult } from '../../src/filling/flow.js';
import { cardButtons, cardInputs } from '../support/card-checks.js';

type El = Record<string, unknown>;

/** What each input of the card shows. */
export const inputsOf = (card: Card): Record<string, string> => cardInputs(card);

/** A person at one card: each tap takes the button from the card shown and keeps the card answered. */
export class CardSession {
  card!: Card;
  toast?: string;
  constructor(
    public draft: ReportDraft,
    private ctx: FillContext,
    private who: string,
  ) {}

  take(r: FillResult): FillResult {
    this.draft = r.draft;
    this.toast = r.toast?.content;
    if (r.screen && r.screen.kind !== 'chat' && r.screen.kind !== 'help')
      this.card = fillScreenCard(r.screen);
    return r;
  }

  /** Sends a value as if it came from a button (to open a section). */
  act(value: El): FillResult {
    return this.take(fillAction(this.draft, this.ctx, this.who, parseFillAction(value)!));
  }

  /** Taps the button labelled `text` with what the card's inputs show, overridden by `typed`. */
  tap(text: string, typed: Record<string, string> = {}): FillResult {
    const button = cardButtons(this.card).find((b) => b.text === text);
    if (!button)
      throw new Error(
        `no button 「${text}」: ${cardButtons(this.card)
          .map((b) => b.text)
          .join(' | ')}`,
      );
    const form = { ...inputsOf(this.card), ...typed };
    return this.take(fillAction(this.draft, this.ctx, this.who, parseFillAction(button.value)!, form));
  }

  text(): string {
    return JSON.stringify(this.card);
  }
}
