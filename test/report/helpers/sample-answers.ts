/**
 * Answers for the checker's tests, generated from template.ts so that no cell key or label is typed by hand:
 * a complete report that breaks no rule, and a last year's report consistent with it.
 */
import {
  FEE_FIELDS,
  SECTIONS,
  TABLE2,
  TABLE3,
  TABLE4,
  TEXT_FIELDS,
  table2Key,
  table3Key,
  table4Key,
  type Answers,
  type RawValue,
} from '../../../src/report/template.js';

/** Applicant columns of table 三 (without 总计). */
export const T3_INPUT_COLUMNS = TABLE3.columns.filter((c) => !c.computed).map((c) => c.id);

/** Per applicant column i: 新收 3+i, 上年结转 1, 予以公开 1+i, 部分公开 1, 不掌握 1, 结转下年度 1 — it balances. */
function table3Value(rowId: string, i: number): number {
  const values: Record<string, number> = { new: 3 + i, carry_in: 1, r1: 1 + i, r2: 1, r4_1: 1, carry_out: 1 };
  return values[rowId] ?? 0;
}

/** 本年新收 总计 of the valid answers: Σ (3+i) over six columns. */
export const NEW_TOTAL = T3_INPUT_COLUMNS.reduce((a, _c, i) => a + table3Value('new', i), 0);
export const CARRY_IN_TOTAL = T3_INPUT_COLUMNS.length;

/** Distinct sentences per year, so that last year's text is not this year's (W6). */
const THIS_YEAR = [
  '围绕优化营商环境，集中发布惠企政策汇编，开设政策问答专栏，组织部门负责人走进直播间解读新出台的措施，企业群众反映良好。',
  '严格执行收件登记、分办转办、审核答复流程，对复杂申请提前与申请人沟通，明确需求，答复文书统一模板并逐件法制审核。',
  '对历年制发的文件开展清理，按主动公开、依申请公开和不予公开三类重新标注属性，清理结果在门户网站集中公布接受监督。',
  '完成门户网站集约化改版，上线智能检索和无障碍浏览功能，政务新媒体账号统一纳入监管平台，每季度开展内容安全巡检。',
  '将政务公开纳入年度绩效考核，聘请社会监督员开展体验评议，针对发现的栏目更新滞后问题建立台账，逐项督促整改到位。',
  '部分领域公开内容不够细化，政策解读形式较为单一，基层工作人员对条例条款理解不深，依申请答复的规范性仍需加强。',
  '针对上年指出的栏目更新不及时问题，建立周检通报制度；组织两期业务培训，覆盖全部科室联络员，并印发答复文书范本。',
  '本年度按照政务公开工作要点逐项分解任务，人大代表建议和政协提案办理结果均已在门户网站公开，本年度未收取信息处理费。',
];
const LAST_YEAR = [
  '聚焦民生热点，公开了教育、医疗、养老等领域的重点工作进展，定期发布重大项目建设信息，回应社会关切的效率明显提升。',
  '依法受理各类申请，建立疑难申请会商机制，邀请法律顾问参与研判，全年未发生因答复不规范被纠错的情况，办理质量稳定。',
  '修订政府信息公开工作规则，明确公开属性源头认定，对拟公开信息实行保密审查和三级审核，杜绝泄密和不当公开事件。',
  '对政府网站栏目进行梳理合并，删除空白栏目，规范信息发布格式，移动端页面实现自适应，群众查阅信息更加便捷高效。',
  '成立工作领导小组，主要负责同志专题研究公开工作，制定年度任务清单，对照清单开展半年自查，发现问题立行立改。',
  '公开平台栏目更新不及时，个别信息发布不够规范，政策解读的数量和质量与群众期待相比还有差距，队伍力量较为薄弱。',
  '下一步将完善信息发布审核机制，加强对各科室的指导，增加图解和视频解读比重，持续提升公开工作的规范化水平。',
  '认真落实上级政务公开工作部署，建议提案办理结果按要求公开，全年无需要特别报告的其他事项，未收取信息处理费。',
];

function texts(bank: string[], newTotal?: number): Record<string, string> {
  const out: Record<string, string> = {};
  const fields = SECTIONS.flatMap((s) => s.texts);
  fields.forEach((field, i) => {
    out[field.key] = `${field.label}：${bank[i % bank.length]}`;
  });
  // A number in the text that agrees with table 三 (W5 must stay quiet).
  if (newTotal !== undefined)
    out['s1.request'] += `本年共收到政府信息公开申请${newTotal}件，均在法定期限内答复。`;
  return out;
}

/** A complete report of this year that breaks no rule. */
export function validAnswers(): Answers {
  const a: Answers = {};
  for (const block of TABLE2.blocks)
    for (const row of block.rows)
      for (const col of block.columns) {
        const value: Record<string, RawValue> = { issued: 2, repealed: 1, valid: 10 };
        a[table2Key(row.id, col.id)] = block.kind === 'wan_yuan' ? '12.5' : (value[col.id] ?? 5);
      }
  for (const row of TABLE3.rows.filter((r) => !r.computed))
    T3_INPUT_COLUMNS.forEach((c, i) => (a[table3Key(row.id, c)] = table3Value(row.id, i)));
  const t4: Record<string, number[]> = { review: [1, 1, 0, 1], direct: [1, 0, 0, 0], post: [0, 0, 1, 0] };
  for (const group of TABLE4.groups)
    TABLE4.columns
      .filter((c) => !c.computed)
      .forEach((c, i) => (a[table4Key(group.id, c.id)] = t4[group.id][i]));
  for (const f of FEE_FIELDS) a[f.key] = 0;
  Object.assign(a, texts(THIS_YEAR, NEW_TOTAL));
  // Metadata is optional and not checked; present so that W6 must skip it.
  for (const f of TEXT_FIELDS.filter((t) => t.key.startsWith('meta.'))) a[f.key] = `${f.label}：示例`;
  return a;
}

/** Last year's report, consistent with validAnswers(): 结转下年度 = this year's 上年结转, 现行有效 = 10 − 2 + 1. */
export function lastYearAnswers(): Answers {
  const a = validAnswers();
  for (const row of TABLE2.blocks[0].rows) a[table2Key(row.id, 'valid')] = 9;
  Object.assign(a, texts(LAST_YEAR));
  return a;
}

/** A copy with some keys changed; `undefined` deletes a key. */
export function withChanges(base: Answers, changes: Record<string, RawValue | undefined>): Answers {
  const a = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete a[k];
    else a[k] = v;
  }
  return a;
}
