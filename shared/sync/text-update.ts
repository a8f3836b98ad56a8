import * as Y from 'yjs';
import { REPORT_FRAGMENT_KEY } from '../report/model';

/**
 * The value of a shared-text change: one Yjs update, canonical base64. Every entry point checks
 * it the same way (the sync registry's value schema), by decoding it as the laptops will: a
 * string that is base64 but not a Yjs update ("", "Q", "QQ==", "/w==") would otherwise be stored
 * by the server and then refused by every laptop on every pull.
 *
 * Hand-written base64 because shared/ runs in the browser and in Node and may use neither Buffer
 * nor (under its ES-only lib) atob; it accepts only the canonical spelling, so one update has
 * exactly one spelling (padding present, unused bits zero).
 */
/** The key of the Y.Text inside every shared-text Yjs document (a renderer binding must use the same). */
export const YTEXT_KEY = 'text';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let index = 0; index < ALPHABET.length; index += 1) DECODE[ALPHABET.charCodeAt(index)] = index;

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? (DECODE[code] as number) : -1;
}

/** Decodes canonical base64; null for anything else. */
export function decodeCanonicalBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let index = 0; index < text.length; index += 4) {
    const last = index + 4 === text.length;
    const a = sextet(text, index);
    const b = sextet(text, index + 1);
    const c = last && padding === 2 ? 0 : sextet(text, index + 2);
    const d = last && padding >= 1 ? 0 : sextet(text, index + 3);
    if (a < 0 || b < 0 || c < 0 || d < 0) return null;
    const bits = (a << 18) | (b << 12) | (c << 6) | d;
    out[at++] = bits >> 16;
    if (!(last && padding === 2)) out[at++] = (bits >> 8) & 0xff;
    else if ((bits & 0xffff) !== 0) return null; // non-zero unused bits: not the canonical spelling
    if (!(last && padding >= 1)) out[at++] = bits & 0xff;
    else if (padding === 1 && (bits & 0xff) !== 0) return null;
  }
  return out;
}

/** The Yjs type a text column's document holds: a Y.Text under YTEXT_KEY, or a report section's Y.XmlFragment. */
export type TextRoot = 'text' | 'xml';

/** Why a value is not a shared-text update (of a document holding `root`), or null when it is one. */
export function textUpdateProblem(value: string, root: TextRoot = 'text'): string | null {
  const bytes = decodeCanonicalBase64(value);
  if (!bytes) return 'not a valid Yjs update (not canonical base64)';
  if (bytes.byteLength === 0) return 'not a valid Yjs update (empty)';
  // Applied to an empty document, exactly as a laptop merges the first update of a field.
  const doc = new Y.Doc({ gc: true, guid: 'veldwerk-check' });
  try {
    Y.applyUpdate(doc, bytes);
    if (root === 'xml') doc.getXmlFragment(REPORT_FRAGMENT_KEY).toString();
    else doc.getText(YTEXT_KEY).toString();
    return null;
  } catch (error) {
    return `not a valid Yjs update (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    doc.destroy();
  }
}
