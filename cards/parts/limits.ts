/**
 * Feishu's size limits for a card (feishu-brief §8): content ≤ 30 KB, about 200 elements counted
 * recursively (a third party's measurement). Every filling card is checked against both in tests.
 */

export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_CARD_ELEMENTS = 200;

type Node = Record<string, unknown>;

/** Counts components the way Feishu does: every element, including columns and elements nested in them. */
export function countElements(card: { body: { elements: object[] } }): number {
  const count = (el: unknown): number => {
    if (typeof el !== 'object' || el === null) return 0;
    const node = el as Node;
    let n = 1;
    if (Array.isArray(node.elements)) n += node.elements.reduce((a: number, c) => a + count(c), 0);
    if (node.tag !== 'table' && Array.isArray(node.columns))
      n += node.columns.reduce((a: number, c) => a + count(c), 0);
    return n;
  };
  return card.body.elements.reduce((a, el) => a + count(el), 0);
}

/** The card's size as Feishu measures content: UTF-8 bytes of its JSON. */
export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** Undefined when the card fits Feishu's limits, else what is over. */
export function overLimits(card: { body: { elements: object[] } }): string | undefined {
  const elements = countElements(card);
  const bytes = cardBytes(card);
  const problems = [];
  if (elements > MAX_CARD_ELEMENTS) problems.push(`${elements} elements > ${MAX_CARD_ELEMENTS}`);
  if (bytes > MAX_CARD_BYTES) problems.push(`${bytes} bytes > ${MAX_CARD_BYTES}`);
  return problems.length ? problems.join(', ') : undefined;
}

/**
 * The first card of `build(share)` that fits Feishu's limits, trying smaller shares of its lists (1, ½, ¼, …);
 * the last try is returned even if it does not fit, and the limits test says so.
 */
export function fittingCard<C extends { body: { elements: object[] } }>(build: (share: number) => C): C {
  let card = build(1);
  for (const share of [0.5, 0.25, 0.1]) {
    if (!overLimits(card)) return card;
    card = build(share);
  }
  return card;
}
