/**
 * The people ports of the domain (src/people/directory.ts) over the Feishu Open API, with the real SDK client:
 * contact/v3 for the directory, im/v1/chats for groups, im/v1 message resources for files people send the bot.
 * Every failure becomes a FeishuCallError (src/feishu/errors.ts) that says whether a retry may help.
 */
import { normalizeMobile } from '../people/person-ref.js';
import type { Readable } from 'node:stream';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../logger.js';
import type {
  Department,
  Directory,
  DirectoryPerson,
  GroupChats,
  MessageFiles,
} from '../people/directory.js';
import { FeishuCallError, checkBody, classifyFailure } from './errors.js';

// Feishu: batch_get_id takes at most 50 e-mails and 50 mobiles per call; contact lists give at most 50 per page,
// chat member lists 100; a create or an add takes at most 50 users.
const BATCH_MAX = 50;
const CONTACT_PAGE = 50;
const MEMBER_PAGE = 100;
const CHAT_IDS_MAX = 50;
// Every list is read to its end, but never beyond this many pages: 50 × 200 = 10,000 departments or people per
// list, far beyond a county or a city, and a server that kept answering has_more cannot hold the bot forever.
const MAX_PAGES = 200;
/**
 * How long people() reuses its walk of the directory. A county's directory is small (a few hundred people in a
 * few dozen departments: one call per department page) and changes rarely, while an admin resolving a
 * spreadsheet asks for it row after row; a few minutes keep a new colleague from waiting long to be found.
 */
export const PEOPLE_CACHE_MS = 5 * 60 * 1000;
// Feishu downloads resources up to 100 MB; beyond that the bytes would not fit a sensible bot's memory anyway.
const DOWNLOAD_MAX_BYTES = 100 * 1024 * 1024;
// contact/v3 answers these for a person the app may not see (or who does not exist): not an outage.
const NOT_VISIBLE_CODES = new Set([41050, 40010, 40013]);

/** Runs an SDK call; whatever it throws becomes a FeishuCallError (the error body read even from a stream). */
async function call<T>(what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof FeishuCallError) throw e;
    throw classifyFailure(what, await withReadBody(e));
  }
}

/**
 * A download asks axios for a stream, so an error answer's `{code,msg}` arrives as a stream too; read it (it is
 * a small JSON body) so classifyFailure sees Feishu's code.
 */
async function withReadBody(e: unknown): Promise<unknown> {
  const res = (e as { response?: { data?: unknown } })?.response;
  const data = res?.data as Readable | undefined;
  if (!data || typeof (data as Readable).pipe !== 'function') return e;
  try {
    const text = (await readAll(data, 64 * 1024)).toString('utf8');
    res!.data = JSON.parse(text);
  } catch {
    res!.data = undefined;
  }
  return e;
}

/** Reads a stream into memory, refusing more than `max` bytes. */
async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > max) {
      stream.destroy();
      throw new FeishuCallError(`download larger than ${max} bytes`, { retryable: false });
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Reads every page of a Feishu list (following page_token), bounded by MAX_PAGES. */
async function allPages<T>(
  what: string,
  page: (token: string | undefined) => Promise<{
    code?: number;
    msg?: string;
    data?: { items?: T[]; has_more?: boolean; page_token?: string };
  }>,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const r = await call(what, () => page(token));
    checkBody(what, r);
    out.push(...(r.data?.items ?? []));
    if (!r.data?.has_more || !r.data.page_token) return out;
    token = r.data.page_token;
  }
  throw new FeishuCallError(`${what}: more than ${MAX_PAGES} pages`, { retryable: false });
}

const chunks = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** The contact API's mobile in the port's form: mainland as 11 digits, others as Feishu gives them. */
const portMobile = (m: string | undefined): string | undefined => (m ? (normalizeMobile(m) ?? m) : undefined);

type ContactUser = {
  open_id?: string;
  name: string;
  mobile?: string;
  email?: string;
  department_ids?: string[];
};

const toPerson = (u: ContactUser): DirectoryPerson => ({
  openId: u.open_id ?? '',
  name: u.name,
  ...(portMobile(u.mobile) ? { mobile: portMobile(u.mobile) } : {}),
  ...(u.email ? { email: u.email } : {}),
  departmentIds: u.department_ids ?? [],
});

/** The contact directory as the app sees it (only people inside its availability); `now` is for tests. */
export function createDirectory(client: lark.Client, log: Logger, o: { now?: () => number } = {}): Directory {
  const clock = o.now ?? Date.now;
  let cached: { at: number; people: Promise<DirectoryPerson[]> } | undefined;

  const children = (parentId: string, fetchChild: boolean): Promise<Department[]> =>
    allPages('contact.department.children', (token) =>
      client.contact.v3.department.children({
        path: { department_id: parentId },
        params: {
          user_id_type: 'open_id',
          department_id_type: 'open_department_id',
          fetch_child: fetchChild,
          page_size: CONTACT_PAGE,
          ...(token ? { page_token: token } : {}),
        },
      }),
    ).then((items) =>
      items.map((d) => ({
        id: d.open_department_id ?? '',
        name: d.name,
        parentId: d.parent_department_id,
        ...(d.leader_user_id ? { leaderOpenId: d.leader_user_id } : {}),
      })),
    );

  const membersOf = (departmentId: string): Promise<ContactUser[]> =>
    allPages('contact.user.findByDepartment', (token) =>
      client.contact.v3.user.findByDepartment({
        params: {
          department_id: departmentId,
          user_id_type: 'open_id',
          department_id_type: 'open_department_id',
          page_size: CONTACT_PAGE,
          ...(token ? { page_token: token } : {}),
        },
      }),
    );

  /** Walks the whole tree: every department (one listing with fetch_child), then each one's direct members. */
  const walk = async (): Promise<DirectoryPerson[]> => {
    const depts = await children('0', true);
    const byId = new Map<string, DirectoryPerson>();
    // Sequential on purpose: a few dozen small calls, well inside Feishu's 50/s, and no burst against the limit.
    for (const id of ['0', ...depts.map((d) => d.id)]) {
      for (const u of await membersOf(id)) {
        if (!u.open_id) continue;
        const known = byId.get(u.open_id);
        // A person in two departments is listed under both; they are one person with both departments.
        if (known) known.departmentIds = [...new Set([...known.departmentIds, ...(u.department_ids ?? [])])];
        else byId.set(u.open_id, toPerson(u));
      }
    }
    log.info({ departments: depts.length, people: byId.size }, 'contact directory read');
    return [...byId.values()];
  };

  return {
    async idsByContact(q) {
      const mobiles = new Map<string, string>();
      const emails = new Map<string, string>();
      // What was asked, by the form sent: several spellings of one number all get its answer.
      const askedMobiles = new Map<string, string[]>();
      for (const m of q.mobiles) {
        // A number that is no mobile is asked as written: Feishu then simply finds nobody.
        const n = normalizeMobile(m) ?? m.trim();
        if (n) askedMobiles.set(n, [...(askedMobiles.get(n) ?? []), m]);
      }
      const askedEmails = new Map<string, string[]>();
      for (const e of q.emails) {
        const n = e.trim().toLowerCase();
        if (n) askedEmails.set(n, [...(askedEmails.get(n) ?? []), e]);
      }
      const mobileChunks = chunks([...askedMobiles.keys()], BATCH_MAX);
      const emailChunks = chunks([...askedEmails.keys()], BATCH_MAX);
      // One call carries up to 50 of each, so the longer list decides the number of calls.
      for (let i = 0; i < Math.max(mobileChunks.length, emailChunks.length); i++) {
        const r = await call('contact.user.batchGetId', () =>
          client.contact.v3.user.batchGetId({
            params: { user_id_type: 'open_id' },
            data: { mobiles: mobileChunks[i] ?? [], emails: emailChunks[i] ?? [], include_resigned: false },
          }),
        );
        checkBody('contact.user.batchGetId', r);
        for (const hit of r.data?.user_list ?? []) {
          if (!hit.user_id) continue; // unknown, or outside the app's availability: absent, as Feishu means it
          if (hit.mobile !== undefined) {
            const asked =
              askedMobiles.get(normalizeMobile(hit.mobile) ?? hit.mobile) ??
              askedMobiles.get(hit.mobile) ??
              [];
            for (const a of asked) mobiles.set(a, hit.user_id);
          }
          if (hit.email !== undefined) {
            for (const a of askedEmails.get(hit.email.trim().toLowerCase()) ?? []) emails.set(a, hit.user_id);
          }
        }
      }
      return { mobiles, emails };
    },

    people() {
      const now = clock();
      if (!cached || now - cached.at > PEOPLE_CACHE_MS) {
        const people = walk();
        cached = { at: now, people };
        // A failed walk is not kept: the next ask tries again instead of repeating the failure for minutes.
        people.catch(() => {
          if (cached?.people === people) cached = undefined;
        });
      }
      return cached.people.then((list) => list.map((p) => ({ ...p, departmentIds: [...p.departmentIds] })));
    },

    departments(parentId = '0') {
      return children(parentId, false);
    },

    async person(openId) {
      try {
        const r = await call('contact.user.get', () =>
          client.contact.v3.user.get({
            path: { user_id: openId },
            params: { user_id_type: 'open_id', department_id_type: 'open_department_id' },
          }),
        );
        checkBody('contact.user.get', r);
        const u = r.data?.user;
        return u?.open_id ? toPerson(u as ContactUser) : undefined;
      } catch (e) {
        if (e instanceof FeishuCallError && e.code !== undefined && NOT_VISIBLE_CODES.has(e.code))
          return undefined;
        throw e;
      }
    },
  };
}

/** Group chats the bot creates and fills (im/v1/chats), the bot being their owner. */
export function createGroupChats(client: lark.Client, log?: Logger): GroupChats {
  const addMembers = async (chatId: string, members: string[]): Promise<void> => {
    for (const part of chunks([...new Set(members)], CHAT_IDS_MAX)) {
      const r = await call('im.chatMembers.create', () =>
        client.im.v1.chatMembers.create({
          path: { chat_id: chatId },
          // succeed_type 1: everyone the app may add is added even if one id is not (that one is listed).
          params: { member_id_type: 'open_id', succeed_type: 1 },
          data: { id_list: part },
        }),
      );
      checkBody('im.chatMembers.create', r);
      const refused = [...(r.data?.invalid_id_list ?? []), ...(r.data?.not_existed_id_list ?? [])];
      if (refused.length) log?.warn({ chatId, refused }, 'some people could not be added to the group');
    }
  };
  return {
    async create(g) {
      const r = await call('im.chat.create', () =>
        client.im.v1.chat.create({
          params: { user_id_type: 'open_id', uuid: g.uuid },
          // The group starts with the bot alone; people follow through addMembers, which skips (and logs)
          // anyone the app may not add instead of failing the whole group for one person.
          data: { name: g.name, chat_mode: 'group', chat_type: 'private' },
        }),
      );
      checkBody('im.chat.create', r);
      const chatId = r.data?.chat_id;
      if (!chatId) throw new FeishuCallError('im.chat.create returned no chat_id', { retryable: true });
      if (g.members.length) await addMembers(chatId, g.members);
      return { chatId };
    },
    addMembers,
    async members(chatId) {
      const items = await allPages('im.chatMembers.get', (token) =>
        client.im.v1.chatMembers.get({
          path: { chat_id: chatId },
          params: {
            member_id_type: 'open_id',
            page_size: MEMBER_PAGE,
            ...(token ? { page_token: token } : {}),
          },
        }),
      );
      return items.map((m) => m.member_id ?? '').filter(Boolean);
    },
  };
}

/** Files people send the bot, fetched from the message they came in. */
export function createMessageFiles(client: lark.Client): MessageFiles {
  return {
    download: (messageId, fileKey) =>
      call('im.messageResource.get', async () => {
        const r = await client.im.v1.messageResource.get({
          path: { message_id: messageId, file_key: fileKey },
          params: { type: 'file' },
        });
        return readAll(r.getReadableStream(), DOWNLOAD_MAX_BYTES);
      }),
  };
}
