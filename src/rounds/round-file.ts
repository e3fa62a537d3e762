/**
 * The round file an admin writes to open a reporting round:
 * {"year": 2026, "deadline"?: "2027-01-31", "name"?: "…", "admins": [open_id…],
 *  "reminders"?: {"plan": {"daysBefore"?: [10, 5, 3, 2, 1], "onDeadlineDay"?: true, "overdueDays"?: 5, "time"?: "09:30"}},
 *  "units": [{"id"?: "…", "name": "…", "fillers": {"s1": [open_id…], …} | [{"open_id", "sections": ["s1", …]}],
 *             "approvers": [open_id…]}]}
 * Every problem is reported at once, in Chinese, naming the unit and the field, so one edit fixes the file.
 */
import { z } from 'zod';
import { reminderPlanSchema } from '../reminders/plan-config.js';
import { unprintable } from '../report/printable.js';
import { SECTIONS, type SectionId } from '../report/template.js';
import { defaultDeadline, normalizeDeadline } from './deadline.js';
import { ID_PATTERN, roundIdFor, type Round, type Unit } from './round.js';

const SECTION_IDS = SECTIONS.map((s) => s.id);
/** Feishu open_ids look like `ou_` + 32 hex digits; accept any `ou_` + letters/digits so test tenants work. */
const OPEN_ID = /^ou_[A-Za-z0-9]{1,64}$/;

const openId = z
  .string({ error: '应是用户的 open_id（以 ou_ 开头的字符串）' })
  .regex(OPEN_ID, { error: '不是有效的 open_id（应以 ou_ 开头，例如 ou_5f0a3c…）' });

const sectionId = z.enum(SECTION_IDS as [SectionId, ...SectionId[]], {
  error: `部分编号只能是 ${SECTION_IDS.join('、')}`,
});

const fillersBySection = z.record(z.string(), z.array(openId, { error: '应是 open_id 的列表' }));
const fillersByPerson = z.array(
  z.object(
    {
      open_id: openId,
      sections: z.array(sectionId, { error: '应是部分编号的列表，例如 ["s1", "s2"]' }).min(1, {
        error: '至少指定一个部分',
      }),
    },
    { error: '每一项应是 {"open_id": "ou_…", "sections": ["s1", …]}' },
  ),
);

const unitSchema = z.object(
  {
    id: z
      .string({ error: '应是字符串' })
      .regex(ID_PATTERN, { error: '只能用字母、数字、- 和 _，以字母或数字开头，最多 40 个字符' })
      .optional(),
    name: z
      .string({ error: '单位名称应是字符串' })
      .trim()
      .min(1, { error: '单位名称不能为空' })
      // The name is the Word file's title.
      .refine((name) => !unprintable(name), { error: (i) => unprintable(String(i.input), '单位名称') }),
    fillers: z.union([fillersBySection, fillersByPerson], {
      error: '填报人应写成 {"s1": ["ou_…"], …} 或 [{"open_id": "ou_…", "sections": ["s1", …]}]',
    }),
    approvers: z
      .array(openId, { error: '审核人应是 open_id 的列表，按审核顺序排列' })
      .min(1, { error: '至少要有一名审核人' }),
  },
  { error: '每个单位应是一个对象 {"name", "fillers", "approvers"}' },
);

const roundFileSchema = z.object(
  {
    year: z
      .number({ error: '年份应是数字，例如 2026' })
      .int({ error: '年份应是整数' })
      .min(2008, { error: '年份不能早于 2008（《政府信息公开条例》施行之年）' })
      .max(2100, { error: '年份不能晚于 2100' }),
    deadline: z.string({ error: '截止时间应是字符串，例如 "2027-01-31"' }).optional(),
    name: z.string({ error: '名称应是字符串' }).trim().min(1, { error: '名称不能为空' }).optional(),
    units: z.array(unitSchema, { error: 'units 应是单位的列表' }).min(1, { error: '至少要有一个单位' }),
    admins: z.array(openId, { error: '管理员应是 open_id 的列表' }).min(1, { error: '至少要有一名管理员' }),
    // The same schema `nianbao reminders set` and the scheduler use, so a file cannot store a plan they refuse.
    reminders: z
      .object(
        { plan: reminderPlanSchema.optional() },
        {
          error: (issue) =>
            issue.code === 'unrecognized_keys'
              ? `不认识的设置 ${issue.keys.join('、')}（这里只有 plan）`
              : '应是一个对象，例如 {"plan": {"daysBefore": [5, 3, 1]}}',
        },
      )
      .strict()
      .optional(),
  },
  { error: '轮次文件应是一个 JSON 对象' },
);

type RawUnit = z.infer<typeof unitSchema>;

/** The file cannot be used; `problems` lists every problem, each a Chinese sentence. */
export class RoundFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} 有 ${problems.length} 处问题：\n` + problems.map((p) => `  - ${p}`).join('\n'));
  }
}

const FIELD_NAMES: Record<string, string> = {
  year: '年份 year',
  deadline: '截止时间 deadline',
  name: '名称 name',
  units: '单位列表 units',
  admins: '管理员 admins',
  fillers: '填报人 fillers',
  approvers: '审核人 approvers',
  id: '编号 id',
  open_id: 'open_id',
  sections: 'sections',
  reminders: '提醒设置 reminders',
  plan: '提醒计划 plan',
  daysBefore: '提前提醒 daysBefore',
  onDeadlineDay: '截止日提醒 onDeadlineDay',
  overdueDays: '逾期提醒 overdueDays',
  time: '提醒时间 time',
};

/** `["units", 1, "fillers", "s3", 0]` → 「第 2 个单位「名称」的 填报人 fillers › s3 › 第 1 项」 */
function where(path: PropertyKey[], data: unknown): string {
  const parts: string[] = [];
  let node: unknown = data;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const parent = node;
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[seg] : undefined;
    if (typeof seg === 'number') {
      if (path[i - 1] === 'units') {
        const name = (node as { name?: unknown } | undefined)?.name;
        parts.push(
          `第 ${seg + 1} 个单位${typeof name === 'string' && name.trim() ? `「${name.trim()}」` : ''}`,
        );
      } else parts.push(`第 ${seg + 1} 项`);
    } else if (Array.isArray(parent) || typeof seg !== 'string') parts.push(String(seg));
    else if (seg !== 'units' || i !== 0 || path.length === 1) parts.push(FIELD_NAMES[seg] ?? seg);
  }
  return parts.length ? parts.join(' › ') : '文件';
}

function normalizeFillers(
  raw: RawUnit['fillers'],
  problem: (msg: string) => void,
): Record<SectionId, string[]> {
  const fillers = Object.fromEntries(SECTION_IDS.map((s) => [s, [] as string[]])) as Record<
    SectionId,
    string[]
  >;
  if (Array.isArray(raw)) {
    for (const person of raw)
      for (const s of person.sections)
        if (!fillers[s].includes(person.open_id)) fillers[s].push(person.open_id);
  } else {
    for (const [key, ids] of Object.entries(raw)) {
      if (!SECTION_IDS.includes(key as SectionId)) {
        problem(`填报人 fillers 里的「${key}」不是部分编号（只能是 ${SECTION_IDS.join('、')}）`);
        continue;
      }
      fillers[key as SectionId] = [...new Set(ids)];
    }
  }
  const missing = SECTIONS.filter((s) => fillers[s.id].length === 0).map((s) => `${s.id}（${s.heading}）`);
  if (missing.length) problem(`这些部分还没有填报人：${missing.join('、')}`);
  return fillers;
}

/** Validates a round file's text and builds the round; throws RoundFileError listing every problem. */
export function parseRoundFile(text: string, source: string): Round {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RoundFileError(source, [`不是有效的 JSON：${(error as Error).message}`]);
  }
  const parsed = roundFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${where(i.path, data)}：${i.message}`);
    throw new RoundFileError(source, [...new Set(problems)]);
  }
  const file = parsed.data;
  const problems: string[] = [];

  let deadline = defaultDeadline(file.year);
  if (file.deadline !== undefined) {
    const normalized = normalizeDeadline(file.deadline);
    if (!normalized)
      problems.push(
        `截止时间 deadline：「${file.deadline}」无法识别，请写成 "2027-01-31" 或 "2027-01-31 18:00"`,
      );
    else if (Date.parse(normalized) <= Date.parse(`${file.year}-12-31T23:59:59+08:00`))
      problems.push(
        `截止时间 deadline：${file.year} 年的年报要在该年结束后才能填报，截止时间应在 ${file.year + 1} 年`,
      );
    else deadline = normalized;
  }

  const units: Unit[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  file.units.forEach((raw, index) => {
    const label = `第 ${index + 1} 个单位「${raw.name}」`;
    const problem = (msg: string) => problems.push(`${label}：${msg}`);
    const id = raw.id ?? `u${index + 1}`;
    if (ids.has(id)) problem(`编号 id「${id}」与前面的单位重复`);
    if (names.has(raw.name)) problem('单位名称与前面的单位重复');
    ids.add(id);
    names.add(raw.name);
    const fillers = normalizeFillers(raw.fillers, problem);
    const approvers = [...new Set(raw.approvers)];
    if (approvers.length < raw.approvers.length) problem('审核人 approvers 中有重复的人');
    units.push({ id, name: raw.name, fillers, approvers });
  });
  if (problems.length) throw new RoundFileError(source, problems);

  const name = file.name ?? `${file.year} 年度政府信息公开工作年度报告`;
  return {
    id: roundIdFor(file.year, name),
    year: file.year,
    name,
    deadline,
    units,
    admins: [...new Set(file.admins)],
    ...(file.reminders?.plan ? { reminders: { plan: file.reminders.plan } } : {}),
  };
}
