/**
 * What a cell must show, worked out here from the typed values and the sums of the official format,
 * independently of the renderers' own number code.
 */
import { TABLE_CELL_BY_KEY, type AnswersFile } from '../../src/report/template.js';

/** The text a cell must show: the typed text, a computed cell's sum, '' when a term is blank. */
export function expectedText(file: AnswersFile, key: string): string {
  const cell = TABLE_CELL_BY_KEY.get(key);
  if (cell?.sumOf) {
    const terms = cell.sumOf.map((k) => expectedText(file, k));
    return terms.includes('') ? '' : String(terms.reduce((sum, t) => sum + Number(t), 0));
  }
  const raw = file.answers[key];
  return raw === undefined ? '' : String(raw).trim();
}
