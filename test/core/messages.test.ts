/** The message table of the core: every keyword in German and English, plural forms, fallback. */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Catalog,
  errorMessage,
  fieldErrorMessage,
  messages,
  Texts,
  type FieldError,
  type MessageContext,
} from '../../src/core/index.js';
import de from '../../src/core/messages/de.js';
import en from '../../src/core/messages/en.js';
import { einbuergerung, model } from './helpers.js';

const error = (keyword: string, params: Record<string, unknown> = {}): FieldError => ({
  pointer: '/x',
  keyword,
  params,
  schemaPointer: '/schema/properties/x',
});
const inputs = ['text', 'choice', 'check', 'group', 'list'] as const;
type Input = (typeof inputs)[number];

/** [keyword, params, input kinds (all when empty), German, English] for every case the mapping knows. */
const cases: [string, Record<string, unknown>, Input[], string, string][] = [
  ['required', {}, ['text'], 'Bitte füllen Sie das Feld „Ort“ aus.', 'Please fill in “Ort”.'],
  [
    'required',
    {},
    ['choice'],
    'Bitte wählen Sie bei „Ort“ eine Antwort aus.',
    'Please select an answer for “Ort”.',
  ],
  ['required', {}, ['check'], 'Bitte bestätigen Sie „Ort“.', 'Please confirm “Ort”.'],
  [
    'required',
    {},
    ['group', 'list'],
    'Bitte machen Sie Angaben zu „Ort“.',
    'Please provide the details for “Ort”.',
  ],
  ['const', {}, ['check'], 'Bitte bestätigen Sie „Ort“.', 'Please confirm “Ort”.'],
  [
    'const',
    {},
    ['text', 'choice', 'group', 'list'],
    'Bitte prüfen Sie die Angabe bei „Ort“.',
    'Please check your answer for “Ort”.',
  ],
  ...(['enum', 'oneOf', 'anyOf'] as const).map(
    (keyword): [string, Record<string, unknown>, Input[], string, string] => [
      keyword,
      {},
      [],
      'Bitte wählen Sie bei „Ort“ eine der angebotenen Antworten aus.',
      'Please select one of the available answers for “Ort”.',
    ],
  ),
  [
    'type',
    { type: 'integer' },
    [],
    'Bitte geben Sie bei „Ort“ eine ganze Zahl ohne Komma ein.',
    'Please enter a whole number without decimals for “Ort”.',
  ],
  [
    'type',
    { type: 'number' },
    [],
    'Bitte geben Sie bei „Ort“ eine Zahl ein.',
    'Please enter a number for “Ort”.',
  ],
  [
    'type',
    { type: 'string' },
    [],
    'Bitte prüfen Sie die Angabe bei „Ort“.',
    'Please check your answer for “Ort”.',
  ],
  [
    'format',
    { format: 'date' },
    [],
    'Bitte geben Sie bei „Ort“ ein gültiges Datum ein.',
    'Please enter a valid date for “Ort”.',
  ],
  [
    'format',
    { format: 'email' },
    [],
    'Bitte geben Sie bei „Ort“ eine E-Mail-Adresse wie name@example.de ein.',
    'Please enter an email address for “Ort”, like name@example.com.',
  ],
  [
    'format',
    { format: 'uri' },
    [],
    'Bitte prüfen Sie das Format bei „Ort“.',
    'Please check the format of “Ort”.',
  ],
  [
    'pattern',
    { pattern: '^[0-9]{5}$' },
    [],
    'Bitte prüfen Sie das Format bei „Ort“.',
    'Please check the format of “Ort”.',
  ],
  ['minLength', { limit: 1 }, [], 'Bitte füllen Sie das Feld „Ort“ aus.', 'Please fill in “Ort”.'],
  [
    'minLength',
    { limit: 3 },
    [],
    '„Ort“ muss mindestens 3 Zeichen lang sein.',
    '“Ort” must be at least 3 characters long.',
  ],
  [
    'maxLength',
    { limit: 1 },
    [],
    '„Ort“ darf höchstens 1 Zeichen lang sein.',
    '“Ort” must not be longer than 1 character.',
  ],
  [
    'maxLength',
    { limit: 40 },
    [],
    '„Ort“ darf höchstens 40 Zeichen lang sein.',
    '“Ort” must not be longer than 40 characters.',
  ],
  ['minimum', { limit: 0 }, [], '„Ort“ muss mindestens 0 sein.', '“Ort” must be at least 0.'],
  [
    'exclusiveMinimum',
    { limit: 1.5 },
    [],
    '„Ort“ muss größer als 1.5 sein.',
    '“Ort” must be more than 1.5.',
  ],
  [
    'maximum',
    { limit: 10 },
    [],
    '„Ort“ darf höchstens 10 sein.',
    '“Ort” must not be more than 10.',
  ],
  [
    'exclusiveMaximum',
    { limit: 5 },
    [],
    '„Ort“ muss kleiner als 5 sein.',
    '“Ort” must be less than 5.',
  ],
  [
    'minItems',
    { limit: 1 },
    [],
    'Bitte fügen Sie bei „Ort“ mindestens einen Eintrag hinzu.',
    'Please add at least one entry to “Ort”.',
  ],
  [
    'minItems',
    { limit: 3 },
    [],
    'Bitte fügen Sie bei „Ort“ mindestens 3 Einträge hinzu.',
    'Please add at least 3 entries to “Ort”.',
  ],
  [
    'maxItems',
    { limit: 1 },
    [],
    'Bei „Ort“ ist nur ein Eintrag möglich.',
    'You can add only one entry to “Ort”.',
  ],
  [
    'maxItems',
    { limit: 2 },
    [],
    'Bei „Ort“ sind höchstens 2 Einträge möglich.',
    'You can add a maximum of 2 entries to “Ort”.',
  ],
  [
    'unevaluatedProperties',
    {},
    [],
    'Bitte prüfen Sie die Angabe bei „Ort“.',
    'Please check your answer for “Ort”.',
  ],
];

describe('validation messages', () => {
  before(() => messages.load('en'));

  test('every keyword, for every way of answering, in German and English', () => {
    for (const [keyword, params, kinds, german, english] of cases)
      for (const input of kinds.length > 0 ? kinds : inputs) {
        const context: MessageContext = { label: 'Ort', input };
        const at = `${keyword} ${JSON.stringify(params)} ${input}`;
        assert.deepEqual(errorMessage(error(keyword, params), context, 'de'), {
          text: german,
          lang: 'de',
        });
        assert.deepEqual(
          errorMessage(error(keyword, params), context, 'en'),
          { text: english, lang: 'en' },
          at,
        );
      }
  });

  test('the tables are German, English, Turkish, Arabic, Ukrainian, Russian and Persian', () => {
    assert.deepEqual(messages.languages.sort(), ['ar', 'de', 'en', 'fa', 'ru', 'tr', 'uk']);
  });

  test('every language has every message German has, and no other, in each plural form', async () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(de).sort());
    for (const lang of ['tr', 'ar', 'uk', 'ru', 'fa']) {
      const table = ((await import(`../../src/core/messages/${lang}.ts`)) as { default: object })
        .default as Record<string, unknown>;
      assert.deepEqual(Object.keys(table).sort(), Object.keys(de).sort(), lang);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const [id, german] of Object.entries(de))
        if (typeof german !== 'string')
          assert.deepEqual(
            Object.keys(table[id] as object).sort(),
            [...categories].sort(),
            `${lang} ${id}`,
          );
    }
  });

  test('a plural message chooses its form by the plural category of the limit', () => {
    const list = (limit: number, lang: string) =>
      errorMessage(error('minItems', { limit }), { label: 'Kinder', input: 'list' }, lang).text;
    assert.equal(list(1, 'de'), 'Bitte fügen Sie bei „Kinder“ mindestens einen Eintrag hinzu.');
    assert.equal(list(2, 'de'), 'Bitte fügen Sie bei „Kinder“ mindestens 2 Einträge hinzu.');
    assert.equal(list(0, 'de'), 'Bitte fügen Sie bei „Kinder“ mindestens 0 Einträge hinzu.');
    assert.equal(list(21, 'en'), 'Please add at least 21 entries to “Kinder”.');
    // A language with more categories: `one` covers 21, `few` 2–4, `many` 5–20 (CLDR, Russian).
    const catalog = new Catalog<'items'>({
      de: { items: { one: 'ein Eintrag', other: '{n} Einträge' } },
      ru: {
        items: { one: '{n} запись', few: '{n} записи', many: '{n} записей', other: '{n} записи' },
      },
    });
    const ru = (n: number) => catalog.format('ru', 'items', { n }).text;
    assert.deepEqual([1, 21, 3, 24, 5, 11, 1.5].map(ru), [
      '1 запись',
      '21 запись',
      '3 записи',
      '24 записи',
      '5 записей',
      '11 записей',
      '1.5 записи',
    ]);
    // German chooses `one` for 1 only.
    assert.deepEqual(
      [1, 21].map((n) => catalog.format('de', 'items', { n }).text),
      ['ein Eintrag', '21 Einträge'],
    );
  });

  test('a form a language lacks is its `other`', () => {
    const catalog = new Catalog<'chars'>({ de: { chars: { other: '{n} Zeichen' } } });
    assert.equal(catalog.format('de', 'chars', { n: 1 }).text, '1 Zeichen');
  });

  test('a language without a table, or before its table is loaded, is answered in German and says so', async () => {
    for (const tag of ['tr', 'fa-IR', '', undefined, null, 'xx'])
      assert.deepEqual(
        messages.format(tag, 'check', { label: 'Ort' }),
        { text: 'Bitte prüfen Sie die Angabe bei „Ort“.', lang: 'de' },
        String(tag),
      );
    let loaded = false;
    const catalog = new Catalog<'hello' | 'bye'>({
      de: { hello: 'Hallo {label}', bye: 'Tschüss' },
      en: async () => {
        loaded = true;
        return { default: { hello: 'Hello {label}' } };
      },
    });
    assert.equal(catalog.language('en-GB'), 'en');
    assert.deepEqual(catalog.format('en', 'hello', { label: 'Ada' }), {
      text: 'Hallo Ada',
      lang: 'de',
    });
    await catalog.load('en-GB');
    assert.ok(loaded);
    assert.deepEqual(catalog.format('EN_gb', 'hello', { label: 'Ada' }), {
      text: 'Hello Ada',
      lang: 'en',
    });
    // A message the language's table lacks is German, marked as such.
    assert.deepEqual(catalog.format('en', 'bye'), { text: 'Tschüss', lang: 'de' });
    // German is loaded with every language (it is the fallback); nothing can be worded without it.
    const lazy = new Catalog<'hello'>({
      de: async () => ({ default: { hello: 'Hallo' } }),
      en: async () => ({ default: {} }),
    });
    assert.throws(() => lazy.format('en', 'hello'), /not loaded/);
    await lazy.load('en');
    assert.deepEqual(lazy.format('en', 'hello'), { text: 'Hallo', lang: 'de' });
    // Loading German or a language without a table does nothing and does not fail.
    await catalog.load('de');
    await catalog.load('tr');
    assert.equal(catalog.language('tr'), 'de');
  });

  test('placeholders are filled once: what a label says stays as typed', () => {
    const text = (label: string) =>
      errorMessage(error('maxLength', { limit: 5 }), { label, input: 'text' }, 'de').text;
    assert.equal(
      text('{n} und $& {label}'),
      '„{n} und $& {label}“ darf höchstens 5 Zeichen lang sein.',
    );
    const catalog = new Catalog<'x'>({ de: { x: '{unknown} bleibt {label}' } });
    assert.equal(catalog.format('de', 'x', { label: 'a' }).text, '{unknown} bleibt a');
  });

  test("the definition's own message wins, in the language asked for", () => {
    const context = {
      label: 'PLZ',
      input: 'text' as const,
      override: 'The postcode has 5 digits.',
    };
    assert.deepEqual(errorMessage(error('pattern'), context, 'en-GB'), {
      text: 'The postcode has 5 digits.',
      lang: 'en',
    });
  });

  test('on a field of the definition: its label, or its own message, in the language of its texts', async () => {
    const { default: translations } =
      await import('../../src/definitions/generated/einbuergerung.en.js');
    const german = new Texts(einbuergerung);
    const english = new Texts(einbuergerung, translations as Record<string, string>);
    const data = {};
    const at = (keyword: string, params: Record<string, unknown> = {}) => ({
      ...error(keyword, params),
      pointer: '/person/familyName',
    });
    const tooLong = at('maxLength', { limit: 100 });
    assert.deepEqual(fieldErrorMessage(tooLong, model(), german, data, undefined, 'de'), {
      text: '„Familienname“ darf höchstens 100 Zeichen lang sein.',
      lang: 'de',
    });
    assert.deepEqual(fieldErrorMessage(tooLong, model(), english, data, undefined, 'en'), {
      text: '“Family name” must not be longer than 100 characters.',
      lang: 'en',
    });
    // The definition's own message (x-errorMessages), translated.
    assert.deepEqual(fieldErrorMessage(at('required'), model(), german, data, undefined, 'de'), {
      text: 'Bitte geben Sie Ihren Familiennamen an.',
      lang: 'de',
    });
    assert.deepEqual(fieldErrorMessage(at('required'), model(), english, data, undefined, 'en'), {
      text: 'Please enter your family name.',
      lang: 'en',
    });
    const nowhere = { ...tooLong, pointer: '/no/such/question' };
    assert.deepEqual(fieldErrorMessage(nowhere, model(), english, data, undefined, 'en'), {
      text: 'Please check this answer.',
      lang: 'en',
    });
  });
});
