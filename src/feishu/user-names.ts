/**
 * Display names of users (contact API), for the progress card. Cached per process: a name rarely changes and a
 * progress card lists a handful of people. A lookup that fails or is slow falls back to the open_id, so the
 * card always comes.
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';

/** How long one lookup may take before the card shows the open_id instead. */
const LOOKUP_TIMEOUT_MS = 1500;

/** Resolves an open_id to the person's name (or the open_id itself when unknown). */
export type UserNames = (openId: string) => Promise<string>;

/** Names from the contact API of `client`, cached. */
export function createUserNames(client: lark.Client, log: Logger): UserNames {
  const cache = new Map<string, Promise<string>>();
  const lookup = async (openId: string): Promise<string> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), LOOKUP_TIMEOUT_MS);
    });
    try {
      const r = await Promise.race([
        client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }),
        timeout,
      ]);
      const name = r?.data?.user?.name;
      if (!name) cache.delete(openId); // try again next time
      return name || openId;
    } catch (err) {
      log.warn({ err, openId }, 'user name lookup failed');
      cache.delete(openId);
      return openId;
    } finally {
      clearTimeout(timer);
    }
  };
  return (openId) => {
    let name = cache.get(openId);
    if (!name) cache.set(openId, (name = lookup(openId)));
    return name;
  };
}
