// The demo tenant's contact directory: 云溪县人民政府, a county government with 30 departments under the root
// (two of them with a sub-department), each with a leader (负责人) and a clerk. Names, mobiles and e-mails are
// invented. Ids are derived from fixed seeds, so demo data, tests and scripts see the same ids on every start.
import crypto from 'node:crypto';
import type { EmulatorDepartment, EmulatorUser } from './types.js';
import { DEMO } from './demo-tenant.js';

/** The tenant's name as the directory shows it. */
export const DEMO_TENANT_NAME = '云溪县人民政府';
const MAIL_DOMAIN = 'yunxi.gov.cn';

const hash = (seed: string): string => crypto.createHash('sha256').update(seed).digest('hex');

/** An open_id derived from the person's user_id: stable across restarts. */
const openIdOf = (userId: string): string => `ou_${hash(`yunxi-user:${userId}`).slice(0, 32)}`;
const unionIdOf = (userId: string): string => `on_${hash(`yunxi-union:${userId}`).slice(0, 32)}`;
const openDeptIdOf = (code: string): string => `od-${hash(`yunxi-dept:${code}`).slice(0, 32)}`;

interface PersonRow {
  name: string;
  /** the tenant's user_id, also the e-mail's local part */
  id: string;
  title: string;
}

interface DeptRow {
  code: string;
  name: string;
  parent?: string;
  leader: PersonRow;
  clerk: PersonRow;
  /** more staff */
  more?: PersonRow[];
}

const p = (name: string, id: string, title: string): PersonRow => ({ name, id, title });

// 30 departments directly under the root, plus 政务公开办 (under 县政府办公室) and 交通警察大队 (under 县公安局),
// so walking the tree needs fetch_child. 王芳, 张敏, 李强 and 赵磊 are DEMO's people: their ids never change.
const DEPARTMENTS: DeptRow[] = [
  {
    code: 'zfb',
    name: '县政府办公室',
    leader: p(DEMO.approver.name, DEMO.approver.user_id, '主任'),
    clerk: p(DEMO.filler.name, DEMO.filler.user_id, '综合科科员'),
    more: [p(DEMO.filler2.name, DEMO.filler2.user_id, '综合科科员')],
  },
  {
    code: 'zwgkb',
    name: '政务公开办',
    parent: 'zfb',
    leader: p('孙立新', 'sunlixin', '政务公开办主任'),
    clerk: p(DEMO.admin.name, DEMO.admin.user_id, '政务公开专干'),
  },
  {
    code: 'fgj',
    name: '县发展和改革局',
    leader: p('周建国', 'zhoujianguo', '局长'),
    clerk: p('吴晓燕', 'wuxiaoyan', '办公室科员'),
  },
  {
    code: 'jyj',
    name: '县教育局',
    leader: p('徐志远', 'xuzhiyuan', '局长'),
    clerk: p('朱丽娟', 'zhulijuan', '办公室科员'),
  },
  {
    code: 'kgxj',
    name: '县科学技术和工业信息化局',
    leader: p('胡海涛', 'huhaitao', '局长'),
    clerk: p('高雅琴', 'gaoyaqin', '办公室科员'),
  },
  {
    code: 'gaj',
    name: '县公安局',
    leader: p('林振华', 'linzhenhua', '局长'),
    clerk: p('何雪梅', 'hexuemei', '警务保障室民警'),
  },
  {
    code: 'jjdd',
    name: '交通警察大队',
    parent: 'gaj',
    leader: p('罗永胜', 'luoyongsheng', '大队长'),
    clerk: p('梁晓峰', 'liangxiaofeng', '内勤民警'),
  },
  {
    code: 'mzj',
    name: '县民政局',
    leader: p('郭红梅', 'guohongmei', '局长'),
    clerk: p('马俊杰', 'majunjie', '办公室科员'),
  },
  {
    code: 'sfj',
    name: '县司法局',
    leader: p('韩立群', 'hanliqun', '局长'),
    clerk: p('唐静怡', 'tangjingyi', '办公室科员'),
  },
  {
    code: 'czj',
    name: '县财政局',
    leader: p('冯德明', 'fengdeming', '局长'),
    clerk: p('刘洋', 'liuyang', '办公室科员'),
  },
  {
    code: 'rsj',
    name: '县人力资源和社会保障局',
    leader: p('董卫东', 'dongweidong', '局长'),
    clerk: p('邓雨涵', 'dengyuhan', '办公室科员'),
  },
  {
    code: 'zrzyj',
    name: '县自然资源局',
    leader: p('曹志刚', 'caozhigang', '局长'),
    clerk: p('彭丽萍', 'pengliping', '办公室科员'),
  },
  {
    code: 'sthjj',
    name: '县生态环境局',
    leader: p('蒋文博', 'jiangwenbo', '局长'),
    clerk: p('蔡晓静', 'caixiaojing', '办公室科员'),
  },
  {
    code: 'zjj',
    name: '县住房和城乡建设局',
    leader: p('余建平', 'yujianping', '局长'),
    clerk: p('潘美玲', 'panmeiling', '办公室科员'),
  },
  {
    code: 'jtysj',
    name: '县交通运输局',
    leader: p('杜长江', 'duchangjiang', '局长'),
    clerk: p('刘洋', 'liuyang2', '办公室科员'),
  },
  {
    code: 'slj',
    name: '县水利局',
    leader: p('戴永清', 'daiyongqing', '局长'),
    clerk: p('夏婷婷', 'xiatingting', '办公室科员'),
  },
  {
    code: 'nyncj',
    name: '县农业农村局',
    leader: p('钟国栋', 'zhongguodong', '局长'),
    clerk: p('汪秀兰', 'wangxiulan', '办公室科员'),
  },
  {
    code: 'swj',
    name: '县商务局',
    leader: p('田振宇', 'tianzhenyu', '局长'),
    clerk: p('任佳怡', 'renjiayi', '办公室科员'),
  },
  {
    code: 'wglj',
    name: '县文化广电新闻出版旅游局',
    leader: p('姜文斌', 'jiangwenbin', '局长'),
    clerk: p('范晓雯', 'fanxiaowen', '办公室科员'),
  },
  {
    code: 'wjw',
    name: '县卫生健康委员会',
    leader: p('方建华', 'fangjianhua', '主任'),
    clerk: p('石慧琳', 'shihuilin', '办公室科员'),
  },
  {
    code: 'tyjrj',
    name: '县退役军人事务局',
    leader: p('姚红军', 'yaohongjun', '局长'),
    clerk: p('谭丽华', 'tanlihua', '办公室科员'),
  },
  {
    code: 'yjj',
    name: '县应急管理局',
    leader: p('廖志勇', 'liaozhiyong', '局长'),
    clerk: p('邹雅婷', 'zouyating', '办公室科员'),
  },
  {
    code: 'sjj',
    name: '县审计局',
    leader: p('熊伟明', 'xiongweiming', '局长'),
    clerk: p('金晓红', 'jinxiaohong', '办公室科员'),
  },
  {
    code: 'scjgj',
    name: '县市场监督管理局',
    leader: p('陆建军', 'lujianjun', '局长'),
    clerk: p('郝佳琪', 'haojiaqi', '办公室科员'),
  },
  {
    code: 'tjj',
    name: '县统计局',
    leader: p('孔繁荣', 'kongfanrong', '局长'),
    clerk: p('白雪莲', 'baixuelian', '办公室科员'),
  },
  {
    code: 'ybj',
    name: '县医疗保障局',
    leader: p('崔永红', 'cuiyonghong', '局长'),
    clerk: p('康丽娜', 'kanglina', '办公室科员'),
  },
  {
    code: 'lyj',
    name: '县林业局',
    leader: p('毛振东', 'maozhendong', '局长'),
    clerk: p('邱慧芬', 'qiuhuifen', '办公室科员'),
  },
  {
    code: 'cgj',
    name: '县城市管理局',
    leader: p('秦海波', 'qinhaibo', '局长'),
    clerk: p('江雨欣', 'jiangyuxin', '办公室科员'),
  },
  {
    code: 'xzspj',
    name: '县行政审批局',
    leader: p('史国庆', 'shiguoqing', '局长'),
    clerk: p('顾晓岚', 'guxiaolan', '办公室科员'),
  },
  {
    code: 'xfj',
    name: '县信访局',
    leader: p('侯建勋', 'houjianxun', '局长'),
    clerk: p('邵婉婷', 'shaowanting', '办公室科员'),
  },
  {
    code: 'xczxj',
    name: '县乡村振兴局',
    leader: p('孟庆丰', 'mengqingfeng', '局长'),
    clerk: p('龙梦瑶', 'longmengyao', '办公室科员'),
  },
  {
    code: 'jgswzx',
    name: '县机关事务管理中心',
    leader: p('万德胜', 'wandesheng', '主任'),
    clerk: p('段思琪', 'duansiqi', '综合股股员'),
  },
];

// Mainland mobile prefixes, rotated so the numbers look like a real county's.
const PREFIXES = ['139', '138', '137', '135', '136', '150', '151', '152', '158', '159', '187', '188', '182'];

const mobileOf = (i: number): string =>
  `${PREFIXES[i % PREFIXES.length]}${String(7950000 + i * 131).padStart(8, '0')}`;

/** Builds the directory; DEMO's four people keep their fixed ids and come first (the web page lists them first). */
function build(): { users: EmulatorUser[]; departments: EmulatorDepartment[] } {
  const departments: EmulatorDepartment[] = [];
  const users = new Map<string, EmulatorUser>();
  const fixed = new Map<string, EmulatorUser>(Object.values(DEMO).map((u) => [u.user_id, u]));
  for (const u of fixed.values()) users.set(u.user_id, { ...u, department_ids: [] });
  const person = (row: PersonRow, deptId: string): EmulatorUser => {
    let u = users.get(row.id);
    if (!u) {
      u = {
        open_id: openIdOf(row.id),
        user_id: row.id,
        union_id: unionIdOf(row.id),
        name: row.name,
        department_ids: [],
      };
      users.set(row.id, u);
    }
    u.department_ids!.push(deptId);
    u.job_title ??= row.title;
    return u;
  };
  // The county's leaders sit directly under the root department.
  person(p('郑国华', 'zhengguohua', '县长'), '0');
  person(p('黄志刚', 'huangzhigang', '副县长'), '0');
  for (const d of DEPARTMENTS) {
    const id = openDeptIdOf(d.code);
    const leader = person(d.leader, id);
    person(d.clerk, id);
    for (const m of d.more ?? []) person(m, id);
    departments.push({
      open_department_id: id,
      department_id: d.code,
      name: d.name,
      parent_department_id: d.parent ? openDeptIdOf(d.parent) : '0',
      leader_user_id: leader.open_id,
    });
  }
  // 白雪莲 (统计局) also works for 发改局: a person in two departments appears once in the directory.
  person(p('白雪莲', 'baixuelian', '办公室科员'), openDeptIdOf('fgj'));
  // A 商务局 adviser with a Hong Kong number: outside mainland, a mobile needs + and the country code.
  person(p('何嘉欣', 'hejiaxin', '招商顾问'), openDeptIdOf('swj')).mobile = '+85291234567';
  // 陈静 works at 县公安局 but is outside the app's availability: Feishu hides her from the app entirely.
  const hidden = person(p('陈静', 'chenjing', '警务保障室民警'), openDeptIdOf('gaj'));
  hidden.available = false;

  const list = [...users.values()].map((u, i) => ({
    ...u,
    mobile: u.mobile ?? mobileOf(i),
    email: `${u.user_id}@${MAIL_DOMAIN}`,
    // '0' stands for "directly under the root": Feishu lists such a person with no department of their own.
    department_ids: u.department_ids!.filter((d) => d !== '0'),
  }));
  return { users: list, departments };
}

const built = build();

/** Every person of the demo county, DEMO's four first; 陈静 (chenjing) is outside the app's availability. */
export const DEMO_DIRECTORY_USERS: EmulatorUser[] = built.users;
/** The demo county's departments (32: 30 under the root, 政务公开办 and 交通警察大队 one level deeper). */
export const DEMO_DEPARTMENTS: EmulatorDepartment[] = built.departments;
