/**
 * What every card test asks: does Feishu accept the card (the emulator's JSON 2.0 validator, ≤ 200 elements,
 * ≤ 30 KB), which buttons and inputs does it have. One place, so every card is held to the same rules.
 */
import { cardBytes, countElements, MAX_CARD_BYTES, MAX_CARD_ELEMENTS } from '../../cards/parts/limits.js';
import { validateCard } from '../../src/emulator/card-validation.js';

/** Asserts that Feishu would accept the card. */
export function expectFeishuAccepts(card: object): void {
  expect(validateCard(card)).toBeNull();
  expect(countElements(card as { body: { elements: object[] } })).toBeLessThanOrEqual(MAX_CARD_ELEMENTS);
  expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
}

/** Every callback button of a card: its label and value. */
export function cardButtons(
  node: unknown,
  out: Array<{ text: string; value: Record<string, unknown> }> = [],
) {
  if (Array.isArray(node)) node.forEach((n) => cardButtons(n, out));
  else if (node && typeof node === 'object') {
    const el = node as Record<string, unknown>;
    if (el.tag === 'button') {
      const b = (el.behaviors as Array<{ value: Record<string, unknown> }> | undefined)?.[0];
      if (b) out.push({ text: (el.text as { content: string }).content, value: b.value });
    }
    Object.values(el).forEach((v) => cardButtons(v, out));
  }
  return out;
}

/** The inputs of a card: name → what the input shows (its default_value, '' when empty). */
export function cardInputs(node: unknown, out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(node)) node.forEach((n) => cardInputs(n, out));
  else if (node && typeof node === 'object') {
    const el = node as Record<string, unknown>;
    if (el.tag === 'input' && typeof el.name === 'string') out[el.name] = String(el.default_value ?? '');
    Object.values(el).forEach((v) => cardInputs(v, out));
  }
  return out;
}
