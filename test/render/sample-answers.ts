/**
 * An answers file where every typed cell holds a different number (100 + its index), so a value printed
 * under the wrong row or column is caught; sums (≥ 600) never equal a typed value (≤ 265).
 */
import { INPUT_CELLS, SECTIONS, type AnswersFile } from '../../src/report/template.js';

export const FEE_AS_TYPED = '59237.2449';

export function distinctAnswers(): AnswersFile {
  const answers: AnswersFile['answers'] = {};
  INPUT_CELLS.forEach((cell, index) => {
    answers[cell.key] = cell.key === 't2.fee' ? FEE_AS_TYPED : String(100 + index);
  });
  for (const section of SECTIONS)
    for (const field of section.texts)
      answers[field.key] = `${field.label}的正文第一段。\n\n${field.label}的正文第二段。`;
  Object.assign(answers, {
    'meta.contact_office': '上高县机关事务管理中心人秘股',
    'meta.address': '上高县青莲路9号',
    'meta.phone': '2511247',
    'meta.postcode': '336400',
    's6.fee.notices': '2',
    's6.fee.billed': '150.50',
    's6.fee.collected': 120,
  });
  return { year: 2022, unit: '上高县机关事务管理中心', answers };
}
