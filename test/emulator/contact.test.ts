// contact/v3 of the emulator through the real SDK, over the demo county's directory.
import {
  startEmulator,
  DEMO,
  DEMO_DEPARTMENTS,
  DEMO_DIRECTORY_USERS,
  type Emulator,
} from '../../src/emulator/index.js';
import { APP_ID, APP_SECRET, VERIFICATION_TOKEN, feishuError, sdkClient } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ appId: APP_ID, appSecret: APP_SECRET, verificationToken: VERIFICATION_TOKEN });
});
afterAll(async () => {
  await emu.close();
});

const person = (name: string) => {
  const hits = DEMO_DIRECTORY_USERS.filter((u) => u.name === name);
  if (hits.length !== 1) throw new Error(`${name}: ${hits.length} people`);
  return hits[0];
};
const hidden = () => DEMO_DIRECTORY_USERS.find((u) => u.available === false)!;
const dept = (name: string) => DEMO_DEPARTMENTS.find((d) => d.name === name)!;

describe('the demo county directory', () => {
  test('has ~30 departments each with a leader and a clerk, DEMO in 县政府办公室, a shared name, one hidden person', () => {
    const top = DEMO_DEPARTMENTS.filter((d) => d.parent_department_id === '0');
    expect(top.length).toBe(30);
    for (const d of DEMO_DEPARTMENTS) {
      const members = DEMO_DIRECTORY_USERS.filter((u) => u.department_ids?.includes(d.open_department_id));
      expect(members.length).toBeGreaterThanOrEqual(2);
      expect(members.map((u) => u.open_id)).toContain(d.leader_user_id);
    }
    expect(DEMO_DIRECTORY_USERS.slice(0, 4).map((u) => u.open_id)).toEqual(
      [DEMO.filler, DEMO.filler2, DEMO.approver, DEMO.admin].map((u) => u.open_id),
    );
    expect(dept('县政府办公室').leader_user_id).toBe(DEMO.approver.open_id);
    const office = dept('县政府办公室').open_department_id;
    expect(person('张敏').department_ids).toEqual([office]);
    expect(person('李强').department_ids).toEqual([office]);
    expect(dept('政务公开办').parent_department_id).toBe(office);
    expect(person('赵磊').department_ids).toEqual([dept('政务公开办').open_department_id]);
    expect(DEMO_DIRECTORY_USERS.filter((u) => u.name === '刘洋')).toHaveLength(2);
    expect(DEMO_DIRECTORY_USERS.filter((u) => u.available === false).map((u) => u.name)).toEqual(['陈静']);
    for (const u of DEMO_DIRECTORY_USERS) {
      expect(u.mobile).toMatch(/^(1\d{10}|\+\d{8,15})$/);
      expect(u.email).toMatch(/^[a-z0-9]+@yunxi\.gov\.cn$/);
    }
    expect(new Set(DEMO_DIRECTORY_USERS.map((u) => u.mobile)).size).toBe(DEMO_DIRECTORY_USERS.length);
  });
});

describe('contact/v3/users/batch_get_id', () => {
  test('finds people by mobile (with or without +86) and by e-mail; unknown and hidden ones come back without an id', async () => {
    const client = sdkClient(emu.url);
    const zhang = person('张敏');
    const ho = person('何嘉欣');
    const r = await client.contact.v3.user.batchGetId({
      params: { user_id_type: 'open_id' },
      data: {
        mobiles: [zhang.mobile!, `+86${person('王芳').mobile}`, '13900000000', hidden().mobile!, ho.mobile!],
        emails: ['ZhaoLei@yunxi.gov.cn', 'nobody@yunxi.gov.cn', hidden().email!],
        include_resigned: false,
      },
    });
    expect(r.code).toBe(0);
    const list = r.data!.user_list!;
    expect(list).toHaveLength(8);
    const byMobile = new Map(list.filter((x) => x.mobile).map((x) => [x.mobile, x.user_id]));
    const byEmail = new Map(list.filter((x) => x.email).map((x) => [x.email, x.user_id]));
    expect(byMobile.get(zhang.mobile)).toBe(DEMO.filler.open_id);
    expect(byMobile.get(`+86${person('王芳').mobile}`)).toBe(DEMO.approver.open_id);
    expect(byMobile.get(ho.mobile)).toBe(ho.open_id);
    expect(byMobile.get('13900000000')).toBeUndefined();
    expect(byMobile.get(hidden().mobile)).toBeUndefined();
    expect(byEmail.get('ZhaoLei@yunxi.gov.cn')).toBe(DEMO.admin.open_id);
    expect(byEmail.get('nobody@yunxi.gov.cn')).toBeUndefined();
    expect(byEmail.get(hidden().email)).toBeUndefined();
    expect(list.find((x) => x.user_id === DEMO.filler.open_id)?.status?.is_resigned).toBe(false);
  });

  test('answers in the id type asked for; a Hong Kong number without + and its country code is not found', async () => {
    const client = sdkClient(emu.url);
    const r = await client.contact.v3.user.batchGetId({
      params: { user_id_type: 'user_id' },
      data: { mobiles: [person('李强').mobile!, person('何嘉欣').mobile!.slice(4)] },
    });
    expect(r.data!.user_list!.map((x) => x.user_id)).toEqual([DEMO.filler2.user_id, undefined]);
  });

  test('more than 50 mobiles or 50 e-mails in one call is refused', async () => {
    const client = sdkClient(emu.url);
    const mobiles = DEMO_DIRECTORY_USERS.slice(0, 51).map((u) => u.mobile!);
    expect(mobiles).toHaveLength(51);
    const err = await feishuError(client.contact.v3.user.batchGetId({ data: { mobiles } }));
    expect(err).toMatchObject({ status: 400, code: 99992402 });
    expect(err.msg).toContain('50');
    const fifty = await client.contact.v3.user.batchGetId({
      data: { mobiles: mobiles.slice(0, 50), emails: DEMO_DIRECTORY_USERS.slice(0, 50).map((u) => u.email!) },
    });
    expect(fifty.data!.user_list!.filter((x) => x.user_id)).toHaveLength(100);
  });
});

describe('contact/v3 departments and their people', () => {
  test('children of the root: 30 departments with their leaders, paged by page_token', async () => {
    const client = sdkClient(emu.url);
    const seen: { name: string; leader?: string; parent: string }[] = [];
    let token: string | undefined;
    let pages = 0;
    for (let i = 0; i < 10; i++) {
      const r = await client.contact.v3.department.children({
        path: { department_id: '0' },
        params: { page_size: 7, ...(token ? { page_token: token } : {}) },
      });
      expect(r.code).toBe(0);
      pages += 1;
      for (const d of r.data!.items!)
        seen.push({ name: d.name, leader: d.leader_user_id, parent: d.parent_department_id });
      if (!r.data!.has_more) break;
      token = r.data!.page_token;
    }
    expect(pages).toBe(5); // 30 departments at 7 a page
    expect(seen).toHaveLength(30);
    expect(seen.every((d) => d.parent === '0' && d.leader?.startsWith('ou_'))).toBe(true);
    expect(seen.find((d) => d.name === '县政府办公室')?.leader).toBe(DEMO.approver.open_id);
    expect(seen.map((d) => d.name)).not.toContain('政务公开办');
  });

  test('fetch_child lists the sub-departments too; department_id_type=department_id gives the tenant ids', async () => {
    const client = sdkClient(emu.url);
    const r = await client.contact.v3.department.children({
      path: { department_id: '0' },
      params: { fetch_child: true, page_size: 50 },
    });
    expect(r.data!.items!.map((d) => d.name)).toEqual(expect.arrayContaining(['政务公开办', '交通警察大队']));
    expect(r.data!.items).toHaveLength(DEMO_DEPARTMENTS.length);
    expect(r.data!.has_more).toBe(false);
    const sub = await client.contact.v3.department.children({
      path: { department_id: 'zfb' },
      params: { department_id_type: 'department_id', user_id_type: 'user_id' },
    });
    expect(sub.data!.items).toEqual([
      expect.objectContaining({
        name: '政务公开办',
        department_id: 'zwgkb',
        parent_department_id: 'zfb',
        leader_user_id: 'sunlixin',
      }),
    ]);
  });

  test('find_by_department lists a department’s own people (not its sub-departments), hidden ones left out', async () => {
    const client = sdkClient(emu.url);
    const office = await client.contact.v3.user.findByDepartment({
      params: { department_id: dept('县政府办公室').open_department_id, page_size: 2 },
    });
    expect(office.data!.has_more).toBe(true);
    const rest = await client.contact.v3.user.findByDepartment({
      params: {
        department_id: dept('县政府办公室').open_department_id,
        page_size: 2,
        page_token: office.data!.page_token!,
      },
    });
    const names = [...office.data!.items!, ...rest.data!.items!].map((u) => u.name);
    expect(names.sort()).toEqual(['张敏', '李强', '王芳'].sort());
    expect(rest.data!.has_more).toBe(false);
    const first = office.data!.items![0];
    expect(first).toMatchObject({ open_id: DEMO.filler.open_id, email: 'zhangmin@yunxi.gov.cn' });
    expect(first.mobile).toBe(`+86${person('张敏').mobile}`);
    expect(first.department_ids).toEqual([dept('县政府办公室').open_department_id]);

    const police = await client.contact.v3.user.findByDepartment({
      params: { department_id: dept('县公安局').open_department_id, page_size: 50 },
    });
    expect(police.data!.items!.map((u) => u.name)).toEqual(['林振华', '何雪梅']);
    const root = await client.contact.v3.user.findByDepartment({ params: { department_id: '0' } });
    expect(root.data!.items!.map((u) => u.name)).toEqual(['郑国华', '黄志刚']);
  });

  test('page_size over 50, a foreign page_token and an unknown department are refused', async () => {
    const client = sdkClient(emu.url);
    expect(
      await feishuError(
        client.contact.v3.department.children({ path: { department_id: '0' }, params: { page_size: 51 } }),
      ),
    ).toMatchObject({ code: 99992402 });
    const p1 = await client.contact.v3.department.children({
      path: { department_id: '0' },
      params: { page_size: 5 },
    });
    expect(
      await feishuError(
        client.contact.v3.user.findByDepartment({
          params: { department_id: '0', page_token: p1.data!.page_token! },
        }),
      ),
    ).toMatchObject({ code: 99992402 });
    expect(
      await feishuError(client.contact.v3.user.findByDepartment({ params: { department_id: 'od-nope' } })),
    ).toMatchObject({ status: 400, code: 40004 });
  });

  test('users/:id gives a visible person with mobile, e-mail and departments; a hidden one is 41050 like an unknown', async () => {
    const client = sdkClient(emu.url);
    const r = await client.contact.v3.user.get({
      path: { user_id: DEMO.admin.open_id },
      params: { user_id_type: 'open_id' },
    });
    expect(r.data!.user).toMatchObject({
      name: '赵磊',
      email: 'zhaolei@yunxi.gov.cn',
      mobile: `+86${person('赵磊').mobile}`,
      department_ids: [dept('政务公开办').open_department_id],
      job_title: '政务公开专干',
    });
    expect(
      await feishuError(
        client.contact.v3.user.get({
          path: { user_id: hidden().open_id },
          params: { user_id_type: 'open_id' },
        }),
      ),
    ).toMatchObject({ status: 400, code: 41050 });
  });
});

describe('a tenant given as the old four-field users', () => {
  test('still works: no departments, everyone directly under the root, no mobiles', async () => {
    const small = await startEmulator({
      appId: APP_ID,
      appSecret: APP_SECRET,
      verificationToken: VERIFICATION_TOKEN,
      users: [DEMO.filler, DEMO.approver],
    });
    try {
      const client = sdkClient(small.url);
      const depts = await client.contact.v3.department.children({ path: { department_id: '0' } });
      expect(depts.data!.items).toEqual([]);
      const root = await client.contact.v3.user.findByDepartment({ params: { department_id: '0' } });
      expect(root.data!.items!.map((u) => u.name)).toEqual(['张敏', '王芳']);
      const ids = await client.contact.v3.user.batchGetId({ data: { emails: ['zhangmin@yunxi.gov.cn'] } });
      expect(ids.data!.user_list).toEqual([{ email: 'zhangmin@yunxi.gov.cn' }]);
    } finally {
      await small.close();
    }
  });
});
