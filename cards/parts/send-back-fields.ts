/**
 * The fields 驳回 and 重新打开 share: why (a required text) and which sections go back to filling (at least one,
 * none preselected: sending a section back is a decision, not a default), each with its error under it.
 */
import { MAX_REASON_CHARS } from '../../src/approval/actions.js';
import type { RejectFormState } from '../../src/approval/context.js';
import type { Names } from '../../src/approval/review-view.js';
import type { SectionId } from '../../src/report/template.js';
import { namesOf } from '../review-parts.js';
import { escapeMd, md, red } from './elements.js';

/** The words that differ between the two forms. */
export interface SendBackWords {
  intro: string;
  reasonLabel: string;
  reasonExample: string;
  sectionsHeading: string;
  sectionsPlaceholder: string;
}

/** The intro, the reason input and the section picker, as form elements. */
export function sendBackFields(
  view: { names: Names; sections: { id: SectionId; heading: string; fillers: string[] }[] },
  state: RejectFormState,
  words: SendBackWords,
): object[] {
  const errors = state.errors ?? {};
  const fields: object[] = [
    md(words.intro),
    {
      tag: 'input',
      name: 'reason',
      required: true,
      input_type: 'multiline_text',
      rows: 4,
      max_length: MAX_REASON_CHARS,
      width: 'fill',
      label: { tag: 'plain_text', content: words.reasonLabel },
      placeholder: { tag: 'plain_text', content: words.reasonExample },
      ...(state.reason ? { default_value: state.reason } : {}),
    },
  ];
  if (errors.reason) fields.push(md(red(escapeMd(errors.reason))));
  fields.push(md(words.sectionsHeading));
  fields.push({
    tag: 'multi_select_static',
    name: 'sections',
    required: true,
    width: 'fill',
    placeholder: { tag: 'plain_text', content: words.sectionsPlaceholder },
    options: view.sections.map((s) => ({
      text: { tag: 'plain_text', content: `${s.heading}（${namesOf(view.names, s.fillers)}）` },
      value: s.id,
    })),
    ...(state.sections?.length ? { selected_values: state.sections } : {}),
  });
  if (errors.sections) fields.push(md(red(escapeMd(errors.sections))));
  return fields;
}
