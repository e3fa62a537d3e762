/** A Feishu card JSON 2.0 document (what cards/ functions return). */
export interface Card {
  schema: '2.0';
  config: { update_multi: true; width_mode?: 'default' | 'fill' };
  header?: { title: { tag: 'plain_text'; content: string }; template?: string };
  body: { elements: object[] };
}

/** Header colours Feishu accepts that nianbao uses. */
export type CardColor = 'blue' | 'green' | 'orange' | 'red' | 'grey';

/**
 * Wraps elements into a JSON 2.0 card. update_multi must be true for the card to be patched later and for
 * JSON 2.0 at all (brief §7).
 */
export function cardShell(title: string, elements: object[], color: CardColor = 'blue'): Card {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: title }, template: color },
    body: { elements },
  };
}
