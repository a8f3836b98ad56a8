import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeCanonicalBase64, textUpdateProblem, YTEXT_KEY } from './text-update';

function update(text: string): string {
  const doc = new Y.Doc();
  doc.getText(YTEXT_KEY).insert(0, text);
  return btoa(String.fromCharCode(...Y.encodeStateAsUpdate(doc)));
}

describe('shared-text updates', () => {
  it('decodes canonical base64 exactly as a byte round trip does', () => {
    for (let length = 0; length < 40; length += 1) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 37 + length) & 0xff);
      const text = btoa(String.fromCharCode(...bytes));
      expect(decodeCanonicalBase64(text)).toEqual(bytes);
    }
  });

  it('refuses non-canonical spellings', () => {
    for (const text of ['Q', 'QQ', 'QR==', 'QUI=x', 'QUJ=', 'QQ=', 'Q===', '====', 'ab c', 'é==='])
      expect(decodeCanonicalBase64(text), text).toBeNull();
  });

  it('accepts a real update and refuses the poison values the issue lists', () => {
    expect(textUpdateProblem(update('hallo'))).toBeNull();
    for (const poison of ['', 'Q', 'QQ==', '/w==', '//////////8='])
      expect(textUpdateProblem(poison), poison).not.toBeNull();
  });
});
