import { parsePersonRef, type PersonRef } from '../../src/people/person-ref.js';
import { CONTACT_BATCH, resolvePeople } from '../../src/people/resolve.js';
import { COUNTY, memoryDirectory } from './memory-directory.js';

const county = () => memoryDirectory(COUNTY.people, COUNTY.departments);

async function resolveOne(text: string) {
  const ref = parsePersonRef(text);
  return (await resolvePeople([ref], county())).of(ref);
}

describe('resolving people through the directory', () => {
  it('finds people by name, mobile, e-mail and open_id, with their display names', async () => {
    const refs = [
      '李强',
      '13800000001',
      'WangFang@county.gov.cn',
      'ou_zhaolei',
      '陈静',
      '+852 6123 4567',
    ].map(parsePersonRef);
    const r = await resolvePeople(refs, county());
    expect(refs.map((ref) => r.of(ref))).toEqual([
      { ok: true, person: { openId: 'ou_liqiang', name: '李强' } },
      { ok: true, person: { openId: 'ou_zhangmin', name: '张敏' } },
      { ok: true, person: { openId: 'ou_wangfang', name: '王芳' } },
      { ok: true, person: { openId: 'ou_zhaolei', name: '赵磊' } },
      // the directory writes 「陈 静」: spaces in names do not count
      { ok: true, person: { openId: 'ou_chenjing', name: '陈 静' } },
      { ok: true, person: { openId: 'ou_zhaolei', name: '赵磊' } },
    ]);
  });

  it('tells the admin to check an unknown mobile or e-mail, or to add the person to the app’s availability', async () => {
    expect(await resolveOne('13800000099')).toEqual({
      ok: false,
      problem:
        '手机号 13800000099 没有找到：可能写错了，或者此人不在年报助手的可用范围内（请在飞书管理后台把他加入应用的可用范围）',
    });
    expect(await resolveOne('nobody@county.gov.cn')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^邮箱 nobody@county\.gov\.cn 没有找到：.*可用范围/),
    });
    expect(await resolveOne('ou_nobody')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^open_id ou_nobody 没有找到/),
    });
  });

  it('names the departments of namesakes instead of guessing one', async () => {
    expect(await resolveOne('刘洋')).toEqual({
      ok: false,
      problem: '有 2 位同事叫「刘洋」（县教育局、县公安局），请改写成手机号或邮箱，例如「刘洋（138…）」',
    });
    // the identifier decides between them
    expect(await resolveOne('刘洋（13800000004）')).toEqual({
      ok: true,
      person: { openId: 'ou_liuyang2', name: '刘洋' },
    });
  });

  it('says when no one has a name, and hints at 、 when the name has a space', async () => {
    const unknown = await resolveOne('王小明');
    expect(unknown).toMatchObject({
      ok: false,
      problem: expect.stringContaining('找不到叫「王小明」的同事'),
    });
    expect(unknown.ok || unknown.problem).toContain('改写成手机号或邮箱');
    const two = await resolveOne('张敏 李强');
    expect(two.ok || two.problem).toContain('如果「张敏 李强」是两个人，请用「、」隔开');
  });

  it('refuses a name that disagrees with its identifier', async () => {
    expect(await resolveOne('李强（13800000001）')).toEqual({
      ok: false,
      problem: '「李强（13800000001）」：手机号 13800000001 是「张敏」的，不是「李强」：请核对手机号或姓名',
    });
    expect(await resolveOne('张 敏（zhangmin@county.gov.cn）')).toMatchObject({ ok: true });
  });

  it('passes on the problem of a ref it could not read', async () => {
    expect(await resolveOne('张敏（1380000001）')).toMatchObject({
      ok: false,
      problem: expect.stringContaining('「1380000001」不是手机号'),
    });
  });

  it('finds a display name with a note in brackets as written, and explains brackets when no one has it', async () => {
    const noted = { openId: 'ou_noted', name: '张敏（县教育局）', departmentIds: [] };
    const dir = memoryDirectory([...COUNTY.people, noted], COUNTY.departments);
    const ref = parsePersonRef('张敏(县教育局)');
    expect((await resolvePeople([ref], dir)).of(ref)).toEqual({
      ok: true,
      person: { openId: 'ou_noted', name: '张敏（县教育局）' },
    });
    expect(await resolveOne('张敏（科长）')).toEqual({
      ok: false,
      problem:
        '找不到叫「张敏（科长）」的同事：请核对姓名与飞书里显示的是否一致，或改写成手机号或邮箱；如果此人不在年报助手的可用范围内，请在飞书管理后台把他加入应用的可用范围；括号里应是此人的手机号或邮箱，例如「张敏（13800000001）」，备注请删掉',
    });
  });

  it('looks each distinct person up once, mobiles and e-mails at most 50 per call', async () => {
    const many: PersonRef[] = [];
    for (let row = 0; row < 200; row++)
      many.push(parsePersonRef('138-0000-0001'), parsePersonRef('+86 13800000001'));
    for (let i = 0; i < 120; i++) many.push(parsePersonRef(`139${String(i).padStart(8, '0')}`));
    for (let i = 0; i < 60; i++) many.push(parsePersonRef(`u${i}@county.gov.cn`));
    const dir = county();
    const r = await resolvePeople(many, dir);
    // 121 distinct mobiles and 60 e-mails: three calls
    expect(dir.calls.idsByContact).toBe(3);
    expect(Math.max(...dir.calls.batchSizes)).toBe(CONTACT_BATCH);
    expect(dir.calls.batchSizes.reduce((a, b) => a + b, 0)).toBe(121 + 60);
    expect(dir.calls.person).toBe(1);
    expect(r.of(many[0])).toEqual({ ok: true, person: { openId: 'ou_zhangmin', name: '张敏' } });
  });

  it('walks the directory once for any number of names', async () => {
    const dir = county();
    const refs = Array.from({ length: 200 }, (_, i) => parsePersonRef(i % 2 ? '李强' : '张敏'));
    await resolvePeople(refs, dir);
    expect(dir.calls).toMatchObject({ people: 1, person: 0, idsByContact: 0, departments: 0 });
  });
});
