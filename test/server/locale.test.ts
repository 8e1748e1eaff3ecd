/**
 * The reference server answers problems in the submission's `locale` (German when it names none
 * or one without texts): the validation messages of the core table, the definition's own
 * messages and labels in their translation, and the server's own titles and details.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { documentsFor, root, startServer } from '../e2e/helpers.js';
import { problemTexts, say } from '../../server/problems.js';

type Json = Record<string, any>;
type Problem = { title: string; detail?: string; errors: { pointer: string; detail: string }[] };

const sample = (): Json =>
  JSON.parse(readFileSync(`${root}/test/fixtures/einbuergerung-sample.json`, 'utf8'));
/** Three problems: one from the core table, two from the definition (translated in English). */
function invalid(): Json {
  const data = sample();
  data.person.familyName = 'x'.repeat(101);
  data.residence.postalCode = '1234';
  delete data.person.birthDate;
  return data;
}
const english = {
  title: 'The answers are incomplete or not valid.',
  errors: [
    {
      pointer: '/data/person/familyName',
      detail: '“Family name” must not be longer than 100 characters.',
    },
    { pointer: '/data/person/birthDate', detail: 'Please enter your date of birth.' },
    { pointer: '/data/residence/postalCode', detail: 'The postcode has 5 digits.' },
  ],
};
const german = {
  title: 'Die Angaben sind nicht vollständig oder nicht gültig.',
  errors: [
    {
      pointer: '/data/person/familyName',
      detail: '„Familienname“ darf höchstens 100 Zeichen lang sein.',
    },
    { pointer: '/data/person/birthDate', detail: 'Bitte geben Sie Ihr Geburtsdatum an.' },
    { pointer: '/data/residence/postalCode', detail: 'Die Postleitzahl hat 5 Ziffern.' },
  ],
};
const byPointer = (errors: Problem['errors']) =>
  [...errors].sort((a, b) => a.pointer.localeCompare(b.pointer));

describe('problems in the submission’s language', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  async function submit(payload: Json): Promise<{ status: number; lang: string | null } & Problem> {
    const response = await fetch(`${server.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ definition: { id: 'einbuergerung', version: '1.0.0' }, ...payload }),
    });
    return {
      status: response.status,
      lang: response.headers.get('content-language'),
      ...((await response.json()) as Problem),
    };
  }

  test('locale "en" (and "en-GB"): English titles and details, also the definition’s own', async () => {
    for (const locale of ['en', 'en-GB']) {
      const problem = await submit({ locale, data: invalid() });
      assert.equal(problem.status, 422);
      assert.equal(problem.lang, 'en');
      assert.equal(problem.title, english.title, locale);
      assert.deepEqual(byPointer(problem.errors), byPointer(english.errors), locale);
    }
  });

  test('locale "tr", "ar", "uk", "ru", "fa": titles and details in that language, also the definition’s own', async () => {
    for (const lang of ['tr', 'ar', 'uk', 'ru', 'fa']) {
      // What the citizen reads, from the language's own files: the server's title, the core
      // table's message with the translated label, the definition's translated messages.
      const texts = JSON.parse(
        readFileSync(`${root}/locales/definitions/einbuergerung.${lang}.json`, 'utf8'),
      ) as Record<string, string>;
      const core = (await import(`../../src/core/messages/${lang}.ts`)) as {
        default: Record<string, { other: string; [form: string]: string }>;
      };
      const person = '/schema/properties/person/properties';
      const form = new Intl.PluralRules(lang).select(100);
      const expected = [
        {
          pointer: '/data/person/familyName',
          detail: (core.default.maxLength![form] ?? core.default.maxLength!.other)
            .replace('{label}', texts[`${person}/familyName/title`]!)
            .replace('{n}', '100'),
        },
        {
          pointer: '/data/person/birthDate',
          detail: texts[`${person}/birthDate/x-errorMessages/required`]!,
        },
        {
          pointer: '/data/residence/postalCode',
          detail:
            texts['/schema/properties/residence/properties/postalCode/x-errorMessages/pattern']!,
        },
      ];
      const problem = await submit({ locale: lang, data: invalid() });
      assert.equal(problem.status, 422);
      assert.equal(problem.lang, lang);
      assert.equal(problem.title, say(lang, 'invalid'), lang);
      assert.notEqual(problem.title, german.title, lang);
      assert.deepEqual(byPointer(problem.errors), byPointer(expected), lang);
      for (const [i, error] of byPointer(problem.errors).entries())
        assert.notEqual(error.detail, byPointer(german.errors)[i]!.detail, lang);
    }
  });

  test('locale "de", none, a language without texts, or a malformed one: German', async () => {
    for (const locale of ['de', undefined, 'pl', 'EN!!', 42]) {
      const problem = await submit({ locale, data: invalid() });
      assert.equal(problem.status, 422);
      assert.equal(problem.lang, 'de', String(locale));
      assert.equal(problem.title, german.title, String(locale));
      assert.deepEqual(byPointer(problem.errors), byPointer(german.errors), String(locale));
    }
  });

  test('the documents and the payment an application comes with, in English', async () => {
    const data = sample();
    const { geburtsurkunde, ...withoutBirthCertificate } = await documentsFor(server.url, data);
    assert.ok(geburtsurkunde);
    const missing = await submit({ locale: 'en', data, documents: withoutBirthCertificate });
    assert.equal(missing.status, 422);
    assert.equal(missing.title, 'The documents do not match this application.');
    assert.deepEqual(missing.errors, [
      { pointer: '/documents/geburtsurkunde', detail: 'A file is missing for this document.' },
    ]);
    const unknownPayment = await submit({
      locale: 'en',
      data,
      documents: await documentsFor(server.url, data),
      payment: { id: `pay_${'0'.repeat(32)}` },
    });
    assert.equal(unknownPayment.status, 422);
    assert.equal(unknownPayment.title, 'The payment cannot be used for this application.');
    assert.deepEqual(unknownPayment.errors, [
      { pointer: '/payment', detail: 'This payment is unknown.' },
    ]);
  });
});

describe('the server’s own texts', () => {
  test('every text in English, by plural form where it counts', () => {
    assert.deepEqual(problemTexts.languages.sort(), ['ar', 'de', 'en', 'fa', 'ru', 'tr', 'uk']);
    assert.equal(
      say('en', 'documentTooMany', { n: 1 }),
      'Only one file is possible for this document.',
    );
    assert.equal(
      say('en', 'documentTooMany', { n: 3 }),
      'At most 3 files are possible for this document.',
    );
    assert.equal(
      say('de', 'documentTooMany', { n: 1 }),
      'Für diese Unterlage ist nur eine Datei möglich.',
    );
    assert.equal(
      say('de', 'documentTooMany', { n: 3 }),
      'Für diese Unterlage sind höchstens 3 Dateien möglich.',
    );
    assert.equal(say('pl', 'paymentUnknown'), 'Diese Zahlung ist unbekannt.');
  });
});
