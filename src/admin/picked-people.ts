/**
 * People an admin chose on a card: the open_ids of a person picker, and a text box beside it where names,
 * mobiles or e-mails can be written instead (a picker in a one-to-one chat lists only the candidates the card
 * carries; a big directory does not fit a card). Both end up as open_ids, or as problems to show.
 */
import type { Directory } from '../people/directory.js';
import { parsePeople } from '../people/person-ref.js';
import { resolvePeople } from '../people/resolve.js';

export interface Picked {
  /** in the order chosen: pickers first, then the written people */
  ids: string[];
  /** display names of the written people (pickers bring open_ids only) */
  names: Record<string, string>;
  problems: string[];
}

/** The open_ids a picker's form value holds (a string for select_person, an array for multi_select_person). */
export function pickerIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list.filter((v): v is string => typeof v === 'string' && /^ou_[A-Za-z0-9]+$/.test(v));
}

/** Reads pickers and written people; written people are resolved through the directory. */
export async function pickedPeople(
  pickers: unknown[],
  written: unknown,
  directory: Directory | undefined,
): Promise<Picked> {
  const ids = pickers.flatMap(pickerIds);
  const names: Record<string, string> = {};
  const problems: string[] = [];
  const refs = typeof written === 'string' ? parsePeople(written) : [];
  if (refs.length && !directory) problems.push('现在查不到通讯录，请用选人控件选择');
  else if (refs.length && directory) {
    const people = await resolvePeople(refs, directory);
    for (const ref of refs) {
      const r = people.of(ref);
      if (!r.ok) {
        problems.push(r.problem);
        continue;
      }
      ids.push(r.person.openId);
      names[r.person.openId] = r.person.name;
    }
  }
  return { ids: [...new Set(ids)], names, problems };
}
