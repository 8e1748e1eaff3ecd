import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DraftStore, type Draft, type StorageLike } from '../../src/core/draft.js';
import { DRAFT_PREFIX, sweepDrafts } from '../../src/core/draft-sweep.js';
import { SealedDraftStore, type KeyStore, type SealingKey } from '../../src/core/sealed-draft.js';

class Memory implements StorageLike {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
  get length() {
    return this.items.size;
  }
  key = (i: number) => [...this.items.keys()][i] ?? null;
}

/** Keys as IndexedDB keeps them: the CryptoKey object itself, never its bytes. */
class Keys implements KeyStore {
  items = new Map<string, SealingKey>();
  failing = false;
  get = async (name: string) => {
    if (this.failing) throw new Error('InvalidStateError');
    return this.items.get(name);
  };
  put = async (name: string, key: SealingKey) => {
    if (this.failing) throw new Error('InvalidStateError');
    this.items.set(name, key);
  };
  delete = async (name: string) => {
    if (this.failing) throw new Error('InvalidStateError');
    this.items.delete(name);
  };
}

const DAY = 86_400_000;
const NAME = DraftStore.keyFor('x');
const draft = {
  definitionId: 'x',
  definitionVersion: '1.0.0',
  data: { person: { familyName: 'Yılmaz' } },
  step: 2,
  idempotencyKey: 'k',
  remember: false,
};

test('the tab’s draft is kept in sessionStorage only', () => {
  assert.equal(NAME, `${DRAFT_PREFIX}x`, 'the sweep knows every draft’s key');
  const session = new Memory();
  const local = new Memory();
  const store = new DraftStore(NAME, session, local, () => 1000);
  store.save(draft);
  assert.equal(local.items.size, 0);
  assert.deepEqual(store.load(), { ...draft, savedAt: 1000 });
  local.setItem(NAME, 'left by an older version');
  store.clear();
  assert.equal(session.items.size + local.items.size, 0);
});

test('clear removes it; broken or failing storage never throws', () => {
  const session = new Memory();
  session.items.set(NAME, '{not json');
  assert.equal(new DraftStore(NAME, session).load(), undefined);
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
  const broken = new DraftStore(NAME, failing, failing);
  assert.equal(broken.save(draft), false);
  assert.equal(broken.load(), undefined);
  broken.clear();
});

test('a draft kept on the device is sealed: no answer in clear text, the key not beside it', async () => {
  const local = new Memory();
  const keys = new Keys();
  let now = 1000;
  const store = new SealedDraftStore(NAME, local, keys, () => now);
  const expiresAt = now + 7 * DAY;
  assert.equal(await store.save({ ...draft, savedAt: now, remember: true, expiresAt }), true);
  const raw = local.getItem(NAME)!;
  assert.doesNotMatch(raw, /Yılmaz|familyName|idempotencyKey/);
  const envelope = JSON.parse(raw);
  assert.deepEqual(Object.keys(envelope).sort(), ['expiresAt', 'format', 'iv', 'sealed']);
  assert.equal(envelope.expiresAt, expiresAt);
  // The key is a CryptoKey that cannot be exported, kept apart from the draft.
  const key = keys.items.get(NAME)!;
  assert.equal(key.extractable, false);
  await assert.rejects(crypto.subtle.exportKey('raw', key));
  assert.equal(store.expiresAt(), expiresAt);

  // Another instance (a reload) opens it with the kept key.
  const reloaded = new SealedDraftStore(NAME, local, keys, () => now);
  const loaded = await reloaded.load();
  assert.deepEqual(loaded?.data, draft.data);
  assert.equal(loaded?.remember, true);
  assert.equal(loaded?.expiresAt, expiresAt);

  // Every save uses a fresh IV.
  await store.save({ ...draft, savedAt: now, remember: true, expiresAt });
  assert.notEqual(JSON.parse(local.getItem(NAME)!).iv, envelope.iv);

  now = expiresAt;
  assert.equal(await reloaded.load(), undefined, 'expired');
  assert.equal(local.items.size, 0, 'an expired draft is removed');
  assert.equal(keys.items.size, 0, 'and its key');
});

test('a sealed draft whose expiry was moved, or without its key, is not opened and is removed', async () => {
  const local = new Memory();
  const keys = new Keys();
  const store = new SealedDraftStore(NAME, local, keys, () => 1000);
  await store.save({ ...draft, savedAt: 1000, remember: true, expiresAt: 1000 + DAY });
  const envelope = JSON.parse(local.getItem(NAME)!);
  local.setItem(NAME, JSON.stringify({ ...envelope, expiresAt: 1000 + 30 * DAY }));
  assert.equal(await new SealedDraftStore(NAME, local, keys, () => 1000).load(), undefined);
  assert.equal(local.items.size + keys.items.size, 0);

  await store.save({ ...draft, savedAt: 1000, remember: true, expiresAt: 1000 + DAY });
  keys.items.clear();
  assert.equal(await new SealedDraftStore(NAME, local, keys, () => 1000).load(), undefined);
  assert.equal(local.items.size, 0);
});

test('a key store that fails for a while keeps the sealed draft for later', async () => {
  const local = new Memory();
  const keys = new Keys();
  const store = new SealedDraftStore(NAME, local, keys, () => 1000);
  await store.save({ ...draft, savedAt: 1000, remember: true, expiresAt: 1000 + DAY });
  const kept = local.getItem(NAME);
  keys.failing = true;
  assert.equal(await store.load(), undefined);
  assert.equal(
    await store.save({ ...draft, savedAt: 1000, remember: true, expiresAt: 1000 + DAY }),
    false,
  );
  assert.equal(local.getItem(NAME), kept, 'neither load nor save removed it');
  keys.failing = false;
  assert.deepEqual((await store.load())?.data, draft.data);
});

test('remove deletes the draft and its key, also while a save is under way', async () => {
  const local = new Memory();
  const keys = new Keys();
  const store = new SealedDraftStore(NAME, local, keys, () => 1000);
  const saving = store.save({ ...draft, savedAt: 1000, remember: true, expiresAt: 1000 + DAY });
  const removing = store.remove();
  assert.equal(await saving, false);
  await removing;
  assert.equal(local.items.size + keys.items.size, 0);
  // Kept again later: a new key.
  await store.save({ ...draft, savedAt: 1000, remember: true, expiresAt: 1000 + DAY });
  assert.equal(keys.items.size, 1);
});

test('a clear-text draft from before is read once, sealed, and the clear text deleted', async () => {
  const local = new Memory();
  const keys = new Keys();
  const old: Draft = { ...draft, remember: true, savedAt: 1000, expiresAt: 1000 + 7 * DAY };
  local.setItem(NAME, JSON.stringify({ format: 1, draft: old }));
  const store = new SealedDraftStore(NAME, local, keys, () => 2000);
  const loaded = await store.load();
  assert.deepEqual(loaded?.data, draft.data);
  assert.equal(loaded?.remember, true);
  assert.doesNotMatch(local.getItem(NAME)!, /Yılmaz/);
  assert.equal(JSON.parse(local.getItem(NAME)!).format, 2);
  assert.deepEqual((await store.load())?.data, draft.data, 'and opens sealed next time');

  // Where nothing can be sealed (no key store), the clear text goes all the same.
  const failingKeys = new Keys();
  failingKeys.failing = true;
  local.setItem(NAME, JSON.stringify({ format: 1, draft: old }));
  const unsealed = await new SealedDraftStore(NAME, local, failingKeys, () => 2000).load();
  assert.deepEqual(unsealed?.data, draft.data, 'the answers come back for this tab');
  assert.equal(unsealed?.remember, false);
  assert.equal(local.getItem(NAME), null);
  // …and saving fails without leaving anything behind.
  const failing = new SealedDraftStore(NAME, local, failingKeys, () => 2000);
  assert.equal(await failing.save({ ...old, expiresAt: 3000 }), false);
  assert.equal(local.items.size, 0);
});

test('the sweep removes expired drafts of every form and lists sealed and clear-text ones', () => {
  const local = new Memory();
  const now = 10 * DAY;
  local.setItem(
    `${DRAFT_PREFIX}a`,
    JSON.stringify({ format: 2, expiresAt: now - 1, iv: '', sealed: '' }),
  );
  local.setItem(
    `${DRAFT_PREFIX}b`,
    JSON.stringify({ format: 2, expiresAt: now + 1, iv: '', sealed: '' }),
  );
  local.setItem(`${DRAFT_PREFIX}c`, JSON.stringify({ format: 1, draft: { expiresAt: now - 1 } }));
  local.setItem(`${DRAFT_PREFIX}d`, JSON.stringify({ format: 1, draft: { expiresAt: now + 1 } }));
  local.setItem(`${DRAFT_PREFIX}e`, '{broken');
  local.setItem('someone-else', JSON.stringify({ format: 2, expiresAt: 0 }));
  const swept = sweepDrafts(local, now);
  assert.deepEqual(swept.expired.sort(), [
    `${DRAFT_PREFIX}a`,
    `${DRAFT_PREFIX}c`,
    `${DRAFT_PREFIX}e`,
  ]);
  assert.deepEqual(swept.clearText, [`${DRAFT_PREFIX}d`]);
  assert.deepEqual([...local.items.keys()].sort(), [
    `${DRAFT_PREFIX}b`,
    `${DRAFT_PREFIX}d`,
    'someone-else',
  ]);
});
