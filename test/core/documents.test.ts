import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applicableDocuments,
  checkFile,
  formatSize,
  typesText,
  parseSize,
  setAt,
  sniffType,
} from '../../src/core/index.js';
import { einbuergerung, model, sample, validator } from './helpers.js';

const bytes = (...values: number[]) => new Uint8Array([...values, ...new Array(16).fill(0)]);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const EXE = bytes(0x4d, 0x5a, 0x90, 0x00); // "MZ": a Windows executable
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04);

test('types are recognised by their leading bytes, not their names', () => {
  assert.equal(sniffType(PDF), 'application/pdf');
  assert.equal(sniffType(JPEG), 'image/jpeg');
  assert.equal(sniffType(PNG), 'image/png');
  assert.equal(sniffType(EXE), undefined);
  assert.equal(sniffType(ZIP), undefined);
  assert.equal(sniffType(new Uint8Array([0x25, 0x50])), undefined);
});

test('sizes are read and written as people do', () => {
  assert.equal(parseSize('10MB'), 10 * 1024 * 1024);
  assert.equal(parseSize('1,5 mb'), 1.5 * 1024 * 1024);
  assert.equal(parseSize('500 KB'), 500 * 1024);
  assert.equal(parseSize('2048'), 2048);
  assert.equal(parseSize('zehn'), undefined);
  assert.equal(parseSize('-1MB'), undefined);
  assert.equal(formatSize(14 * 1024 * 1024), '14 MB');
  assert.equal(formatSize(1.5 * 1024 * 1024), '1,5 MB');
  assert.equal(formatSize(1.5 * 1024 * 1024, 'en'), '1.5 MB');
  assert.equal(formatSize(800 * 1024), '800 KB');
  // From 10 MB on, the tenth too: 11,000,009 bytes are not "10 MB" beside a limit of 10 MB.
  assert.equal(formatSize(11_000_009), '10,5 MB');
  assert.equal(formatSize(10 * 1024 * 1024 + 1, 'de', true), '10,1 MB');
  assert.equal(formatSize(10 * 1024 * 1024, 'de', true), '10 MB');
  assert.equal(formatSize(11_000_009, 'ar'), '10.5 MB');
  // The types a file may have, as alternatives in the citizen's language.
  const types = ['application/pdf', 'image/jpeg', 'image/png'];
  assert.equal(typesText(types), 'PDF, JPEG, PNG');
  assert.equal(typesText(types, 'de'), 'PDF, JPEG oder PNG');
  assert.equal(typesText(types, 'en'), 'PDF, JPEG or PNG');
  assert.equal(typesText(types, 'tr'), 'PDF, JPEG veya PNG');
});

test('a file is checked for size first, then for its type by its bytes', () => {
  const rules = { accept: ['application/pdf', 'image/jpeg'], maxSize: 10 * 1024 * 1024 };
  assert.equal(checkFile({ size: 1000, head: PDF }, rules), undefined);
  assert.deepEqual(checkFile({ size: 14 * 1024 * 1024, head: PDF }, rules), {
    kind: 'size',
    size: 14 * 1024 * 1024,
    limit: 10 * 1024 * 1024,
  });
  assert.deepEqual(checkFile({ size: 1000, head: EXE }, rules), {
    kind: 'type',
    detected: undefined,
    accepted: rules.accept,
  });
  assert.equal(checkFile({ size: 1000, head: PNG }, rules)?.kind, 'type');
  assert.deepEqual(checkFile({ size: 0, head: new Uint8Array() }, rules), { kind: 'empty' });
});

test('the documents asked for follow the answers', () => {
  const ids = (data: unknown) =>
    applicableDocuments(einbuergerung, model().prune(data), validator.test).map(
      (d) => d.requirement.id,
    );
  const data = sample();
  assert.deepEqual(ids(data), [
    'reisepass',
    'aufenthaltstitel',
    'geburtsurkunde',
    'heiratsurkunde',
    'sprachzertifikat',
    'einbuergerungstest',
    'gehaltsnachweise',
  ]);
  // Divorced: no marriage certificate; EU citizen: no residence permit; not employed: no pay slips.
  let other = setAt(data, '/family/maritalStatus', 'divorced');
  other = setAt(other, '/residence/residenceTitle', 'freizuegigkeit-eu');
  other = setAt(other, '/livelihood/employmentStatus', 'retired');
  const remaining = ids(other);
  for (const gone of ['heiratsurkunde', 'aufenthaltstitel', 'gehaltsnachweise'])
    assert.ok(!remaining.includes(gone), gone);
  assert.ok(remaining.includes('reisepass'));
});
