/** Identity from the host portal (format 2): prefilled answers, and which are still as verified. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyIdentity,
  setAt,
  submittedIdentity,
  trustAtLeast,
  verifiedPointers,
  type HostIdentity,
  type TrustLevel,
} from '../../src/core/index.js';
import { einbuergerung, fixture } from './helpers.js';

const { definition } = fixture('appointment');
const identity = (attributes: Record<string, unknown>): HostIdentity => ({
  trustLevel: 'high',
  source: 'BundID',
  attributes,
});

test('verified attributes prefill the fields the definition maps them to', () => {
  const cases: [string, unknown, Record<string, unknown>, unknown, string[]][] = [
    [
      'both, into an empty draft',
      {},
      { familyName: 'Yılmaz', givenNames: 'Ayşe' },
      { host: { familyName: 'Yılmaz', givenNames: 'Ayşe' } },
      ['/host/familyName', '/host/givenNames'],
    ],
    [
      'a verified value replaces the draft’s, other answers stay',
      { host: { familyName: 'Yilmaz', employment: 'employed' } },
      { familyName: 'Yılmaz' },
      { host: { familyName: 'Yılmaz', employment: 'employed' } },
      ['/host/familyName'],
    ],
    [
      'unmapped attributes, objects and empty texts are ignored',
      {},
      { familyName: ' ', givenNames: { first: 'A' }, birthDate: '1980-01-31', __proto__x: 1 },
      {},
      [],
    ],
    [
      'texts are normalised to NFC and trimmed',
      {},
      { familyName: ' Yi\u0307lmaz ' },
      { host: { familyName: 'Yi\u0307lmaz'.normalize('NFC') } },
      ['/host/familyName'],
    ],
  ];
  for (const [name, draft, attributes, data, filled] of cases) {
    const result = applyIdentity(definition, draft, identity(attributes));
    assert.deepEqual(result, { data, filled }, name);
  }
  // A definition that maps nothing fills nothing.
  assert.deepEqual(applyIdentity(einbuergerung, {}, identity({ familyName: 'X' })), {
    data: {},
    filled: [],
  });
});

test('only answers still exactly as verified are reported as verified', () => {
  const portal = identity({ familyName: 'Yılmaz', givenNames: 'Ayşe' });
  const { data } = applyIdentity(definition, {}, portal);
  assert.deepEqual(verifiedPointers(definition, data, portal), [
    '/host/familyName',
    '/host/givenNames',
  ]);
  const corrected = setAt(data, '/host/givenNames', 'Ayşe Nur');
  assert.deepEqual(verifiedPointers(definition, corrected, portal), ['/host/familyName']);
  assert.deepEqual(submittedIdentity(definition, corrected, portal), {
    trustLevel: 'high',
    source: 'BundID',
    verified: ['/host/familyName'],
  });
  assert.deepEqual(submittedIdentity(definition, {}, { trustLevel: 'low', attributes: {} }), {
    trustLevel: 'low',
    verified: [],
  });
});

test('trust levels are ordered low < substantial < high', () => {
  const cases: [TrustLevel | undefined, TrustLevel, boolean][] = [
    ['high', 'high', true],
    ['high', 'substantial', true],
    ['substantial', 'high', false],
    ['low', 'substantial', false],
    ['low', 'low', true],
    [undefined, 'low', false],
  ];
  for (const [level, required, expected] of cases)
    assert.equal(trustAtLeast(level, required), expected, `${level} ≥ ${required}`);
});
