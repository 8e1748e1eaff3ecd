import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DraftStore, type StorageLike } from '../../src/core/draft.js';

class Memory implements StorageLike {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

const draft = {
  definitionId: 'x',
  definitionVersion: '1.0.0',
  data: { a: 1 },
  step: 2,
  idempotencyKey: 'k',
  remember: false,
};

test('keeps the draft in the session only, unless the citizen chose to remember it', () => {
  const session = new Memory();
  const local = new Memory();
  let now = 1000;
  const store = new DraftStore('key', session, local, () => now);
  store.save(draft, 7);
  assert.equal(local.items.size, 0);
  assert.deepEqual(store.load()?.data, { a: 1 });
  store.save({ ...draft, remember: true }, 7);
  assert.equal(JSON.parse(local.items.get('key')!).draft.expiresAt, 1000 + 7 * 86_400_000);
  session.items.clear();
  assert.deepEqual(store.load()?.data, { a: 1 }, 'restored from the device');
  now += 8 * 86_400_000;
  assert.equal(store.load(), undefined, 'expired');
  assert.equal(local.items.size, 0, 'an expired draft is removed');
});

test('clear removes it everywhere; broken or failing storage never throws', () => {
  const session = new Memory();
  const local = new Memory();
  const store = new DraftStore('key', session, local);
  store.save({ ...draft, remember: true }, 7);
  store.clear();
  assert.equal(session.items.size + local.items.size, 0);
  session.items.set('key', '{not json');
  assert.equal(store.load(), undefined);
  const failing: StorageLike = {
    getItem: () => {
      throw new Error('SecurityError');
    },
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
    removeItem: () => {
      throw new Error('SecurityError');
    },
  };
  const broken = new DraftStore('key', failing, failing);
  assert.equal(broken.save(draft), false);
  assert.equal(broken.load(), undefined);
  broken.clear();
});
