/**
 * Who may open a round: the people the configuration names (`ADMINS`: mobiles, e-mails or open_ids, as an
 * admin knows them), and whoever already administers a round (a co-admin added on a card may open next
 * year's). Resolved through the directory once, when first asked; a name that resolves to nobody is logged.
 */
import type { Storage } from '../../storage/store.js';
import type { Logger } from '../logger.js';
import type { Directory } from '../people/directory.js';
import { parsePeople } from '../people/person-ref.js';
import { resolvePeople } from '../people/resolve.js';
import { roundRepo } from '../rounds/round-repo.js';

/** Answers "may this person open rounds?". */
export type RoundOpeners = (openId: string) => Promise<boolean>;

/** The openers of `configured` (the ADMINS value) plus every round's admins in `storage`. */
export function roundOpeners(o: {
  configured: string;
  storage: Storage;
  directory?: Directory;
  log?: Logger;
}): RoundOpeners {
  let resolved: Promise<Set<string>> | undefined;
  const configuredIds = async (): Promise<Set<string>> => {
    const refs = parsePeople(o.configured);
    const ids = new Set(refs.flatMap((r) => (r.kind === 'openId' ? [r.openId] : [])));
    const others = refs.filter((r) => r.kind !== 'openId');
    if (!others.length) return ids;
    if (!o.directory) {
      o.log?.warn('ADMINS names people by mobile, e-mail or name, but there is no directory to look them up');
      return ids;
    }
    const people = await resolvePeople(others, o.directory);
    for (const ref of others) {
      const r = people.of(ref);
      if (r.ok) ids.add(r.person.openId);
      else o.log?.warn({ admin: ref.text, problem: r.problem }, 'an admin named in ADMINS was not found');
    }
    return ids;
  };
  return async (openId) => {
    resolved ??= configuredIds().catch((err: unknown) => {
      // Asked again next time: the directory may have been unreachable for a moment.
      resolved = undefined;
      o.log?.error({ err }, 'ADMINS could not be resolved');
      return new Set<string>();
    });
    if ((await resolved).has(openId)) return true;
    return (await roundRepo(o.storage).list()).some((r) => r.admins.includes(openId));
  };
}
