import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { bytesToUtf8, randomBytes, utf8ToBytes } from '@noble/ciphers/utils.js';
import type { DraftStorage } from './autosave';
import type { JournalStorage } from './entry-queue';
import { base64ToBytes, bytesToBase64 } from '../sync/base64';

/*
 * The draft journals (autosave drafts, typed entries not stored yet) hold what people typed during
 * an interview, and they live in the browser's local storage: on disk, outside the encrypted
 * profile. So every value is sealed with XChaCha20-Poly1305 under a key that lives inside the
 * encrypted profile (`drafts.key`, services/vault/draft-key.ts) and reaches this page only while
 * the profile is unlocked; a lost laptop's local storage holds ciphertext only. The cipher must be
 * synchronous (a journal entry is written on the keystroke, before a crash can take it), which
 * Web Crypto is not: hence `@noble/ciphers` (audited, no dependencies). The storage key of an
 * entry is its additional data, so an entry cannot be moved under another field's name.
 */

const SEALED = 'vws1:';

/** Web Storage whose values are sealed: nothing is written before the key is known, nothing read back without it. */
export class SealedStorage implements DraftStorage, JournalStorage {
  private secret: Uint8Array | null = null;

  constructor(
    private readonly inner: DraftStorage | null,
    /** Names of the entries this storage owns (the journals' prefixes): older plain ones are sealed on unlock. */
    private readonly owns: (key: string) => boolean,
  ) {}

  get unlocked(): boolean {
    return this.secret !== null;
  }

  /** Takes the key (32 bytes) and seals what an older version left in plain text. */
  unlockWith(key: Uint8Array): void {
    if (key.length !== 32) throw new RangeError('the draft key has 32 bytes');
    this.secret = Uint8Array.from(key);
    if (!this.inner) return;
    const plain: string[] = [];
    for (let index = 0; index < this.inner.length; index += 1) {
      const name = this.inner.key(index);
      if (name !== null && this.owns(name) && !(this.inner.getItem(name) ?? '').startsWith(SEALED)) plain.push(name);
    }
    for (const name of plain) this.setItem(name, this.inner.getItem(name) ?? '');
  }

  /** Drops the key from memory (the profile locked): the journal can be neither read nor written. */
  forget(): void {
    this.secret?.fill(0);
    this.secret = null;
  }

  get length(): number {
    return this.inner?.length ?? 0;
  }

  key(index: number): string | null {
    return this.inner?.key(index) ?? null;
  }

  getItem(key: string): string | null {
    const stored = this.inner?.getItem(key) ?? null;
    if (stored === null || !this.secret) return null;
    if (!stored.startsWith(SEALED)) return stored; // an older version's plain entry, sealed at unlock
    try {
      const bytes = base64ToBytes(stored.slice(SEALED.length));
      const cipher = xchacha20poly1305(this.secret, bytes.subarray(0, 24), utf8ToBytes(key));
      return bytesToUtf8(cipher.decrypt(bytes.subarray(24)));
    } catch {
      return null; // sealed under another profile's key, or damaged: unreadable, like a missing entry
    }
  }

  setItem(key: string, value: string): void {
    if (!this.inner || !this.secret) return; // never written in plain text
    const nonce = randomBytes(24);
    const sealed = xchacha20poly1305(this.secret, nonce, utf8ToBytes(key)).encrypt(utf8ToBytes(value));
    const bytes = new Uint8Array(nonce.length + sealed.length);
    bytes.set(nonce);
    bytes.set(sealed, nonce.length);
    this.inner.setItem(key, SEALED + bytesToBase64(bytes));
  }

  removeItem(key: string): void {
    this.inner?.removeItem(key);
  }
}
