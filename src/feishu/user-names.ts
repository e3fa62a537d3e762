/**
 * Display names of users (contact API), for cards and toasts. Cached per process: a name rarely changes and a
 * card lists a handful of people. A lookup that fails or is slow falls back to a neutral word (an open_id means
 * nothing to a person and is never shown), so the card or toast always comes in time.
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';

/** How long one lookup may take before the card shows the open_id instead. */
const LOOKUP_TIMEOUT_MS = 1500;

/** Shown instead of a name the contact API did not give in time. */
export const UNKNOWN_NAME = '同事';

/** Resolves an open_id to the person's name (or UNKNOWN_NAME when it cannot be had in time). */
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
      return name || UNKNOWN_NAME;
    } catch (err) {
      log.warn({ err, openId }, 'user name lookup failed');
      cache.delete(openId);
      return UNKNOWN_NAME;
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
