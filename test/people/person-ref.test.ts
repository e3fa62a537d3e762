import {
  formatPersonRef,
  nameKey,
  normalizeMobile,
  parsePeople,
  parsePersonRef,
  refKey,
  splitPeople,
} from '../../src/people/person-ref.js';

describe('a person as an admin writes them', () => {
  it('reads a name, a mobile, an e-mail and an open_id', () => {
    expect(parsePersonRef('张敏')).toEqual({ kind: 'name', text: '张敏', name: '张敏' });
    expect(parsePersonRef(' 13800000001 ')).toEqual({
      kind: 'mobile',
      text: '13800000001',
      mobile: '13800000001',
    });
    expect(parsePersonRef('ZhangMin@County.gov.cn')).toMatchObject({
      kind: 'email',
      email: 'zhangmin@county.gov.cn',
    });
    expect(parsePersonRef('ou_5f0a3c1e9b7d')).toMatchObject({ kind: 'openId', openId: 'ou_5f0a3c1e9b7d' });
  });

  it('writes every mainland mobile as its 11 digits and keeps + and the code of other countries', () => {
    for (const written of [
      '13800000001',
      '138-0000-0001',
      '138 0000 0001',
      '+86 138 0000 0001',
      '+86-13800000001',
      '008613800000001',
      '8613800000001',
      '１３８００００００01',
    ])
      expect(normalizeMobile(written)).toBe('13800000001');
    expect(normalizeMobile('+852 6123 4567')).toBe('+85261234567');
    expect(normalizeMobile('00852 6123 4567')).toBe('+85261234567');
    expect(normalizeMobile('0086 138 0000 0001')).toBe('13800000001');
    expect(normalizeMobile('+1 (415) 555-0100')).toBe('+14155550100');
    expect(normalizeMobile('1380000001')).toBeUndefined();
    expect(normalizeMobile('0731-12345678')).toBeUndefined();
  });

  it('reads a name with an identifier in brackets, full-width or half-width, either way round', () => {
    expect(parsePersonRef('张敏（13800000001）')).toMatchObject({
      kind: 'mobile',
      mobile: '13800000001',
      name: '张敏',
    });
    expect(parsePersonRef('张敏(zhangmin@x.gov.cn)')).toMatchObject({
      kind: 'email',
      email: 'zhangmin@x.gov.cn',
      name: '张敏',
    });
    expect(parsePersonRef('张敏 （ +86 138 0000 0001 ）')).toMatchObject({
      kind: 'mobile',
      mobile: '13800000001',
      name: '张敏',
    });
    expect(parsePersonRef('13800000001（张敏）')).toMatchObject({
      kind: 'mobile',
      mobile: '13800000001',
      name: '张敏',
    });
    expect(parsePersonRef('（13800000001）')).toEqual({
      kind: 'mobile',
      text: '（13800000001）',
      mobile: '13800000001',
    });
  });

  it('reads a name followed by its identifier without brackets', () => {
    expect(parsePersonRef('张敏 13800000001')).toMatchObject({
      kind: 'mobile',
      mobile: '13800000001',
      name: '张敏',
    });
    expect(parsePersonRef('张敏13800000001')).toMatchObject({
      kind: 'mobile',
      mobile: '13800000001',
      name: '张敏',
    });
    expect(parsePersonRef('张敏 zhangmin@x.gov.cn')).toMatchObject({ kind: 'email', name: '张敏' });
  });

  it('keeps a name with a note in brackets or short digits as written: some tenants’ display names look so', () => {
    expect(parsePersonRef('张敏（科长）')).toEqual({
      kind: 'name',
      text: '张敏（科长）',
      name: '张敏（科长）',
    });
    expect(parsePersonRef('王伟2')).toMatchObject({ kind: 'name', name: '王伟2' });
    expect(parsePersonRef('王伟2（13800000001）')).toMatchObject({ kind: 'mobile', name: '王伟2' });
  });

  it('keeps a name padded with spaces as one name (「王  伟」), as Chinese documents write it', () => {
    expect(parsePeople('王  伟')).toEqual([{ kind: 'name', text: '王  伟', name: '王  伟' }]);
    expect(nameKey('王　伟')).toBe(nameKey('王伟'));
  });

  it('says what is wrong with what it cannot read, quoting the cell', () => {
    const short = parsePersonRef('1380000001');
    expect(short).toMatchObject({ kind: 'invalid' });
    expect(short.kind === 'invalid' && short.problem).toContain('「1380000001」不是手机号');
    const glued = parsePersonRef('张敏13800000001x');
    expect(glued.kind === 'invalid' && glued.problem).toBe(
      '「张敏13800000001x」看不懂：人员请写姓名、手机号或邮箱，重名时写成「张敏（13800000001）」',
    );
    const badMobileInBrackets = parsePersonRef('张敏（1380000001）');
    expect(badMobileInBrackets.kind === 'invalid' && badMobileInBrackets.problem).toContain('不是手机号');
    const mail = parsePersonRef('zhangmin@');
    expect(mail.kind === 'invalid' && mail.problem).toContain('看不懂');
  });
});

describe('several people in one cell', () => {
  it('are separated by 、 , ， ; ； / and line breaks, never by spaces', () => {
    expect(splitPeople('张敏、李强,王芳，陈静;赵磊；刘洋/周杰\n吴昊\r\n郑爽')).toEqual([
      '张敏',
      '李强',
      '王芳',
      '陈静',
      '赵磊',
      '刘洋',
      '周杰',
      '吴昊',
      '郑爽',
    ]);
    expect(splitPeople('+86 138 0000 0001、 张敏（zhangmin@x.gov.cn） ,, ')).toEqual([
      '+86 138 0000 0001',
      '张敏（zhangmin@x.gov.cn）',
    ]);
    expect(splitPeople('  \n ')).toEqual([]);
  });
});

describe('refs that resolve the same way', () => {
  it('share one key however they are spelled', () => {
    const key = (t: string) => refKey(parsePersonRef(t));
    expect(key('138-0000-0001')).toBe(key('+86 13800000001'));
    expect(key('张 敏')).toBe(key('张敏'));
    expect(key('ZhangMin@x.gov.cn')).toBe(key('zhangmin@x.gov.cn'));
    // The name beside a mobile is checked against it, so it is part of the key.
    expect(key('张敏（13800000001）')).not.toBe(key('13800000001'));
  });

  it('are written back so that reading them finds the same person', () => {
    const written = formatPersonRef({ openId: 'ou_a', name: '张敏', mobile: '13800000001', email: 'z@x.cn' });
    expect(written).toBe('张敏（13800000001）');
    expect(parsePersonRef(written)).toMatchObject({ kind: 'mobile', mobile: '13800000001', name: '张敏' });
    expect(formatPersonRef({ openId: 'ou_a', name: '王芳', email: 'wangfang@x.cn' })).toBe(
      '王芳（wangfang@x.cn）',
    );
    expect(formatPersonRef({ openId: 'ou_a', name: '王芳' })).toBe('王芳');
    expect(formatPersonRef({ openId: 'ou_a' })).toBe('ou_a');
  });
});
