/**
 * The PDF of a later party's part (e.g. the employer's declaration, forwarded to the BA): made
 * from the stored answers, behind the inbox token, only for a complete application; its text is
 * the party's answers in the form's words, with what that party was shown of the applicant's.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { FIXTURE_DEFINITIONS, INBOX_TOKEN, pdfText, startServer } from '../e2e/helpers.js';
import { renderPdf } from '../../server/part-pdf.js';

type Server = Awaited<ReturnType<typeof startServer>>;
type Json = Record<string, any>;
const definition = { id: 'zwei-parteien-test', version: '1.0.0' };
const auth = { authorization: `Bearer ${INBOX_TOKEN}` };

async function post(server: Server, path: string, body: Json, headers: Record<string, string>) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('the PDF of the employer’s part', () => {
  let server: Server;
  before(async () => {
    server = await startServer({ definitionDirs: FIXTURE_DEFINITIONS });
  });
  after(() => server.close());

  test('carries the employer’s answers and the applicant’s shown name, not the applicant’s other data', async () => {
    const started = await post(
      server,
      '/api/submissions',
      {
        definition,
        locale: 'de',
        data: {
          person: { familyName: 'Yılmaz-Nguyễn', givenNames: 'Şükrü', birthDate: '1996-04-02' },
          job: { description: 'Helfer in der Küche, 30 Stunden', employerName: 'Gasthaus Linde' },
        },
      },
      {},
    );
    assert.equal(started.status, 202);
    const pdfUrl = `${server.url}/api/submissions/${started.body.id}/parts/employer.pdf`;
    // Not before the employer's part is there.
    assert.equal((await fetch(pdfUrl, { headers: auth })).status, 404);
    const completed = await post(
      server,
      '/api/handoffs/submission',
      { data: { employer: { company: 'Gasthaus Linde GmbH', hoursPerWeek: 30 } }, locale: 'de' },
      { 'x-handoff-token': started.body.handOff.token },
    );
    assert.equal(completed.status, 201, JSON.stringify(completed.body));
    // Behind the inbox token; the inbox links it.
    assert.equal((await fetch(pdfUrl)).status, 401);
    const inbox = await (await fetch(`${server.url}/inbox`, { headers: auth })).text();
    const row = inbox.split('\n').find((line) => line.includes(started.body.reference))!;
    assert.ok(row.includes(`href="/api/submissions/${started.body.id}/parts/employer.pdf"`), row);
    assert.match(row, /Yılmaz-Nguyễn, Şükrü/);
    const response = await fetch(pdfUrl, { headers: auth });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.match(
      response.headers.get('content-disposition') ?? '',
      new RegExp(`${started.body.reference}-employer\\.pdf`),
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.equal(Buffer.from(bytes.subarray(0, 5)).toString(), '%PDF-');
    const text = await pdfText(bytes);
    for (const expected of [
      'Arbeitgeber',
      started.body.reference,
      'Gasthaus Linde GmbH',
      '30',
      // What the employer was shown of the applicant's part: the name and the job, in any script.
      'Yılmaz-Nguyễn',
      'Helfer in der Küche, 30 Stunden',
    ])
      assert.ok(text.includes(expected), `${expected} in\n${text}`);
    // Not what the employer was not shown.
    for (const hidden of ['Şükrü', '1996', 'Gasthaus Linde\n'])
      assert.ok(!text.includes(hidden), `${hidden} is not the employer’s part`);
    // Only parties after the first, only existing ones, only this application's.
    for (const path of ['applicant.pdf', 'nobody.pdf'])
      assert.equal(
        (
          await fetch(`${server.url}/api/submissions/${started.body.id}/parts/${path}`, {
            headers: auth,
          })
        ).status,
        404,
      );
    assert.equal(
      (
        await fetch(`${server.url}/api/submissions/${randomUUID()}/parts/employer.pdf`, {
          headers: auth,
        })
      ).status,
      404,
    );
  });
});

test('long answers wrap and run onto further pages; the text stays whole', async () => {
  const long = 'Aufgaben '.repeat(40).trim();
  const bytes = await renderPdf({
    title: 'Erklärung zum Beschäftigungsverhältnis',
    lines: ['Vorgangsnummer BE-2026-000001'],
    sections: Array.from({ length: 12 }, (_, i) => ({
      title: `Abschnitt ${i + 1}`,
      rows: [
        { label: 'Tätigkeit', value: long, depth: 0, heading: false },
        {
          label: 'E-Mail',
          value: `${'sehr-lange-adresse.'.repeat(8)}@example.org`,
          depth: 1,
          heading: false,
        },
      ],
    })),
  });
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
  assert.ok(pdf.numPages >= 2, `${pdf.numPages} pages`);
  await pdf.destroy();
  const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
  assert.ok(text.includes('Abschnitt 12'));
  assert.equal(text.match(/Aufgaben/g)?.length, 40 * 12);
});
