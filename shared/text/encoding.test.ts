import { describe, expect, it } from 'vitest';
import { decodeText } from './encoding';

const csv = 'naam;gemeente\nCentrum Brugge;Brügge\nHuis €uro;Liège “oud”\n';

/** Windows-1252 bytes of a string of Latin-1 letters plus € and curly quotes. */
function windows1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '“': 0x93, '”': 0x94 };
  return Uint8Array.from([...text].map((char) => special[char] ?? char.charCodeAt(0)));
}
function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const bytes: number[] = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    bytes.push(...(littleEndian ? [code & 0xff, code >> 8] : [code >> 8, code & 0xff]));
  }
  return Uint8Array.from(bytes);
}

describe('decodeText', () => {
  it('reads a Windows-1252 file (Excel on Belgian Windows) without garbling it', () => {
    expect(decodeText(windows1252(csv))).toEqual({ text: csv, encoding: 'windows-1252' });
  });
  it('reads UTF-8 with and without a byte order mark', () => {
    const utf8 = new TextEncoder().encode(csv);
    expect(decodeText(utf8)).toEqual({ text: csv, encoding: 'utf-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: csv, encoding: 'utf-8-bom' });
  });
  it('reads UTF-16 in both byte orders, with or without a byte order mark', () => {
    expect(decodeText(utf16(csv, true, true))).toEqual({ text: csv, encoding: 'utf-16le' });
    expect(decodeText(utf16(csv, false, true))).toEqual({ text: csv, encoding: 'utf-16be' });
    expect(decodeText(utf16(csv, true, false))).toEqual({ text: csv, encoding: 'utf-16le' });
  });
});
