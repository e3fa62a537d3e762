/**
 * Cards that stay usable on a 390 px phone, checked on the card JSON (the browser test looks at the pixels):
 * a table step names the row and the column of every box with visible text and gives each box a fixed width
 * that wraps to the next line instead of shrinking; the approver's tables give every column a real width, so
 * Feishu scrolls them sideways instead of squeezing 「自然人」 to one character a line.
 */
import { stepCard } from '../../cards/fill-step.js';
import { tableElement } from '../../cards/review-parts.js';
import { cardTables } from '../../src/approval/review-tables.js';
import { newDraft } from '../../src/filling/draft.js';
import { answerQuestion } from '../../src/filling/question.js';
import { ALL_STEPS, type GridColumn, type GridRow } from '../../src/filling/steps.js';
import { stepView } from '../../src/filling/view.js';
import { CTX } from '../filling/helpers.js';

type El = Record<string, unknown>;

/** Every element of the card with the list it sits in. */
function walk(list: El[], out: { el: El; siblings: El[] }[] = []): { el: El; siblings: El[] }[] {
  for (const el of list) {
    out.push({ el, siblings: list });
    if (Array.isArray(el.elements)) walk(el.elements as El[], out);
    if (Array.isArray(el.columns) && el.tag !== 'table') walk(el.columns as El[], out);
  }
  return out;
}

const px = (w: unknown): number => (typeof w === 'string' && /^\d+px$/.test(w) ? parseInt(w, 10) : 0);

const gridSteps = ALL_STEPS.filter((s) => s.parts.some((p) => p.type === 'grid'));
const grids = (stepId: string) =>
  ALL_STEPS.find((s) => s.id === stepId)!.parts.flatMap((p) =>
    p.type === 'grid' ? p.rows.map((row) => ({ row, columns: p.columns })) : [],
  ) as { row: GridRow; columns: GridColumn[] }[];

describe('table steps at phone width', () => {
  it.each(gridSteps.map((s) => [s.id, s] as const))(
    '%s: each row is its name, then one labelled box per column that wraps instead of shrinking',
    (_id, step) => {
      const draft = answerQuestion(newDraft(), 'some').draft;
      const card = stepCard(stepView(draft, CTX, step.section, step.id)!);
      const all = walk(card.body.elements as El[]);
      for (const { row, columns } of grids(step.id)) {
        const boxes = row.keys.map((key) => all.find(({ el }) => el.tag === 'input' && el.name === key)!.el);
        // The column's name is a label above the box: visible whatever is typed, unlike a placeholder.
        expect(boxes.map((b) => (b.label as { content: string } | undefined)?.content)).toEqual(
          columns.map((c) => c.label),
        );
        for (const b of boxes) {
          expect(b.label_position).toBe('top');
          // Feishu's fixed width for an input is at least 100px: room for a 5-digit count and its label.
          expect(px(b.width)).toBeGreaterThanOrEqual(100);
        }
        // The row's boxes share one column_set that flows onto more lines when the card is narrow, and the
        // row's name is the text right above it.
        const set = all.find(
          ({ el }) => el.tag === 'column_set' && JSON.stringify(el).includes(`"name":"${row.keys[0]}"`),
        )!;
        expect(set.el.flex_mode).toBe('flow');
        const cols = set.el.columns as El[];
        expect(cols.map((c) => ((c.elements as El[])[0] as El).name)).toEqual(row.keys);
        const above = set.siblings[set.siblings.indexOf(set.el) - 1];
        expect(above.tag).toBe('markdown');
        expect(String(above.content)).toContain(row.label);
      }
    },
  );

  it('a text step keeps its full-width box without a label (the heading above names it)', () => {
    const step = ALL_STEPS.find((s) => s.kind === 'text')!;
    const card = stepCard(stepView(newDraft(), CTX, step.section, step.id)!);
    const box = walk(card.body.elements as El[]).find(({ el }) => el.tag === 'input')!.el;
    expect(box.width).toBe('fill');
    expect(box.label).toBeUndefined();
  });
});

describe("the approver card's tables at phone width", () => {
  it('gives every column a fixed width of at least 80px (Feishu then scrolls the table sideways)', () => {
    const tables = cardTables({ 't3.new.np': 3001, 't4.review.upheld': 2 });
    for (const t of Object.values(tables)) {
      const el = tableElement(t) as { columns: El[]; freeze_first_column: boolean; row_height: string };
      for (const c of el.columns) expect(px(c.width)).toBeGreaterThanOrEqual(80);
      expect(el.freeze_first_column).toBe(true);
      // Long row names (「不予公开・其他法律行政法规禁止公开」) wrap in their column instead of being cut.
      expect(el.row_height).toBe('auto');
    }
    const t3 = tableElement(tables.t3) as { columns: El[] };
    expect(t3.columns.find((c) => c.display_name === '自然人')!.width).toBe('80px');
  });
});
