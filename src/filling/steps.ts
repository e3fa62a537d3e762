/**
 * The step plan: how each section of the report is split into cards a person can fill on one screen.
 * Everything is derived from the template (report/template.ts); no label is spelled here.
 *
 * Table 三 follows the grouping of the official table: intake rows, （一）（二）, （三） with its 8 sub-rows,
 * （四）+（五） (3 + 5 sub-rows), （六） with 结转下年度. Each card then holds at most 8 rows × 6 applicant
 * columns = 48 inputs, which keeps it under Feishu's ~200 elements and 30 KB (measured in test/cards).
 */
import { feeRequest } from '../report/rules/fees.js';
import {
  FEE_FIELDS,
  META_FIELDS,
  NUMBER_INPUTS,
  RULES,
  SECTION_BY_ID,
  SECTIONS,
  TABLE2,
  TABLE3,
  TABLE3_RESULT_GROUPS,
  TABLE4,
  table2Key,
  table3Key,
  table4Key,
  type NumberKind,
  type SectionId,
} from '../report/template.js';

export type StepKind = 'question' | 'form' | 'text';

/** One column of a grid: its id and printed header (and the merged header above it, if any). */
export interface GridColumn {
  id: string;
  label: string;
  group?: string;
}

/** One row of a grid: its printed label, the merged headings above it, and its input keys by column. */
export interface GridRow {
  id: string;
  label: string;
  parents: string[];
  keys: string[];
}

/** What a step's card shows, in order. */
export type StepPart =
  | { type: 'heading'; text: string }
  | { type: 'grid'; columns: GridColumn[]; rows: GridRow[] }
  | { type: 'number'; key: string; label: string; kind: NumberKind; optional: boolean }
  | { type: 'text'; key: string; label: string; heading: string; required: boolean };

export interface Step {
  /** unique across the report, e.g. `s3.r3` */
  id: string;
  section: SectionId;
  kind: StepKind;
  title: string;
  /** the canonical keys a person enters in this step, in card order (empty for the question) */
  keys: string[];
  parts: StepPart[];
}

/** The question of section 三 that is not a cell: asked with buttons (design.md conventions). */
export const S3_QUESTION = '本年度是否收到政府信息公开申请？';

const T3_INPUT_COLUMNS: GridColumn[] = TABLE3.columns
  .filter((c) => !c.computed)
  .map((c) => ({ id: c.id, label: c.label, ...('group' in c && c.group ? { group: c.group } : {}) }));

function t3Row(id: string): GridRow {
  const row = TABLE3.rows.find((r) => r.id === id)!;
  return {
    id,
    label: row.label,
    parents: row.parents,
    keys: T3_INPUT_COLUMNS.map((c) => table3Key(id, c.id)),
  };
}

const rowsUnder = (heading: string): string[] =>
  TABLE3.rows.filter((r) => r.parents[1] === heading).map((r) => r.id);

const short = (id: string): string => TABLE3.rows.find((r) => r.id === id)!.short;

function gridStep(id: string, title: string, rowIds: string[]): Step {
  const rows = rowIds.map(t3Row);
  const parts: StepPart[] = [];
  // Sub-rows sit under a merged heading in the printed table (（三）不予公开 …); show it once per group.
  let lastGroup = '';
  let pending: GridRow[] = [];
  const flush = () => {
    if (pending.length) parts.push({ type: 'grid', columns: T3_INPUT_COLUMNS, rows: pending });
    pending = [];
  };
  for (const row of rows) {
    const group = row.parents[1] ?? '';
    if (group !== lastGroup) {
      flush();
      if (group) parts.push({ type: 'heading', text: group });
      lastGroup = group;
    }
    pending.push(row);
  }
  flush();
  return { id, section: 's3', kind: 'form', title, keys: rows.flatMap((r) => r.keys), parts };
}

function textStep(section: SectionId, key: string): Step {
  const field = SECTION_BY_ID.get(section)!.texts.find((t) => t.key === key)!;
  return {
    id: key,
    section,
    kind: 'text',
    title: field.heading || field.label,
    keys: [key],
    parts: [{ type: 'text', key, label: field.label, heading: field.heading, required: field.required }],
  };
}

function section1(): Step[] {
  const contact: Step = {
    id: 's1.contact',
    section: 's1',
    kind: 'form',
    title: `联系方式（${META_FIELDS.map((f) => f.label).join('、')}，可不填）`,
    keys: META_FIELDS.map((f) => f.key),
    parts: META_FIELDS.map((f) => ({
      type: 'text',
      key: f.key,
      label: f.label,
      heading: '',
      required: false,
    })),
  };
  return [...SECTION_BY_ID.get('s1')!.texts.map((t) => textStep('s1', t.key)), contact];
}

function section2(): Step {
  const parts: StepPart[] = [];
  for (const block of TABLE2.blocks) {
    parts.push({ type: 'heading', text: block.heading });
    if (block.columns.length > 1) {
      const rows = block.rows.map((r) => ({
        id: r.id,
        label: r.label,
        parents: [],
        keys: block.columns.map((c) => table2Key(r.id, c.id)),
      }));
      parts.push({ type: 'grid', columns: block.columns.map((c) => ({ id: c.id, label: c.label })), rows });
    } else {
      for (const r of block.rows)
        parts.push({
          type: 'number',
          key: table2Key(r.id, block.columns[0].id),
          label: `${r.label}：${block.columns[0].label}`,
          kind: block.kind,
          optional: false,
        });
    }
  }
  return { id: 's2.table', section: 's2', kind: 'form', title: TABLE2.title, keys: keysOf(parts), parts };
}

function section3(): Step[] {
  const [denied, unable, notHandled, other] = TABLE3_RESULT_GROUPS;
  return [
    { id: 's3.question', section: 's3', kind: 'question', title: S3_QUESTION, keys: [], parts: [] },
    gridStep('s3.intake', `${short('new')}、${short('carry_in')}`, ['new', 'carry_in']),
    gridStep('s3.r1r2', `${short('r1')}、${short('r2')}`, ['r1', 'r2']),
    gridStep('s3.r3', denied, rowsUnder(denied)),
    gridStep('s3.r4r5', `${unable}、${notHandled}`, [...rowsUnder(unable), ...rowsUnder(notHandled)]),
    gridStep('s3.r6out', `${other}、${short('carry_out')}`, [...rowsUnder(other), 'carry_out']),
  ];
}

function section4(): Step {
  const columns = TABLE4.columns.filter((c) => !c.computed).map((c) => ({ id: c.id, label: c.label }));
  const rows = TABLE4.groups.map((g) => ({
    id: g.id,
    label: g.label,
    parents: g.parent ? [g.parent] : [],
    keys: columns.map((c) => table4Key(g.id, c.id)),
  }));
  const parts: StepPart[] = [{ type: 'grid', columns, rows }];
  return { id: 's4.table', section: 's4', kind: 'form', title: TABLE4.title, keys: keysOf(parts), parts };
}

function section6(): Step {
  const s6 = SECTION_BY_ID.get('s6')!;
  const parts: StepPart[] = [
    // W4's own words: the figures may stay blank only when the text states the fee, so they are not 「可不填」.
    { type: 'heading', text: `${RULES.W4.title}：${feeRequest()}` },
    ...FEE_FIELDS.map((f) => ({
      type: 'number' as const,
      key: f.key,
      label: f.label,
      kind: f.kind,
      optional: false,
    })),
    ...s6.texts.map((t) => ({
      type: 'text' as const,
      key: t.key,
      label: t.label,
      heading: t.heading,
      required: t.required,
    })),
  ];
  return { id: 's6.all', section: 's6', kind: 'form', title: s6.heading, keys: keysOf(parts), parts };
}

function keysOf(parts: StepPart[]): string[] {
  return parts.flatMap((p) =>
    p.type === 'grid' ? p.rows.flatMap((r) => r.keys) : p.type === 'heading' ? [] : [p.key],
  );
}

const PLAN: Record<SectionId, Step[]> = {
  s1: section1(),
  s2: [section2()],
  s3: section3(),
  s4: [section4()],
  s5: SECTION_BY_ID.get('s5')!.texts.map((t) => textStep('s5', t.key)),
  s6: [section6()],
};

/** Every step of the given sections, in printed order. */
export function planSteps(sections: readonly SectionId[]): Step[] {
  return SECTIONS.filter((s) => sections.includes(s.id)).flatMap((s) => PLAN[s.id]);
}

/** All steps of the report. */
export const ALL_STEPS: readonly Step[] = planSteps(SECTIONS.map((s) => s.id));

export const STEP_BY_ID: ReadonlyMap<string, Step> = new Map(ALL_STEPS.map((s) => [s.id, s]));

/** The step where a canonical input key is entered. */
export const STEP_OF_KEY: ReadonlyMap<string, Step> = new Map(
  ALL_STEPS.flatMap((s) => s.keys.map((k) => [k, s])),
);

/** How a number key is typed, or undefined for a text key. */
export function numberKindOf(key: string): NumberKind | undefined {
  return NUMBER_INPUTS.find((n) => n.key === key)?.kind;
}

/** Number keys a person may leave blank (the 信息处理费 figures: W4 only asks that fees be stated somewhere). */
export const OPTIONAL_NUMBER_KEYS: ReadonlySet<string> = new Set(FEE_FIELDS.map((f) => f.key));

/** Whether the step's card offers 「本年度未收取信息处理费」 (no-fee.ts): the step with the fee figures. */
export function offersNoFee(step: Step): boolean {
  return step.keys.some((k) => OPTIONAL_NUMBER_KEYS.has(k));
}
