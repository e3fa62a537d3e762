import type { EmulatorDepartment, EmulatorUser } from './types.js';

export type UserIdType = 'open_id' | 'user_id' | 'union_id';
export type DeptIdType = 'open_department_id' | 'department_id';

/** The root department's id in every id type. */
export const ROOT_DEPARTMENT = '0';

/** How the contact API writes a mobile: mainland numbers with +86, others as stored (already with +). */
export function canonicalMobile(m: string): string {
  const s = m.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(s)) return `+86${s}`;
  return s;
}

/**
 * The emulated contact directory: people, departments, and what the app may see of them. Feishu shows an app only
 * the people inside its availability (可用范围); the others are absent from every contact answer, as if unknown.
 */
export class Tenant {
  readonly users: EmulatorUser[];
  readonly departments: EmulatorDepartment[];

  constructor(users: EmulatorUser[], departments: EmulatorDepartment[]) {
    this.users = users.map((u) => ({
      ...u,
      ...(u.department_ids ? { department_ids: [...u.department_ids] } : {}),
    }));
    this.departments = departments.map((d) => ({ ...d }));
  }

  /** Whether the app may see (and message) this person. */
  isVisible(u: EmulatorUser): boolean {
    return u.available !== false;
  }

  /** Any user by one of Feishu's user id types, visible or not. */
  findUser(idType: string, id: string): EmulatorUser | undefined {
    switch (idType) {
      case 'open_id':
        return this.users.find((u) => u.open_id === id);
      case 'user_id':
        return this.users.find((u) => u.user_id === id);
      case 'union_id':
        return this.users.find((u) => u.union_id === id);
      default:
        return undefined;
    }
  }

  /** A user the app may see, by id; undefined for unknown and hidden people alike (Feishu does not tell them apart). */
  visibleUser(idType: string, id: string): EmulatorUser | undefined {
    const u = this.findUser(idType, id);
    return u && this.isVisible(u) ? u : undefined;
  }

  /** The visible person with this mobile: mainland numbers match with or without +86; others need + and the code. */
  byMobile(q: string): EmulatorUser | undefined {
    const want = canonicalMobile(q);
    return this.users.find((u) => this.isVisible(u) && u.mobile && canonicalMobile(u.mobile) === want);
  }

  /** The visible person with this e-mail (case does not matter in an address). */
  byEmail(q: string): EmulatorUser | undefined {
    const want = q.trim().toLowerCase();
    return this.users.find((u) => this.isVisible(u) && u.email?.toLowerCase() === want);
  }

  /** A department by its id in the given id type; the root is not a department object. */
  department(idType: DeptIdType, id: string): EmulatorDepartment | undefined {
    return this.departments.find((d) =>
      idType === 'department_id' ? d.department_id === id : d.open_department_id === id,
    );
  }

  /** The departments under `parentOpenId` ('0' = root): direct children, or the whole subtree in pre-order. */
  children(parentOpenId: string, recursive: boolean): EmulatorDepartment[] {
    const out: EmulatorDepartment[] = [];
    // Bounded by the number of departments: a parent cycle in hand-written data cannot loop forever.
    const visit = (parent: string, depth: number): void => {
      if (depth > this.departments.length) return;
      for (const d of this.departments) {
        if (d.parent_department_id !== parent) continue;
        out.push(d);
        if (recursive) visit(d.open_department_id, depth + 1);
      }
    };
    visit(parentOpenId, 0);
    return out;
  }

  /** Visible people directly in a department (not in its sub-departments); '0' = people under the root itself. */
  directMembers(deptOpenId: string): EmulatorUser[] {
    return this.users.filter((u) => {
      if (!this.isVisible(u)) return false;
      const ids = u.department_ids ?? [];
      return deptOpenId === ROOT_DEPARTMENT ? ids.length === 0 : ids.includes(deptOpenId);
    });
  }

  /** A user id in the requested id type. */
  userIdAs(u: EmulatorUser, idType: UserIdType): string {
    return idType === 'user_id' ? u.user_id : idType === 'union_id' ? u.union_id : u.open_id;
  }

  /** A department id (given as open_department_id) in the requested id type. */
  deptIdAs(openId: string, idType: DeptIdType): string {
    if (openId === ROOT_DEPARTMENT || idType === 'open_department_id') return openId;
    return this.department('open_department_id', openId)?.department_id ?? openId;
  }

  /** The user object of contact/v3 as Feishu returns it (the fields the app's scopes give). */
  userObject(u: EmulatorUser, userIdType: UserIdType, deptIdType: DeptIdType): Record<string, unknown> {
    const depts = u.department_ids?.length ? u.department_ids : [ROOT_DEPARTMENT];
    return {
      union_id: u.union_id,
      user_id: u.user_id,
      open_id: u.open_id,
      name: u.name,
      en_name: '',
      nickname: '',
      email: u.email ?? '',
      enterprise_email: '',
      mobile: u.mobile ? canonicalMobile(u.mobile) : '',
      mobile_visible: true,
      gender: 0,
      avatar: {
        avatar_72: '',
        avatar_240: '',
        avatar_640: '',
        avatar_origin: '',
      },
      status: {
        is_frozen: false,
        is_resigned: false,
        is_activated: true,
        is_exited: false,
        is_unjoin: false,
      },
      department_ids: depts.map((d) => this.deptIdAs(d, deptIdType)),
      leader_user_id: this.leaderOf(u, userIdType),
      city: '',
      country: 'CN',
      work_station: '',
      join_time: 1609459200,
      is_tenant_manager: false,
      employee_no: '',
      employee_type: 1,
      job_title: u.job_title ?? '',
      time_zone: 'Asia/Shanghai',
      description: '',
      orders: depts.map((d, i) => ({
        department_id: this.deptIdAs(d, deptIdType),
        user_order: 0,
        department_order: i + 1,
        is_primary_dept: i === 0,
      })),
    };
  }

  /** A department object of contact/v3 as Feishu returns it. */
  departmentObject(
    d: EmulatorDepartment,
    userIdType: UserIdType,
    deptIdType: DeptIdType,
  ): Record<string, unknown> {
    const leader = d.leader_user_id ? this.visibleUser('open_id', d.leader_user_id) : undefined;
    const members = this.directMembers(d.open_department_id).length;
    return {
      name: d.name,
      i18n_name: { zh_cn: d.name, ja_jp: '', en_us: '' },
      parent_department_id: this.deptIdAs(d.parent_department_id, deptIdType),
      department_id: d.department_id,
      open_department_id: d.open_department_id,
      ...(leader ? { leader_user_id: this.userIdAs(leader, userIdType) } : {}),
      chat_id: '',
      order: String((this.departments.indexOf(d) + 1) * 1000),
      unit_ids: [],
      status: { is_deleted: false },
      leaders: leader ? [{ leaderType: 1, leaderID: this.userIdAs(leader, userIdType) }] : [],
      member_count: members,
      primary_member_count: members,
    };
  }

  /** The leader of the person's first department (their manager as the directory has it), if not themselves. */
  private leaderOf(u: EmulatorUser, idType: UserIdType): string {
    const first = u.department_ids?.[0];
    const d = first ? this.department('open_department_id', first) : undefined;
    const leader = d?.leader_user_id ? this.visibleUser('open_id', d.leader_user_id) : undefined;
    return leader && leader.open_id !== u.open_id ? this.userIdAs(leader, idType) : '';
  }
}
