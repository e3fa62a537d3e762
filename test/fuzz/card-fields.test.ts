/**
 * Property-based fuzzing (issue 14) of every kind of card field through the real reading of a form submit
 * (submitStep → readStepForm → parseNumber / checkText / parseContact): table cells, text fields, fee fields,
 * contact fields. Whatever is typed, nothing throws; a value stored is exactly the value the person meant, and
 * anything else is refused with a Chinese sentence and not stored.
 */
import fc from 'fast-check';
import { newDraft } from '../../src/filling/draft.js';
import { cleanText, MAX_TEXT_CHARS } from '../../src/filling/read-form.js';
import { STEP_BY_ID } from '../../src/filling/steps.js';
import { submitStep } from '../../src/filling/submit-step.js';
import type { SectionId } from '../../src/report/template.js';
import { CHINESE, params } from './runs.js';

/** Submits one step with `key` set to `typed` and every other field filled validly. */
function submit(stepId: string, key: string, typed: unknown, others: (k: string) => string = () => '0') {
  const step = STEP_BY_ID.get(stepId)!;
  const formValue: Record<string, unknown> = Object.fromEntries(step.keys.map((k) => [k, others(k)]));
  formValue[key] = typed;
  const r = submitStep(newDraft(), { section: step.section as SectionId, step: stepId, formValue });
  return { stored: r.draft.answers[key], error: r.outcome.fieldErrors[key] };
}

/** A value meant as `meant`, or refused: never a third thing. */
function storedOrRefused(r: { stored: unknown; error?: string }, meant?: unknown) {
  if (r.error !== undefined) {
    expect(r.error).toMatch(CHINESE);
    expect(r.stored).toBeUndefined();
  } else if (meant !== undefined) expect(r.stored).toBe(meant);
}

/** What a card input's value reads as (an input sends a string; a number is read as its digits). */
const asTyped = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const FULL = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** Blanks a phone keyboard or an IME puts around a number. */
const pad = fc.constantFrom('', ' ', '  ', '\u3000', '\t');
/** Any text, from any plane, with the characters people paste by mistake more likely. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({
    unit: fc.constantFrom(
      '1',
      '2',
      '0',
      '.',
      ',',
      '，',
      '．',
      '-',
      '+',
      'e',
      '件',
      '万',
      '元',
      ' ',
      '１',
      '\u3000',
    ),
    maxLength: 20,
  }),
);

const countCell = ['s2.table', 't2.reg.issued'] as const;
const table3Cell = ['s3.r3', 't3.r3_1.np'] as const;
const feeWanYuan = (() => {
  const step = STEP_BY_ID.get('s2.table')!;
  return step.keys.find((k) => k.includes('fee'))!;
})();
const feeYuan = 's6.fee.collected';

describe('table cells (counts)', () => {
  it('store exactly the count meant, however it is typed (full-width, thousands commas, 件, blanks)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('', '件', ' 件'),
        pad,
        pad,
        fc.constantFrom(...[countCell, table3Cell]),
        (n, full, commas, unit, before, after, [step, key]) => {
          let text = commas ? grouped(String(n)) : String(n);
          if (full) text = FULL(text);
          expect(submit(step, key, before + text + unit + after)).toEqual({ stored: n, error: undefined });
        },
      ),
      params,
    );
  });

  it('never throw on any input, and store only a whole number the text spells', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.anything()), (typed) => {
        const r = submit(...countCell, typed);
        storedOrRefused(r);
        if (r.error === undefined) {
          expect(Number.isInteger(r.stored)).toBe(true);
          expect(r.stored as number).toBeGreaterThanOrEqual(0);
          // The digits typed are the digits stored (no rounding, no digit dropped or invented).
          const digits = String(typed)
            .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
            .replace(/[^0-9.]/g, '')
            .replace(/\.0*$/, '');
          expect(String(r.stored)).toBe(digits.replace(/^0+(?=\d)/, ''));
        }
      }),
      params,
    );
  });
});

describe('fee fields', () => {
  it('store exactly the amount meant in 万元 (up to 6 decimals) and 元 (up to 2), with or without the unit', () => {
    fc.assert(
      fc.property(
        // 99,999,999 万元 is the largest amount accepted, so its whole part goes one below.
        fc.integer({ min: 0, max: 99_999_998 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('', '万元', '万'),
        pad,
        (whole, frac, places, unit, blank) => {
          const decimals = places ? String(frac).padStart(6, '0').slice(0, places) : '';
          const text = decimals ? `${whole}.${decimals}` : String(whole);
          const r = submit('s2.table', feeWanYuan, blank + text + unit);
          expect(r).toEqual({ stored: Number(text), error: undefined });
        },
      ),
      params,
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), fc.constantFrom('', '元'), (cents, unit) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        const r = submit('s6.all', feeYuan, text + unit, (k) =>
          k === 's6.text' ? '本年度未收取费用。' : '0',
        );
        if (Number(text) > 999_999_999) expect(r.error).toMatch(CHINESE);
        else expect(r).toEqual({ stored: Number(text), error: undefined });
      }),
      params,
    );
  });

  it('never throw, refuse a wrong amount in Chinese, and never store a negative or over-precise one', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.double().map(String), fc.anything()), (typed) => {
        for (const [step, key] of [
          ['s2.table', feeWanYuan],
          ['s6.all', feeYuan],
        ] as const) {
          const r = submit(step, key, typed, (k) => (k === 's6.text' ? '本年度未收取费用。' : '0'));
          storedOrRefused(r);
          if (r.stored === undefined) continue;
          expect(r.stored as number).toBeGreaterThanOrEqual(0);
          const places = (String(r.stored).split('.')[1] ?? '').length;
          expect(places).toBeLessThanOrEqual(key === feeYuan ? 2 : 6);
        }
      }),
      params,
    );
  });
});

describe('text fields', () => {
  const textKeys = [
    ['s1.active', 's1.active'],
    ['s5.problems', 's5.problems'],
    ['s6.all', 's6.text'],
    ['s1.contact', 'meta.address'],
  ] as const;
  const chinese = fc.string({
    unit: fc.oneof(
      fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('，', '。', '；', '“', '”', '（', '）', '、', '\n', ' ', '1', 'A', '《', '》', '\r\n'),
    ),
    minLength: 1,
    maxLength: 200,
  });

  it('store what was typed, only line ends unified and outer blanks trimmed', () => {
    fc.assert(
      fc.property(chinese, fc.constantFrom(...textKeys), pad, (text, [step, key], blank) => {
        fc.pre(cleanText(text) !== '');
        const r = submit(step, key, blank + text + blank, () => '0');
        expect(r).toEqual({ stored: cleanText(text), error: undefined });
      }),
      params,
    );
  });

  it('never throw on any text; what is stored is the cleaned text, printable in the Word file', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, fc.string({ unit: 'binary', maxLength: 400 }), fc.anything()),
        fc.constantFrom(...textKeys),
        (typed, [step, key]) => {
          const r = submit(step, key, typed);
          storedOrRefused(r);
          if (typeof r.stored !== 'string') return;
          expect(r.stored).toBe(cleanText(asTyped(typed)));
          expect(r.stored.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
          // Characters XML 1.0 forbids would make the Word file unopenable.
          // eslint-disable-next-line no-control-regex -- these characters are what is checked for
          expect(r.stored).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/u);
          expect(r.stored).not.toMatch(
            /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
          );
        },
      ),
      params,
    );
  });
});

describe('contact fields', () => {
  it('store a post code as its six digits and a phone number as typed', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{6}$/),
        fc.boolean(),
        fc.constantFrom('', ' '),
        (code, full, space) => {
          const typed = (full ? FULL(code) : code).split('').join(space);
          expect(submit('s1.contact', 'meta.postcode', typed, () => '')).toEqual({
            stored: code,
            error: undefined,
          });
        },
      ),
      params,
    );
    fc.assert(
      fc.property(
        fc.stringMatching(/^0[0-9]{2,3}$/),
        fc.stringMatching(/^[1-9][0-9]{6,7}$/),
        fc.constantFrom('-', ' ', '－', ''),
        fc.constantFrom('', ' 转 8001', '、12345'),
        (area, local, sep, tail) => {
          const typed = `${area}${sep}${local}${tail}`;
          expect(submit('s1.contact', 'meta.phone', typed, () => '')).toEqual({
            stored: typed,
            error: undefined,
          });
        },
      ),
      params,
    );
  });

  it('never throw, and refuse in Chinese what is not a post code or a phone number', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.anything()), (typed) => {
        const code = submit('s1.contact', 'meta.postcode', typed, () => '');
        storedOrRefused(code);
        if (code.stored !== undefined) expect(code.stored).toMatch(/^[0-9]{6}$/);
        const phone = submit('s1.contact', 'meta.phone', typed, () => '');
        storedOrRefused(phone);
        if (phone.stored !== undefined) {
          expect(phone.stored).toBe(cleanText(asTyped(typed)));
          expect(
            String(phone.stored)
              .replace(/[０-９]/g, '0')
              .replace(/[^0-9]/g, '').length,
          ).toBeGreaterThanOrEqual(5);
        }
      }),
      params,
    );
  });
});
