import { describe, expect, it } from 'vitest';
import { SealedStorage } from '../../renderer/src/input/sealed-storage';
import { memoryStorage } from '../support/memory-storage';

const key = (fill: number) => new Uint8Array(32).fill(fill);
const owns = (name: string) => name.startsWith('veldwerk.draft.');
const text = 'De coördinator vindt de schepen onbekwaam.';

describe('the sealed draft journal', () => {
  it('writes only ciphertext, and reads it back with the key', () => {
    const inner = memoryStorage();
    const storage = new SealedStorage(inner, owns);
    storage.unlockWith(key(7));
    storage.setItem('veldwerk.draft.note:c1', text);
    const stored = inner.map.get('veldwerk.draft.note:c1') ?? '';
    expect(stored.startsWith('vws1:')).toBe(true);
    expect(stored).not.toContain('coördinator');
    expect(storage.getItem('veldwerk.draft.note:c1')).toBe(text);
    // Each write is a fresh nonce: the same text twice is two different ciphertexts.
    storage.setItem('veldwerk.draft.note:c1', text);
    expect(inner.map.get('veldwerk.draft.note:c1')).not.toBe(stored);
  });

  it('writes nothing and reads nothing without the key (locked, or not yet unlocked)', () => {
    const inner = memoryStorage();
    const storage = new SealedStorage(inner, owns);
    storage.setItem('veldwerk.draft.note:c1', text);
    expect(inner.map.size).toBe(0);
    storage.unlockWith(key(7));
    storage.setItem('veldwerk.draft.note:c1', text);
    storage.forget();
    expect(storage.unlocked).toBe(false);
    expect(storage.getItem('veldwerk.draft.note:c1')).toBeNull();
  });

  it("cannot be read under another profile's key, nor moved under another field's name", () => {
    const inner = memoryStorage();
    const storage = new SealedStorage(inner, owns);
    storage.unlockWith(key(7));
    storage.setItem('veldwerk.draft.note:c1', text);
    const other = new SealedStorage(inner, owns);
    other.unlockWith(key(8));
    expect(other.getItem('veldwerk.draft.note:c1')).toBeNull();
    inner.map.set('veldwerk.draft.note:c2', inner.map.get('veldwerk.draft.note:c1') ?? '');
    expect(storage.getItem('veldwerk.draft.note:c2')).toBeNull();
    inner.map.set('veldwerk.draft.note:c3', 'vws1:bm90LXZhbGlk');
    expect(storage.getItem('veldwerk.draft.note:c3')).toBeNull();
  });

  it('seals what an older version left in plain text when it unlocks, and leaves other entries alone', () => {
    const inner = memoryStorage();
    inner.map.set('veldwerk.draft.note:c1', JSON.stringify({ text, at: '2026-12-01T10:00:00Z' }));
    inner.map.set('veldwerk.language', 'nl-BE');
    const storage = new SealedStorage(inner, owns);
    storage.unlockWith(key(7));
    expect(inner.map.get('veldwerk.draft.note:c1')?.startsWith('vws1:')).toBe(true);
    expect(inner.map.get('veldwerk.language')).toBe('nl-BE');
    expect(JSON.parse(storage.getItem('veldwerk.draft.note:c1') ?? '{}').text).toBe(text);
  });
});
