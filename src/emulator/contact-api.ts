// contact/v3 as the bot calls it: users by mobile or e-mail, the department tree, a department's people, one user.
// Everything answers only with people inside the app's availability; the others are absent, never an error.
import type { Tenant, DeptIdType, UserIdType } from './tenant.js';
import { ROOT_DEPARTMENT } from './tenant.js';
import { fail, ok, type ApiResult } from './api-result.js';
import { paginate } from './paging.js';

type Query = Record<string, unknown>;

// Feishu: at most 50 e-mails and 50 mobiles per batch_get_id call; list pages of at most 50 (default 10).
const BATCH_MAX = 50;
const PAGE_MAX = 50;
const PAGE_DEFAULT = 10;

function userIdType(q: Query): UserIdType | { error: ApiResult } {
  const t = q.user_id_type ?? 'open_id';
  if (t === 'open_id' || t === 'user_id' || t === 'union_id') return t;
  return {
    error: fail(99992402, 'field validation failed: user_id_type must be open_id, user_id or union_id'),
  };
}

function deptIdType(q: Query): DeptIdType | { error: ApiResult } {
  const t = q.department_id_type ?? 'open_department_id';
  if (t === 'open_department_id' || t === 'department_id') return t;
  return {
    error: fail(
      99992402,
      'field validation failed: department_id_type must be open_department_id or department_id',
    ),
  };
}

const strings = (v: unknown): string[] | null =>
  v === undefined || v === null ? [] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;

const noDept = (): ApiResult => fail(40004, 'no dept authority error');

/** Resolves a department id of the request to the open_department_id ('0' stays the root). */
function deptOpenId(tenant: Tenant, id: string, type: DeptIdType): string | null {
  if (id === ROOT_DEPARTMENT) return ROOT_DEPARTMENT;
  return tenant.department(type, id)?.open_department_id ?? null;
}

/** POST /open-apis/contact/v3/users/batch_get_id?user_id_type=… {emails, mobiles, include_resigned} */
export function batchGetId(tenant: Tenant, q: Query, body: Record<string, unknown>): ApiResult {
  const idType = userIdType(q);
  if (typeof idType === 'object') return idType.error;
  const emails = strings(body.emails);
  const mobiles = strings(body.mobiles);
  if (!emails || !mobiles) {
    return fail(99992402, 'field validation failed: emails and mobiles must be arrays of strings');
  }
  if (emails.length > BATCH_MAX || mobiles.length > BATCH_MAX) {
    return fail(
      99992402,
      `field validation failed: at most ${BATCH_MAX} emails and ${BATCH_MAX} mobiles per call`,
    );
  }
  const status = {
    is_frozen: false,
    is_resigned: false,
    is_activated: true,
    is_exited: false,
    is_unjoin: false,
  };
  // One entry per queried address or number, in order; the ones Feishu cannot show the app carry no user_id.
  const userList = [
    ...emails.map((email) => {
      const u = tenant.byEmail(email);
      return u ? { user_id: tenant.userIdAs(u, idType), email, status } : { email };
    }),
    ...mobiles.map((mobile) => {
      const u = tenant.byMobile(mobile);
      return u ? { user_id: tenant.userIdAs(u, idType), mobile, status } : { mobile };
    }),
  ];
  return ok({ user_list: userList });
}

/** GET /open-apis/contact/v3/departments/:department_id/children?fetch_child&page_size&page_token&… */
export function departmentChildren(tenant: Tenant, id: string, q: Query): ApiResult {
  const uType = userIdType(q);
  if (typeof uType === 'object') return uType.error;
  const dType = deptIdType(q);
  if (typeof dType === 'object') return dType.error;
  const parent = deptOpenId(tenant, id, dType);
  if (parent === null) return noDept();
  const all = tenant.children(parent, q.fetch_child === 'true' || q.fetch_child === true);
  const page = paginate(all, q, {
    list: `children:${parent}:${String(q.fetch_child)}`,
    def: PAGE_DEFAULT,
    max: PAGE_MAX,
  });
  if ('error' in page) return page.error;
  return ok({ ...page, items: page.items.map((d) => tenant.departmentObject(d, uType, dType)) });
}

/** GET /open-apis/contact/v3/departments/:department_id */
export function getDepartment(tenant: Tenant, id: string, q: Query): ApiResult {
  const uType = userIdType(q);
  if (typeof uType === 'object') return uType.error;
  const dType = deptIdType(q);
  if (typeof dType === 'object') return dType.error;
  const d = tenant.department(dType, id);
  if (!d) return noDept();
  return ok({ department: tenant.departmentObject(d, uType, dType) });
}

/** GET /open-apis/contact/v3/users/find_by_department?department_id=…&page_size&page_token&… */
export function findByDepartment(tenant: Tenant, q: Query): ApiResult {
  const uType = userIdType(q);
  if (typeof uType === 'object') return uType.error;
  const dType = deptIdType(q);
  if (typeof dType === 'object') return dType.error;
  if (typeof q.department_id !== 'string' || !q.department_id) {
    return fail(99992402, 'field validation failed: department_id is required');
  }
  const dept = deptOpenId(tenant, q.department_id, dType);
  if (dept === null) return noDept();
  const page = paginate(tenant.directMembers(dept), q, {
    list: `members:${dept}`,
    def: PAGE_DEFAULT,
    max: PAGE_MAX,
  });
  if ('error' in page) return page.error;
  return ok({ ...page, items: page.items.map((u) => tenant.userObject(u, uType, dType)) });
}

/** GET /open-apis/contact/v3/users/:user_id?user_id_type=…: unknown and hidden people alike are 41050. */
export function getUser(tenant: Tenant, id: string, q: Query): ApiResult {
  const uType = userIdType(q);
  if (typeof uType === 'object') return uType.error;
  const dType = deptIdType(q);
  if (typeof dType === 'object') return dType.error;
  const u = tenant.visibleUser(uType, id);
  if (!u) return fail(41050, 'no user authority error');
  return ok({ user: tenant.userObject(u, uType, dType) });
}
