/**
 * The official 2021 format of 政府信息公开工作年度报告 (国办公开办函〔2021〕30号), described once, as data.
 *
 * Every label, every canonical cell key and every computed cell lives here; cards, validation, rendering,
 * import and the emulator's tests are driven from it. Sources: 国办公开办函〔2021〕30号 and the practice of published reports (see the README "The checks").
 * Nothing else in the code may spell a row or column label.
 */

/** How a number cell is typed and shown. */
export type NumberKind =
  /** a count of items (件): an integer ≥ 0 */
  | 'count'
  /**
   * 行政事业性收费 in 万元: a decimal ≥ 0 with at most 6 places — 万元 to the 分 (1 分 = 0.000001 万元); published
   * reports print up to 6 (59237.2449, 1234.567891)
   */
  | 'wan_yuan'
  /** 信息处理费 in 元: a decimal ≥ 0 with at most 2 places (分) */
  | 'yuan';

export const NUMBER_KINDS: Record<NumberKind, { unit: string; maxDecimals: number }> = {
  count: { unit: '件', maxDecimals: 0 },
  wan_yuan: { unit: '万元', maxDecimals: 6 },
  yuan: { unit: '元', maxDecimals: 2 },
};

export type SectionId = 's1' | 's2' | 's3' | 's4' | 's5' | 's6';
export type TableId = 't2' | 't3' | 't4';

/** A free-text field. */
export interface TextField {
  key: string;
  /** the heading printed in the report, e.g. 「（一）主动公开」; empty when the text stands without one */
  heading: string;
  /** what the field is, for a person filling it in */
  label: string;
  /**
   * A card asks for it (a blank is refused while its section has no other text); E7 is per section: the report
   * cannot go to the approver while every text of a section with a required text is empty
   */
  required: boolean;
}

/** A number that is not a table cell (the 信息处理费 figures of section 六). */
export interface NumberField {
  key: string;
  label: string;
  kind: NumberKind;
}

/** A number cell of one of the three statistics tables. */
export interface TableCell {
  key: string;
  table: TableId;
  kind: NumberKind;
  /** how a clerk names this cell, e.g. 「第三部分 自然人列 本年新收」 */
  label: string;
  /** computed cells (ⓒ) are the sum of `sumOf`; never asked for, checked when given */
  sumOf?: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Table 二 — 主动公开政府信息情况 (no computed cells)

export interface Table2Block {
  /** 「第二十条第（一）项」 */
  heading: string;
  /** the column headers right of 「信息内容」 */
  columns: { id: string; label: string }[];
  rows: { id: string; label: string }[];
  kind: NumberKind;
}

export const TABLE2 = {
  id: 't2' as const,
  title: '主动公开政府信息情况',
  contentHeader: '信息内容',
  blocks: [
    {
      heading: '第二十条第（一）项',
      columns: [
        { id: 'issued', label: '本年制发件数' },
        { id: 'repealed', label: '本年废止件数' },
        { id: 'valid', label: '现行有效件数' },
      ],
      rows: [
        { id: 'reg', label: '规章' },
        { id: 'norm', label: '行政规范性文件' },
      ],
      kind: 'count',
    },
    {
      heading: '第二十条第（五）项',
      columns: [{ id: '', label: '本年处理决定数量' }],
      rows: [{ id: 'license', label: '行政许可' }],
      kind: 'count',
    },
    {
      heading: '第二十条第（六）项',
      columns: [{ id: '', label: '本年处理决定数量' }],
      rows: [
        { id: 'penalty', label: '行政处罚' },
        { id: 'coercion', label: '行政强制' },
      ],
      kind: 'count',
    },
    {
      heading: '第二十条第（八）项',
      columns: [{ id: '', label: '本年收费金额（单位：万元）' }],
      rows: [{ id: 'fee', label: '行政事业性收费' }],
      kind: 'wan_yuan',
    },
  ] satisfies Table2Block[],
};

/** `t2.reg.issued` for a column id, `t2.license` for the single-column blocks. */
export function table2Key(rowId: string, columnId: string): string {
  return columnId ? `t2.${rowId}.${columnId}` : `t2.${rowId}`;
}

// ---------------------------------------------------------------------------------------------------------
// Table 三 — 收到和处理政府信息公开申请情况

export interface Table3Column {
  id: string;
  /** the printed header */
  label: string;
  /** the header above it, when the column sits under a merged one (「法人或其他组织」) */
  group?: string;
  computed?: boolean;
}

export interface Table3Row {
  id: string;
  /** the printed label, exactly as in the official table */
  label: string;
  /** a short name for sentences: 「本年新收」 */
  short: string;
  /** the merged heading this row sits under: 「三、本年度办理结果」, then e.g. 「（三）不予公开」 */
  parents: string[];
  computed?: boolean;
}

const RESULTS = '三、本年度办理结果';
const DENIED = '（三）不予公开';
const UNABLE = '（四）无法提供';
const NOT_HANDLED = '（五）不予处理';
const OTHER = '（六）其他处理';

export const TABLE3 = {
  id: 't3' as const,
  title: '收到和处理政府信息公开申请情况',
  /** printed in the table's header; E5 is this sentence as an equation */
  note: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  applicantHeader: '申请人情况',
  columns: [
    { id: 'np', label: '自然人' },
    { id: 'biz', label: '商业企业', group: '法人或其他组织' },
    { id: 'res', label: '科研机构', group: '法人或其他组织' },
    { id: 'npo', label: '社会公益组织', group: '法人或其他组织' },
    { id: 'law', label: '法律服务机构', group: '法人或其他组织' },
    { id: 'oth', label: '其他', group: '法人或其他组织' },
    { id: 'tot', label: '总计', computed: true },
  ] satisfies Table3Column[],
  rows: [
    { id: 'new', label: '一、本年新收政府信息公开申请数量', short: '本年新收', parents: [] },
    { id: 'carry_in', label: '二、上年结转政府信息公开申请数量', short: '上年结转', parents: [] },
    { id: 'r1', label: '（一）予以公开', short: '予以公开', parents: [RESULTS] },
    {
      id: 'r2',
      label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      short: '部分公开',
      parents: [RESULTS],
    },
    { id: 'r3_1', label: '1.属于国家秘密', short: '不予公开·国家秘密', parents: [RESULTS, DENIED] },
    {
      id: 'r3_2',
      label: '2.其他法律行政法规禁止公开',
      short: '不予公开·其他法律行政法规禁止公开',
      parents: [RESULTS, DENIED],
    },
    {
      id: 'r3_3',
      label: '3.危及“三安全一稳定”',
      short: '不予公开·危及“三安全一稳定”',
      parents: [RESULTS, DENIED],
    },
    {
      id: 'r3_4',
      label: '4.保护第三方合法权益',
      short: '不予公开·保护第三方合法权益',
      parents: [RESULTS, DENIED],
    },
    {
      id: 'r3_5',
      label: '5.属于三类内部事务信息',
      short: '不予公开·三类内部事务信息',
      parents: [RESULTS, DENIED],
    },
    {
      id: 'r3_6',
      label: '6.属于四类过程性信息',
      short: '不予公开·四类过程性信息',
      parents: [RESULTS, DENIED],
    },
    { id: 'r3_7', label: '7.属于行政执法案卷', short: '不予公开·行政执法案卷', parents: [RESULTS, DENIED] },
    { id: 'r3_8', label: '8.属于行政查询事项', short: '不予公开·行政查询事项', parents: [RESULTS, DENIED] },
    {
      id: 'r4_1',
      label: '1.本机关不掌握相关政府信息',
      short: '无法提供·本机关不掌握',
      parents: [RESULTS, UNABLE],
    },
    {
      id: 'r4_2',
      label: '2.没有现成信息需要另行制作',
      short: '无法提供·需要另行制作',
      parents: [RESULTS, UNABLE],
    },
    {
      id: 'r4_3',
      label: '3.补正后申请内容仍不明确',
      short: '无法提供·补正后仍不明确',
      parents: [RESULTS, UNABLE],
    },
    {
      id: 'r5_1',
      label: '1.信访举报投诉类申请',
      short: '不予处理·信访举报投诉类',
      parents: [RESULTS, NOT_HANDLED],
    },
    { id: 'r5_2', label: '2.重复申请', short: '不予处理·重复申请', parents: [RESULTS, NOT_HANDLED] },
    {
      id: 'r5_3',
      label: '3.要求提供公开出版物',
      short: '不予处理·要求提供公开出版物',
      parents: [RESULTS, NOT_HANDLED],
    },
    {
      id: 'r5_4',
      label: '4.无正当理由大量反复申请',
      short: '不予处理·无正当理由大量反复申请',
      parents: [RESULTS, NOT_HANDLED],
    },
    {
      id: 'r5_5',
      label: '5.要求行政机关确认或重新出具已获取信息',
      short: '不予处理·要求确认或重新出具已获取信息',
      parents: [RESULTS, NOT_HANDLED],
    },
    {
      id: 'r6_1',
      label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      short: '其他处理·逾期不补正',
      parents: [RESULTS, OTHER],
    },
    {
      id: 'r6_2',
      label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      short: '其他处理·逾期未缴费',
      parents: [RESULTS, OTHER],
    },
    { id: 'r6_3', label: '3.其他', short: '其他处理·其他', parents: [RESULTS, OTHER] },
    { id: 'r7', label: '（七）总计', short: '办理结果总计', parents: [RESULTS], computed: true },
    { id: 'carry_out', label: '四、结转下年度继续办理', short: '结转下年度', parents: [] },
  ] satisfies Table3Row[],
};

/** The result rows （一）…（六） whose sum is （七）总计. */
export const TABLE3_RESULT_ROWS: string[] = TABLE3.rows
  .filter((r) => r.parents[0] === RESULTS && !r.computed)
  .map((r) => r.id);

/** The four headings of the result groups with sub-rows, and the order they appear in. */
export const TABLE3_RESULT_GROUPS = [DENIED, UNABLE, NOT_HANDLED, OTHER];

export const table3Key = (rowId: string, columnId: string): string => `t3.${rowId}.${columnId}`;

// ---------------------------------------------------------------------------------------------------------
// Table 四 — 政府信息公开行政复议、行政诉讼情况

export const TABLE4 = {
  id: 't4' as const,
  title: '政府信息公开行政复议、行政诉讼情况',
  groups: [
    { id: 'review', label: '行政复议', parent: '' },
    { id: 'direct', label: '未经复议直接起诉', parent: '行政诉讼' },
    { id: 'post', label: '复议后起诉', parent: '行政诉讼' },
  ],
  columns: [
    { id: 'upheld', label: '结果维持' },
    { id: 'corrected', label: '结果纠正' },
    { id: 'other', label: '其他结果' },
    { id: 'pending', label: '尚未审结' },
    { id: 'total', label: '总计', computed: true },
  ],
};

export const table4Key = (groupId: string, columnId: string): string => `t4.${groupId}.${columnId}`;

// ---------------------------------------------------------------------------------------------------------
// Every number cell of the three tables, with its sums

function buildTableCells(): TableCell[] {
  const cells: TableCell[] = [];
  for (const block of TABLE2.blocks) {
    for (const row of block.rows) {
      for (const col of block.columns) {
        const label = `第二部分 ${row.label}${col.id ? ' ' + col.label : ''}`;
        cells.push({ key: table2Key(row.id, col.id), table: 't2', kind: block.kind, label });
      }
    }
  }
  const t3Inputs = TABLE3.columns.filter((c) => !c.computed).map((c) => c.id);
  for (const row of TABLE3.rows) {
    for (const col of TABLE3.columns) {
      const key = table3Key(row.id, col.id);
      const label = `第三部分 ${row.short} ${col.label}列`;
      let sumOf: string[] | undefined;
      // The 总计 column sums across; the （七）总计 row sums down. Their corner is both, which agree.
      if (col.computed) sumOf = t3Inputs.map((c) => table3Key(row.id, c));
      else if (row.computed) sumOf = TABLE3_RESULT_ROWS.map((r) => table3Key(r, col.id));
      cells.push({ key, table: 't3', kind: 'count', label, ...(sumOf ? { sumOf } : {}) });
    }
  }
  const t4Inputs = TABLE4.columns.filter((c) => !c.computed).map((c) => c.id);
  for (const group of TABLE4.groups) {
    for (const col of TABLE4.columns) {
      const label = `第四部分 ${group.parent}${group.label} ${col.label}`;
      const sumOf = col.computed ? t4Inputs.map((c) => table4Key(group.id, c)) : undefined;
      cells.push({
        key: table4Key(group.id, col.id),
        table: 't4',
        kind: 'count',
        label,
        ...(sumOf ? { sumOf } : {}),
      });
    }
  }
  return cells;
}

/** All 10 + 175 + 15 number cells of tables 二, 三 and 四, in printed order. */
export const TABLE_CELLS: readonly TableCell[] = buildTableCells();

export const TABLE_CELL_BY_KEY: ReadonlyMap<string, TableCell> = new Map(TABLE_CELLS.map((c) => [c.key, c]));

/** The cells a person types in: every table cell that is not computed. */
export const INPUT_CELLS: readonly TableCell[] = TABLE_CELLS.filter((c) => !c.sumOf);

/** The computed cells (ⓒ), in an order where every sum's terms are inputs or come earlier. */
export const COMPUTED_CELLS: readonly TableCell[] = TABLE_CELLS.filter((c) => c.sumOf);

// ---------------------------------------------------------------------------------------------------------
// Text, metadata and the six sections

export const META_FIELDS: TextField[] = [
  { key: 'meta.contact_office', heading: '', label: '联系机构', required: false },
  { key: 'meta.address', heading: '', label: '地址', required: false },
  { key: 'meta.phone', heading: '', label: '电话', required: false },
  { key: 'meta.postcode', heading: '', label: '邮编', required: false },
];

export const FEE_FIELDS: NumberField[] = [
  { key: 's6.fee.notices', label: '信息处理费：发出收费通知件数（件）', kind: 'count' },
  { key: 's6.fee.billed', label: '信息处理费：收费通知总金额（元）', kind: 'yuan' },
  { key: 's6.fee.collected', label: '信息处理费：实际收取金额（元）', kind: 'yuan' },
];

export interface Section {
  id: SectionId;
  /** the printed heading, 「一、总体情况」 */
  heading: string;
  /** the heading without its numeral, for sentences: 「总体情况」 */
  title: string;
  /** a short name for sentences: 「第一部分」 */
  part: string;
  texts: TextField[];
  /**
   * The parts are printed as one passage: a blank part prints nothing once another part has text (五: published
   * reports often write its problems and improvements together). E7 counts every section as written when any of
   * its texts has text; 一 keeps its five aspects apart in print, and W7 warns when one of them is blank.
   */
  oneTextSuffices?: boolean;
  numbers: NumberField[];
  table?: TableId;
}

export const SECTIONS: Section[] = [
  {
    id: 's1',
    heading: '一、总体情况',
    title: '总体情况',
    part: '第一部分',
    texts: [
      { key: 's1.intro', heading: '', label: '总体情况（开头段落）', required: false },
      { key: 's1.active', heading: '（一）主动公开', label: '主动公开', required: true },
      { key: 's1.request', heading: '（二）依申请公开', label: '依申请公开', required: true },
      { key: 's1.management', heading: '（三）政府信息管理', label: '政府信息管理', required: true },
      {
        key: 's1.platform',
        heading: '（四）政府信息公开平台建设',
        label: '政府信息公开平台建设',
        required: true,
      },
      { key: 's1.oversight', heading: '（五）监督保障', label: '监督保障', required: true },
    ],
    numbers: [],
  },
  {
    id: 's2',
    heading: '二、主动公开政府信息情况',
    title: '主动公开政府信息情况',
    part: '第二部分',
    texts: [],
    numbers: [],
    table: 't2',
  },
  {
    id: 's3',
    heading: '三、收到和处理政府信息公开申请情况',
    title: '收到和处理政府信息公开申请情况',
    part: '第三部分',
    texts: [],
    numbers: [],
    table: 't3',
  },
  {
    id: 's4',
    heading: '四、政府信息公开行政复议、行政诉讼情况',
    title: '政府信息公开行政复议、行政诉讼情况',
    part: '第四部分',
    texts: [],
    numbers: [],
    table: 't4',
  },
  {
    id: 's5',
    heading: '五、存在的主要问题及改进情况',
    title: '存在的主要问题及改进情况',
    part: '第五部分',
    texts: [
      { key: 's5.problems', heading: '（一）存在的主要问题', label: '存在的主要问题', required: true },
      {
        key: 's5.improvements',
        heading: '（二）改进情况',
        label: '改进情况（含上年问题整改）',
        required: true,
      },
    ],
    oneTextSuffices: true,
    numbers: [],
  },
  {
    id: 's6',
    heading: '六、其他需要报告的事项',
    title: '其他需要报告的事项',
    part: '第六部分',
    texts: [
      {
        key: 's6.text',
        heading: '',
        label: '其他需要报告的事项（工作要点落实、建议提案办理结果公开、其他）',
        required: true,
      },
    ],
    numbers: FEE_FIELDS,
  },
];

export const SECTION_BY_ID: ReadonlyMap<SectionId, Section> = new Map(SECTIONS.map((s) => [s.id, s]));

/** Every free-text field: metadata first, then the sections' texts in printed order. */
export const TEXT_FIELDS: readonly TextField[] = [...META_FIELDS, ...SECTIONS.flatMap((s) => s.texts)];

/** Every number a person can type: table inputs and the fee fields. */
export const NUMBER_INPUTS: readonly { key: string; kind: NumberKind; label: string }[] = [
  ...INPUT_CELLS,
  ...FEE_FIELDS,
];

/** The section a canonical key belongs to (`t3.*` → s3, `meta.*` → none). */
export function sectionOfKey(key: string): SectionId | undefined {
  const prefix = key.split('.')[0];
  if (prefix === 't2' || prefix === 't3' || prefix === 't4') return `s${prefix.slice(1)}` as SectionId;
  if (/^s[1-6]$/.test(prefix)) return prefix as SectionId;
  return undefined;
}

/** `{机关全称}{YYYY}年政府信息公开工作年度报告` */
export function reportTitle(unit: string, year: number): string {
  return `${unit}${year}年政府信息公开工作年度报告`;
}

/** The statistics period printed in the preamble. */
export function statisticsPeriod(year: number): string {
  return `${year}年1月1日至12月31日`;
}

// ---------------------------------------------------------------------------------------------------------
// The rules of report-format.md §3; the checker implements each id.

export type RuleLevel = 'error' | 'warning';

export const RULES = {
  E1: { level: 'error', title: '表格每一格都要填写，没有就填 0' },
  E2: { level: 'error', title: '数值类型正确（件数为非负整数，金额为非负数且小数位不超限）' },
  E3: { level: 'error', title: '第三部分每一行的总计等于各类申请人之和' },
  E4: { level: 'error', title: '第三部分（七）总计等于（一）至（六）各项之和' },
  E5: { level: 'error', title: '第三部分：本年新收 + 上年结转 = 办理结果总计 + 结转下年度' },
  E6: { level: 'error', title: '第四部分每一组的总计等于维持、纠正、其他、尚未审结之和' },
  E7: { level: 'error', title: '第一部分、第五部分、第六部分的文字不能为空' },
  W1: { level: 'warning', title: '上年结转应等于上年报告的结转下年度' },
  W2: { level: 'warning', title: '现行有效件数应等于上年现行有效 + 本年制发 − 本年废止' },
  W3: { level: 'warning', title: '行政事业性收费的单位应为万元' },
  W4: { level: 'warning', title: '第六部分应说明信息处理费的收取情况' },
  W5: { level: 'warning', title: '正文中的数字应与表格一致' },
  W6: { level: 'warning', title: '文字不宜大段照搬上年报告' },
  W7: { level: 'warning', title: '第一部分分方面写时，（一）至（五）五个方面都要写到' },
} as const satisfies Record<string, { level: RuleLevel; title: string }>;

export type RuleId = keyof typeof RULES;

// ---------------------------------------------------------------------------------------------------------
// Answers

/** A raw answer as typed or imported: numbers may arrive as JSON numbers or as strings. */
export type RawValue = string | number;

/** A report's answers: canonical key → value. */
export type Answers = Record<string, RawValue>;

/** The answers file of the command line and of import: `{"year": 2022, "unit": "…", "answers": {…}}`. */
export interface AnswersFile {
  year: number;
  unit: string;
  answers: Answers;
}
