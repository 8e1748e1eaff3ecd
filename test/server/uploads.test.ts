/**
 * Uploads on the reference server over the tus protocol (raw HTTP on loopback): size and type
 * checked again on the server, resumption from an offset, checksums, and applications that may
 * reference only complete uploads of their own.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { documentsFor, INBOX_TOKEN, root, startServer, UPLOAD_SESSION } from '../e2e/helpers.js';

type Server = Awaited<ReturnType<typeof startServer>>;
type Json = Record<string, any>;
const TUS = { 'tus-resumable': '1.0.0', ...UPLOAD_SESSION };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A small but real-looking PDF of `size` bytes. */
function pdf(size = 4000): Buffer {
  const head = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
  const body = Buffer.alloc(size - head.length, 0x20);
  for (let i = 0; i < body.length; i++) body[i] = 0x20 + (i % 90);
  return Buffer.concat([head, body]);
}
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const sample = (): Json =>
  JSON.parse(readFileSync(`${root}/test/fixtures/einbuergerung-sample.json`, 'utf8'));

describe('uploads', () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  async function create(size: number, meta: Record<string, string>) {
    return fetch(`${server.url}/api/uploads`, {
      method: 'POST',
      headers: {
        ...TUS,
        'upload-length': String(size),
        'upload-metadata': Object.entries(meta)
          .map(([k, v]) => `${k} ${b64(v)}`)
          .join(','),
      },
    });
  }
  async function patch(location: string, offset: number, bytes: Buffer) {
    return fetch(new URL(location, server.url), {
      method: 'PATCH',
      headers: {
        ...TUS,
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: new Uint8Array(bytes),
    });
  }
  const meta = (document = 'reisepass', filetype = 'application/pdf') => ({
    filename: 'Reisepass Ayşe.pdf',
    filetype,
    definition: 'einbuergerung',
    document,
  });
  /** A complete upload; returns what the application references. */
  async function upload(bytes: Buffer, document = 'reisepass') {
    const created = await create(bytes.length, meta(document));
    assert.equal(created.status, 201);
    const location = created.headers.get('location')!;
    const done = await patch(location, 0, bytes);
    assert.equal(done.status, 204);
    return {
      id: location.split('/').pop()!,
      name: 'Reisepass Ayşe.pdf',
      type: 'application/pdf',
      size: bytes.length,
      sha256: done.headers.get('x-upload-sha256')!,
    };
  }

  test('a PDF is accepted, resumable from an offset, and recorded with its checksum', async () => {
    const bytes = pdf(10_000);
    const created = await create(bytes.length, meta());
    assert.equal(created.status, 201);
    const location = created.headers.get('location')!;
    assert.match(location, /^\/api\/uploads\/[0-9a-f]{32}$/);
    const first = await patch(location, 0, bytes.subarray(0, 4000));
    assert.equal(first.status, 204);
    assert.equal(first.headers.get('upload-offset'), '4000');
    // The connection dropped: ask where the server is, and go on from there.
    const state = await fetch(new URL(location, server.url), { method: 'HEAD', headers: TUS });
    assert.equal(state.headers.get('upload-offset'), '4000');
    const rest = await patch(location, 4000, bytes.subarray(4000));
    assert.equal(rest.status, 204);
    assert.equal(rest.headers.get('x-upload-sha256'), sha(bytes));
    const record = server.store.getUpload(location.split('/').pop()!)!;
    assert.equal(record.sha256, sha(bytes));
    assert.equal(record.name, 'Reisepass Ayşe.pdf');
    assert.equal(record.type, 'application/pdf');
  });

  test('a renamed executable with a .pdf name is refused by its bytes, and deleted', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(3000, 1)]);
    const created = await create(exe.length, { ...meta(), filename: 'reisepass.pdf' });
    assert.equal(created.status, 201);
    const location = created.headers.get('location')!;
    const refused = await patch(location, 0, exe);
    assert.equal(refused.status, 415);
    assert.match(await refused.text(), /keine Datei vom Typ PDF, JPEG oder PNG/);
    const id = location.split('/').pop()!;
    assert.equal(server.store.getUpload(id), undefined);
    assert.ok(!existsSync(join(server.dataDir, 'uploads', id)));
    assert.ok(!readdirSync(join(server.dataDir, 'uploads')).some((f) => f.startsWith(id)));
  });

  test('an oversize file is refused before a byte is sent, with the limit in the message', async () => {
    const refused = await create(14 * 1024 * 1024, meta());
    assert.equal(refused.status, 413);
    assert.equal(await refused.text(), 'Die Datei ist 14 MB groß. Erlaubt sind höchstens 10 MB.');
    const wrongType = await create(1000, meta('reisepass', 'application/zip'));
    assert.equal(wrongType.status, 415);
    const unknownDocument = await create(1000, meta('steuerbescheid'));
    assert.equal(unknownDocument.status, 400);
  });

  /** Sends the sample application with these documents (none: no `documents` at all). */
  function apply(documents?: Json) {
    return fetch(`${server.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        definition: { id: 'einbuergerung', version: '1.0.0' },
        data: sample(),
        ...(documents ? { documents } : {}),
      }),
    });
  }

  test('an application references complete uploads of its own, once', async () => {
    const passport = await upload(pdf(3000));
    // The other documents these answers call for.
    const others = await documentsFor(server.url, sample());
    delete others.reisepass;
    const submit = (documents: Json) => apply({ ...others, ...documents });
    const forged = await submit({ reisepass: [{ ...passport, id: 'f'.repeat(32) }] });
    assert.equal(forged.status, 422);
    assert.equal(((await forged.json()) as Json).errors[0].pointer, '/documents/reisepass');
    const altered = await submit({ reisepass: [{ ...passport, sha256: sha(Buffer.from('x')) }] });
    assert.equal(altered.status, 422);
    const second = await upload(pdf(3500));
    const wrongPlace = await submit({ reisepass: [second], geburtsurkunde: [passport] });
    assert.equal(wrongPlace.status, 422);
    assert.equal(
      ((await wrongPlace.json()) as Json).errors[0].pointer,
      '/documents/geburtsurkunde',
    );
    const notAsked = await submit({ reisepass: [second], steuerbescheid: [passport] });
    assert.equal(notAsked.status, 422);
    assert.equal(((await notAsked.json()) as Json).errors[0].pointer, '/documents/steuerbescheid');

    const accepted = await submit({ reisepass: [passport] });
    assert.equal(accepted.status, 201);
    // The authority's store holds exactly that file, intact.
    const { id } = (await accepted.json()) as Json;
    const auth = { authorization: `Bearer ${INBOX_TOKEN}` };
    const record = (await (
      await fetch(`${server.url}/api/submissions/${id}`, { headers: auth })
    ).json()) as Json;
    assert.deepEqual(
      record.documents.filter((d: Json) => d.documentId === 'reisepass'),
      [{ documentId: 'reisepass', ...passport }],
    );
    const download = await fetch(`${server.url}/api/submissions/${id}/documents/${passport.id}`, {
      headers: auth,
    });
    assert.equal(download.status, 200);
    assert.equal(sha(Buffer.from(await download.arrayBuffer())), passport.sha256);
    assert.equal(
      (await fetch(`${server.url}/api/submissions/${id}/documents/${passport.id}`)).status,
      401,
    );
    const again = await submit({ reisepass: [passport] });
    assert.equal(again.status, 422);
    assert.match(((await again.json()) as Json).detail, /anderen Antrag/);
  });

  test('an application without a document its answers require is refused, storing nothing', async () => {
    const before = server.store.list({ limit: 1, offset: 0 }).total;
    const all = await documentsFor(server.url, sample());
    const send = apply;
    const none = await send();
    assert.equal(none.status, 422);
    assert.equal(((await none.json()) as Json).errors[0].pointer, '/documents/reisepass');
    const { geburtsurkunde, ...withoutBirthCertificate } = all;
    assert.ok(geburtsurkunde);
    const missing = await send(withoutBirthCertificate);
    assert.equal(missing.status, 422);
    assert.deepEqual(((await missing.json()) as Json).errors, [
      { pointer: '/documents/geburtsurkunde', detail: 'Für diese Unterlage fehlt eine Datei.' },
    ]);
    const empty = await send({ ...all, geburtsurkunde: [] });
    assert.equal(empty.status, 422);
    assert.equal(server.store.list({ limit: 1, offset: 0 }).total, before);
    assert.equal((await send(all)).status, 201);
  });
});
