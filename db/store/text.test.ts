import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { YTEXT_KEY } from '../../shared/sync/schema';
import { decodeBase64, diffToUpdate, encodeBase64, mergeUpdate, plainText, yjsClientId } from './text';

describe('shared text helpers', () => {
  it('turns plain-text saves into minimal updates that merge with concurrent ones', () => {
    const base = diffToUpdate(null, 'De centra werken samen.', 1)!;
    const mine = diffToUpdate(base.state, 'Alle centra werken samen.', 2)!;
    const theirs = diffToUpdate(base.state, 'De centra werken goed samen.', 3)!;
    const left = mergeUpdate(mergeUpdate(base.state, mine.update).state, theirs.update);
    const right = mergeUpdate(mergeUpdate(base.state, theirs.update).state, mine.update);
    expect(left.text).toBe('Alle centra werken goed samen.');
    expect(right.text).toBe(left.text);
    expect(diffToUpdate(left.state, left.text, 2)).toBeNull();
    // The update carries only the edit, not the whole text.
    expect(mine.update.byteLength).toBeLessThan(base.update.byteLength);
  });

  it('never splits a surrogate pair', () => {
    const first = diffToUpdate(null, 'tolk 😀 ok', 1)!;
    const second = diffToUpdate(first.state, 'tolk 😁 ok', 1)!;
    expect(plainText(second.state)).toBe('tolk 😁 ok');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, second.state);
    expect(doc.getText(YTEXT_KEY).toString()).toBe('tolk 😁 ok');
  });

  it('keeps one stable client id per node and accepts only canonical base64', () => {
    expect(yjsClientId('aaaaaaaa')).toBe(yjsClientId('aaaaaaaa'));
    expect(yjsClientId('aaaaaaaa')).not.toBe(yjsClientId('bbbbbbbb'));
    const bytes = new Uint8Array([1, 2, 3, 250]);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    expect(decodeBase64('AQID+g')).toBeNull();
    expect(() => mergeUpdate(null, new Uint8Array([1, 2, 3]))).toThrow();
  });
});
