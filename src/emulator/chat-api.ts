// im/v1/chats as the bot calls it: create a group (the bot is its owner), add members, list members.
import type { EmulatorState, GroupChat } from './state.js';
import type { EmulatorUser } from './types.js';
import { fail, ok, type ApiResult } from './api-result.js';
import { paginate } from './paging.js';
import { newChatId } from './ids.js';
import { DEMO_TENANT_KEY } from './demo-tenant.js';

type Query = Record<string, unknown>;

// Feishu: a create invites at most 50 users, an add at most 50 ids; member pages hold at most 100 (default 20).
const IDS_MAX = 50;
const MEMBER_PAGE_MAX = 100;
const MEMBER_PAGE_DEFAULT = 20;
const NAME_MAX = 60;

const notInChat = (): ApiResult => fail(232011, 'Operator can NOT be out of the chat.');
const noChat = (): ApiResult => fail(232010, 'Chat not found or chat has been disbanded.');
const noVisibility = (ids: string[]): ApiResult =>
  fail(232024, `Users do not have the visibility to the app, or the ids are invalid: ${ids.join(', ')}`);

function idType(v: unknown, name: string): 'open_id' | 'user_id' | 'union_id' | { error: ApiResult } {
  const t = v ?? 'open_id';
  if (t === 'open_id' || t === 'user_id' || t === 'union_id') return t;
  return { error: fail(99992402, `field validation failed: ${name} must be open_id, user_id or union_id`) };
}

/** Splits ids into the people the app may put in a group and the ones it may not (unknown or hidden alike). */
function resolve(
  state: EmulatorState,
  type: string,
  ids: string[],
): { users: EmulatorUser[]; invalid: string[] } {
  const users: EmulatorUser[] = [];
  const invalid: string[] = [];
  for (const id of ids) {
    const u = state.tenant.visibleUser(type, id);
    if (u) users.push(u);
    else invalid.push(id);
  }
  return { users, invalid };
}

const stringArray = (v: unknown): string[] | null =>
  v === undefined ? [] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;

/** The chat object create answers with. */
function chatData(g: GroupChat): Record<string, unknown> {
  return {
    chat_id: g.chat_id,
    avatar: '',
    name: g.name,
    description: g.description,
    i18n_names: { zh_cn: g.name, en_us: '', ja_jp: '' },
    owner_id: g.owner.id,
    owner_id_type: g.owner.type,
    urgent_setting: 'all_members',
    video_conference_setting: 'all_members',
    pin_manage_setting: 'all_members',
    add_member_permission: 'all_members',
    share_card_permission: 'allowed',
    at_all_permission: 'all_members',
    edit_permission: 'all_members',
    group_message_type: 'chat',
    chat_mode: 'group',
    chat_type: 'private',
    chat_tag: 'inner',
    external: false,
    tenant_key: DEMO_TENANT_KEY,
    join_message_visibility: 'all_members',
    leave_message_visibility: 'all_members',
    membership_approval: 'no_approval_required',
    moderation_permission: 'all_members',
    labels: [],
    toolkit_ids: [],
    restricted_mode_setting: {
      status: false,
      screenshot_has_permission_setting: 'all_members',
      download_has_permission_setting: 'all_members',
      message_has_permission_setting: 'all_members',
    },
    hide_member_count_setting: 'all_members',
  };
}

/**
 * POST /open-apis/im/v1/chats?user_id_type&uuid: the bot creates a group and owns it unless owner_id names a
 * user. The same uuid within 10 hours answers the group made the first time instead of making another.
 */
export function createChat(
  state: EmulatorState,
  appId: string,
  q: Query,
  body: Record<string, unknown>,
): ApiResult {
  const type = idType(q.user_id_type, 'user_id_type');
  if (typeof type === 'object') return type.error;
  const uuid = typeof q.uuid === 'string' && q.uuid ? q.uuid : undefined;
  if (uuid) {
    const prior = state.findChatUuid(uuid);
    if (prior) return ok(chatData(prior));
  }
  const ids = stringArray(body.user_id_list);
  if (!ids) return fail(99992402, 'field validation failed: user_id_list must be an array of strings');
  if (ids.length > IDS_MAX)
    return fail(99992402, `field validation failed: user_id_list holds at most ${IDS_MAX} ids`);
  const name = body.name === undefined ? '' : body.name;
  if (typeof name !== 'string' || [...name].length > NAME_MAX) {
    return fail(99992402, `field validation failed: name must be a string of at most ${NAME_MAX} characters`);
  }
  const { users, invalid } = resolve(state, type, ids);
  if (invalid.length) return noVisibility(invalid);
  let owner: GroupChat['owner'] = { type: 'app_id', id: appId };
  if (typeof body.owner_id === 'string' && body.owner_id) {
    const o = state.tenant.visibleUser(type, body.owner_id);
    if (!o) return noVisibility([body.owner_id]);
    owner = { type: 'open_id', id: o.open_id };
    if (!users.includes(o)) users.unshift(o);
  }
  const g = state.addGroup(
    {
      chat_id: newChatId(),
      name: name || '群聊',
      description: typeof body.description === 'string' ? body.description : '',
      owner,
      members: [...new Set(users.map((u) => u.open_id))],
      botIn: true,
      create_time: state.now(),
    },
    uuid,
  );
  return ok(chatData(g));
}

/**
 * POST /open-apis/im/v1/chats/:chat_id/members?member_id_type&succeed_type {id_list}. succeed_type 0/2: an id the
 * app may not add fails the whole call; 1: the others are added and the bad ones listed.
 */
export function addMembers(
  state: EmulatorState,
  chatId: string,
  q: Query,
  body: Record<string, unknown>,
): ApiResult {
  const g = state.getGroup(chatId);
  if (!g) return noChat();
  if (!g.botIn) return notInChat();
  const type = idType(q.member_id_type, 'member_id_type');
  if (typeof type === 'object') return type.error;
  const ids = stringArray(body.id_list);
  if (!ids || ids.length === 0)
    return fail(99992402, 'field validation failed: id_list must be a non-empty array');
  if (ids.length > IDS_MAX)
    return fail(99992402, `field validation failed: id_list holds at most ${IDS_MAX} ids`);
  const succeedType = Number(q.succeed_type ?? 0);
  const { users, invalid } = resolve(state, type, ids);
  if (invalid.length && succeedType !== 1) return noVisibility(invalid);
  for (const u of users) if (!g.members.includes(u.open_id)) g.members.push(u.open_id);
  return ok({ invalid_id_list: [], not_existed_id_list: invalid, pending_approval_id_list: [] });
}

/** GET /open-apis/im/v1/chats/:chat_id/members?member_id_type&page_size&page_token: users only, no bots. */
export function listMembers(state: EmulatorState, chatId: string, q: Query): ApiResult {
  const g = state.getGroup(chatId);
  if (!g) return noChat();
  if (!g.botIn) return notInChat();
  const type = idType(q.member_id_type, 'member_id_type');
  if (typeof type === 'object') return type.error;
  const page = paginate(g.members, q, {
    list: `chat:${chatId}`,
    def: MEMBER_PAGE_DEFAULT,
    max: MEMBER_PAGE_MAX,
  });
  if ('error' in page) return page.error;
  return ok({
    ...page,
    items: page.items.map((openId) => {
      const u = state.tenant.findUser('open_id', openId)!;
      return {
        member_id_type: type,
        member_id: state.tenant.userIdAs(u, type),
        name: u.name,
        tenant_key: DEMO_TENANT_KEY,
      };
    }),
    member_total: g.members.length,
  });
}
