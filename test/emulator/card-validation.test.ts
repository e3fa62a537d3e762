import { validateCard } from '../../src/emulator/card-validation.js';
import { formCard, textCard } from './helpers.js';

type El = Record<string, unknown>;
const card = (elements: El[]): El => ({ schema: '2.0', config: { update_multi: true }, body: { elements } });
const submit = (name = 'ok'): El => ({
  tag: 'button',
  name,
  form_action_type: 'submit',
  text: { tag: 'plain_text', content: '提交' },
});
const form = (name: string, elements: El[]): El => ({ tag: 'form', name, elements });

describe('card JSON 2.0 rules Feishu enforces', () => {
  test('cards the bot is expected to send pass', () => {
    expect(validateCard(formCard())).toBeNull();
    expect(validateCard(textCard('x'))).toBeNull();
    // two forms, each with its own submit, names unique across the card
    expect(
      validateCard(card([form('a', [{ tag: 'input', name: 'x' }, submit('s1')]), form('b', [submit('s2')])])),
    ).toBeNull();
  });

  test('schema, update_multi and body.elements are required', () => {
    expect(validateCard({ ...textCard('x'), schema: '1.0' })).toContain('schema');
    expect(validateCard({ schema: '2.0', body: { elements: [] } })).toContain('update_multi');
    expect(validateCard({ schema: '2.0', config: { update_multi: true } })).toContain('body.elements');
    expect(validateCard('{"schema":"2.0"}')).toContain('object');
  });

  test('a form only at the root, never nested, never holding a table', () => {
    const inColumn = card([
      { tag: 'column_set', columns: [{ tag: 'column', elements: [form('f', [submit()])] }] },
    ]);
    expect(validateCard(inColumn)).toContain('root');
    expect(validateCard(card([form('f', [form('g', [submit('s2')]), submit()])]))).toContain('nested');
    expect(validateCard(card([form('f', [{ tag: 'table', columns: [], rows: [] }, submit()])]))).toContain(
      'table',
    );
  });

  test('form components need card-unique names and the form a submit button', () => {
    expect(validateCard(card([form('f', [{ tag: 'input' }, submit()])]))).toContain('needs a name');
    expect(validateCard(card([form('f', [{ tag: 'input', name: 'x' }])]))).toContain('submit');
    expect(validateCard(card([form('f', [{ tag: 'button', name: 'back' }, submit()])]))).toContain(
      'form_action_type',
    );
    expect(
      validateCard(
        card([form('f', [{ tag: 'button', name: 'clear', form_action_type: 'reset' }, submit()])]),
      ),
    ).toBeNull();
    const dup = card([
      form('a', [{ tag: 'input', name: 'x' }, submit('s1')]),
      form('b', [{ tag: 'input', name: 'x' }, submit('s2')]),
    ]);
    expect(validateCard(dup)).toContain('unique');
    // outside forms Feishu does not key anything by name, so repeats there are fine
    expect(
      validateCard(
        card([
          { tag: 'button', name: 'b' },
          { tag: 'button', name: 'b' },
        ]),
      ),
    ).toBeNull();
  });

  test('tags removed in JSON 2.0 and unknown tags are refused', () => {
    expect(validateCard(card([{ tag: 'action', actions: [] }]))).toContain('does not exist in card JSON 2.0');
    expect(validateCard(card([{ tag: 'note', elements: [] }]))).toContain('JSON 2.0');
    expect(validateCard(card([{ tag: 'buton' }]))).toContain('unknown tag');
    expect(validateCard(card([{ content: 'no tag' }]))).toContain('no tag');
  });

  test('at most 200 elements counted recursively', () => {
    const md = (i: number): El => ({ tag: 'markdown', content: String(i) });
    // 1 column_set + 1 column + 198 markdown = 200
    const at200 = card([
      {
        tag: 'column_set',
        columns: [{ tag: 'column', elements: Array.from({ length: 198 }, (_, i) => md(i)) }],
      },
    ]);
    expect(validateCard(at200)).toBeNull();
    const over = card([
      {
        tag: 'column_set',
        columns: [{ tag: 'column', elements: Array.from({ length: 199 }, (_, i) => md(i)) }],
      },
    ]);
    expect(validateCard(over)).toContain('201 elements');
  });

  test('element_id must be unique', () => {
    const c = card([
      { tag: 'markdown', content: 'a', element_id: 'm1' },
      { tag: 'markdown', content: 'b', element_id: 'm1' },
    ]);
    expect(validateCard(c)).toContain('element_id');
  });
});
