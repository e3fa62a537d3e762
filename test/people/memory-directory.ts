/**
 * A small in-memory `Directory` for the domain tests of people and sheets: it behaves like the contact API
 * (unknown mobiles and e-mails simply absent, at most 50 of each per batch) and counts the calls made to it.
 */
import type { Department, Directory, DirectoryPerson } from '../../src/people/directory.js';

export interface MemoryDirectory extends Directory {
  calls: { idsByContact: number; people: number; person: number; departments: number; batchSizes: number[] };
}

/** A directory of these people and departments. */
export function memoryDirectory(people: DirectoryPerson[], departments: Department[] = []): MemoryDirectory {
  const calls = { idsByContact: 0, people: 0, person: 0, departments: 0, batchSizes: [] as number[] };
  return {
    calls,
    async idsByContact({ mobiles, emails }) {
      calls.idsByContact++;
      calls.batchSizes.push(mobiles.length, emails.length);
      if (mobiles.length > 50 || emails.length > 50) throw new Error('batch_get_id takes at most 50 of each');
      const byMobile = new Map<string, string>();
      const byEmail = new Map<string, string>();
      for (const m of mobiles) {
        const p = people.find((x) => x.mobile === m);
        if (p) byMobile.set(m, p.openId);
      }
      for (const e of emails) {
        const p = people.find((x) => x.email?.toLowerCase() === e.toLowerCase());
        if (p) byEmail.set(e, p.openId);
      }
      return { mobiles: byMobile, emails: byEmail };
    },
    async people() {
      calls.people++;
      return people.map((p) => ({ ...p }));
    },
    async departments(parentId = '0') {
      calls.departments++;
      return departments.filter((d) => d.parentId === parentId);
    },
    async person(openId) {
      calls.person++;
      return people.find((p) => p.openId === openId);
    },
  };
}

/** A county's few people, enough for every case: two 刘洋 in different bureaus, one person without a mobile. */
export const COUNTY = {
  departments: [
    { id: 'od-edu', name: '县教育局', parentId: '0' },
    { id: 'od-police', name: '县公安局', parentId: '0' },
    { id: 'od-office', name: '县政府办公室', parentId: '0' },
  ] satisfies Department[],
  people: [
    {
      openId: 'ou_zhangmin',
      name: '张敏',
      mobile: '13800000001',
      email: 'zhangmin@county.gov.cn',
      departmentIds: ['od-edu'],
    },
    {
      openId: 'ou_liqiang',
      name: '李强',
      mobile: '13800000002',
      email: 'liqiang@county.gov.cn',
      departmentIds: ['od-edu'],
    },
    { openId: 'ou_liuyang1', name: '刘洋', mobile: '13800000003', departmentIds: ['od-edu'] },
    { openId: 'ou_liuyang2', name: '刘洋', mobile: '13800000004', departmentIds: ['od-police'] },
    { openId: 'ou_wangfang', name: '王芳', email: 'wangfang@county.gov.cn', departmentIds: ['od-police'] },
    { openId: 'ou_chenjing', name: '陈 静', mobile: '13800000006', departmentIds: ['od-office'] },
    { openId: 'ou_zhaolei', name: '赵磊', mobile: '+85261234567', departmentIds: ['od-office'] },
  ] satisfies DirectoryPerson[],
};
