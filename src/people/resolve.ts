/**
 * Turns people as an admin wrote them (person-ref.ts) into the tenant's people, through the `Directory` port.
 * Never guesses: a ref that matches no one, or several people, or whose name disagrees with its identifier, gets
 * a Chinese sentence telling the admin what to write instead.
 */
import type { Directory, DirectoryPerson } from './directory.js';
import { nameKey, refKey, type PersonRef } from './person-ref.js';

/** A person a ref resolved to, with the display name colleagues know them by. */
export interface ResolvedPerson {
  openId: string;
  name: string;
}

export type Resolution = { ok: true; person: ResolvedPerson } | { ok: false; problem: string };

/** The outcome for every ref given to resolvePeople. */
export interface Resolutions {
  /** the person or the problem of a ref that was resolved (throws for a ref that was not given) */
  of(ref: PersonRef): Resolution;
}

/** contact/v3/users/batch_get_id takes at most 50 mobiles and 50 e-mails per call (feishu-brief.md §11). */
export const CONTACT_BATCH = 50;
/**
 * Up to this many people are named with one `person()` call each; beyond it one `people()` walk of the
 * directory is cheaper. A sheet naming anyone by name walks the directory anyway.
 */
const SINGLE_LOOKUPS = 20;
/** The department tree is walked only to name ambiguous people's departments; a bound keeps it cheap. */
const MAX_DEPARTMENTS = 1000;

const OUTSIDE_RANGE =
  '可能写错了，或者此人不在年报助手的可用范围内（请在飞书管理后台把他加入应用的可用范围）';

/** Resolves each distinct ref once: mobiles and e-mails in batches, names against the directory, open_ids one by one. */
export async function resolvePeople(refs: Iterable<PersonRef>, directory: Directory): Promise<Resolutions> {
  const distinct = new Map<string, PersonRef>();
  for (const ref of refs) if (!distinct.has(refKey(ref))) distinct.set(refKey(ref), ref);
  const all = [...distinct.values()];

  const mobiles = unique(all.flatMap((r) => (r.kind === 'mobile' ? [r.mobile] : [])));
  const emails = unique(all.flatMap((r) => (r.kind === 'email' ? [r.email] : [])));
  const byMobile = new Map<string, string>();
  const byEmail = new Map<string, string>();
  const calls = Math.max(Math.ceil(mobiles.length / CONTACT_BATCH), Math.ceil(emails.length / CONTACT_BATCH));
  for (let i = 0; i < calls; i++) {
    const found = await directory.idsByContact({
      mobiles: mobiles.slice(i * CONTACT_BATCH, (i + 1) * CONTACT_BATCH),
      emails: emails.slice(i * CONTACT_BATCH, (i + 1) * CONTACT_BATCH),
    });
    for (const [k, v] of found.mobiles) byMobile.set(k, v);
    for (const [k, v] of found.emails) byEmail.set(k, v);
  }

  const idOf = (ref: PersonRef): string | undefined =>
    ref.kind === 'mobile'
      ? byMobile.get(ref.mobile)
      : ref.kind === 'email'
        ? byEmail.get(ref.email)
        : ref.kind === 'openId'
          ? ref.openId
          : undefined;
  const toName = unique(all.flatMap((r) => idOf(r) ?? []));
  const hasNames = all.some((r) => r.kind === 'name');
  const people = hasNames || toName.length > SINGLE_LOOKUPS ? await directory.people() : [];
  const known = new Map(people.map((p) => [p.openId, p]));
  for (const openId of toName)
    if (!known.has(openId)) {
      const p = await directory.person(openId);
      if (p) known.set(openId, p);
    }

  const namesakes = new Map<string, DirectoryPerson[]>();
  for (const p of people) namesakes.set(nameKey(p.name), [...(namesakes.get(nameKey(p.name)) ?? []), p]);
  const ambiguous = all.flatMap((r) => (r.kind === 'name' ? [namesakes.get(nameKey(r.name)) ?? []] : []));
  const departmentNames = await namesOfDepartments(
    directory,
    ambiguous.filter((ps) => ps.length > 1).flatMap((ps) => ps.flatMap((p) => p.departmentIds.slice(0, 1))),
  );

  const results = new Map<string, Resolution>();
  for (const [key, ref] of distinct)
    results.set(key, settle(ref, idOf(ref), known, namesakes, departmentNames));
  return {
    of(ref) {
      const r = results.get(refKey(ref));
      if (!r) throw new Error(`resolvePeople was not given ${refKey(ref)}`);
      return r;
    },
  };
}

function settle(
  ref: PersonRef,
  openId: string | undefined,
  known: Map<string, DirectoryPerson>,
  namesakes: Map<string, DirectoryPerson[]>,
  departmentNames: Map<string, string>,
): Resolution {
  switch (ref.kind) {
    case 'invalid':
      return { ok: false, problem: ref.problem };
    case 'name': {
      const matches = namesakes.get(nameKey(ref.name)) ?? [];
      if (matches.length === 1) return found(matches[0].openId, matches[0].name);
      if (matches.length > 1)
        return { ok: false, problem: ambiguousName(ref.name, matches, departmentNames) };
      return { ok: false, problem: unknownName(ref.name) };
    }
    default: {
      const [word, value] =
        ref.kind === 'mobile'
          ? ['手机号', ref.mobile]
          : ref.kind === 'email'
            ? ['邮箱', ref.email]
            : ['open_id', ref.openId];
      const label = `${word} ${value}`;
      const person = openId ? known.get(openId) : undefined;
      // batch_get_id may answer an id whose details the app may not read (its 通讯录权限范围): keep the id.
      if (!openId || (ref.kind === 'openId' && !person))
        return { ok: false, problem: `${label} 没有找到：${OUTSIDE_RANGE}` };
      if (person && ref.name !== undefined && nameKey(person.name) !== nameKey(ref.name))
        return {
          ok: false,
          problem: `「${ref.text}」：${label} 是「${person.name}」的，不是「${ref.name}」：请核对${word}或姓名`,
        };
      return found(openId, person?.name ?? ref.name ?? ref.text);
    }
  }
}

function found(openId: string, name: string): Resolution {
  return { ok: true, person: { openId, name } };
}

function unknownName(name: string): string {
  const hint = /[(（]/.test(name)
    ? '；括号里应是此人的手机号或邮箱，例如「张敏（13800000001）」，备注请删掉'
    : /\s/.test(name)
      ? `；如果「${name}」是两个人，请用「、」隔开`
      : '';
  return (
    `找不到叫「${name}」的同事：请核对姓名与飞书里显示的是否一致，或改写成手机号或邮箱；` +
    `如果此人不在年报助手的可用范围内，请在飞书管理后台把他加入应用的可用范围${hint}`
  );
}

function ambiguousName(
  name: string,
  matches: DirectoryPerson[],
  departmentNames: Map<string, string>,
): string {
  const each = matches.map((p) => departmentNames.get(p.departmentIds[0] ?? ''));
  const named = unique(each.filter((d): d is string => d !== undefined));
  const where =
    named.length === 0
      ? ''
      : named.length === 1 && each.every((d) => d === named[0])
        ? `（都在${named[0]}）`
        : `（${named.join('、')}）`;
  return `有 ${matches.length} 位同事叫「${name}」${where}，请改写成手机号或邮箱，例如「${name}（138…）」`;
}

/** Names of these departments, found by walking the tree from the root until all are seen (bounded). */
async function namesOfDepartments(directory: Directory, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const wanted = new Set(ids);
  if (wanted.size === 0) return names;
  const queue = ['0'];
  let seen = 0;
  while (queue.length > 0 && seen < MAX_DEPARTMENTS && [...wanted].some((id) => !names.has(id))) {
    const children = await directory.departments(queue.shift());
    for (const d of children) {
      seen++;
      names.set(d.id, d.name);
      queue.push(d.id);
    }
  }
  return names;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
