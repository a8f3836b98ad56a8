import path from 'node:path';
import { LEGACY_PROFILE_CIPHER, openDatabase, type SqliteDatabase } from './connection';
import { encryptPlaintextDatabase, upgradeProfileCipher } from './crypto/encrypt-profile';
import { deriveKey } from './crypto/profile-key';
import { DATABASE_FILE } from './crypto/vault';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { bindNodeToProfile } from './profile-identity';
import { absorbLegacySecretFiles } from './profile-secrets';
import { SecretBox } from './secrets';
import { ensurePrivateDir, ensurePrivateFile, tightenIfPresent } from './private-files';
import { BlobStore } from './store/blobs';
import { LocalStore, type StoreOptions } from './store/store';

export { DATABASE_FILE };
export const BLOBS_DIR = 'blobs';

export interface Profile {
  readonly dir: string;
  readonly db: SqliteDatabase;
  /** The sync-ready store: every write of a record goes through it. */
  readonly store: LocalStore;
  /** Content-addressed files (documents received on visits), encrypted under a key derived from the profile key. */
  readonly blobs: BlobStore;
  /** Wraps secrets kept in the database (sync tokens) with a key kept in the database too (db/profile-secrets.ts). */
  readonly secrets: SecretBox;
  /** Set when this folder turned out to be a copy of another profile: the node id it was given a new one for. */
  readonly clonedFrom: string | null;
  close(): void;
}

export interface OpenProfileOptions {
  /**
   * The profile key (32 bytes) from db/crypto/vault.ts `obtainProfileKey`: the database and the
   * blobs are encrypted under it. There is no way to open a profile without it.
   */
  readonly key: Uint8Array;
  readonly nativeBinding?: string;
  readonly store?: StoreOptions;
}

/**
 * Opens (and creates where needed) a user's profile folder: one encrypted SQLite database,
 * migrated to the newest schema, and the blob store. The one function every caller opens a
 * profile with (the desktop app, browser mode, the CLI, tests). A plaintext database of an older
 * version is encrypted first (db/crypto/encrypt-profile.ts), and so are its plaintext blobs.
 * The folder is private to the user (0700, files 0600: db/private-files.ts). Throws
 * WrongKeyError for a key that does not open the database and MigrationHistoryError for a
 * history this build does not recognise.
 */
export function openProfile(dir: string, options: OpenProfileOptions): Profile {
  const absolute = path.resolve(dir);
  ensurePrivateDir(absolute);
  const file = path.join(absolute, DATABASE_FILE);
  ensurePrivateFile(file);
  tightenIfPresent([`${file}-wal`, `${file}-shm`]);
  encryptPlaintextDatabase(file, options.key, options.nativeBinding);
  const open = () =>
    openDatabase(file, {
      key: options.key,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  let db = open();
  // An earlier build's cipher (the connection fell back to it): re-keyed to AEGIS, then opened again.
  if (db.pragma('cipher', { simple: true }) === LEGACY_PROFILE_CIPHER) {
    db.close();
    upgradeProfileCipher(file, options.key, options.nativeBinding);
    db = open();
  }
  let store: LocalStore;
  let blobs: BlobStore;
  let clonedFrom: string | null;
  // Held by the blob store for as long as the profile is open, zeroed when it closes.
  const blobKey = deriveKey(options.key, 'blobs');
  try {
    migrate(db, migrations);
    // Before the store reads its node id: a copied folder gets its own (db/profile-identity.ts).
    clonedFrom = bindNodeToProfile(db, file).clonedFrom;
    // Secrets an older version kept in plain files beside the database move inside it.
    absorbLegacySecretFiles(db, absolute);
    store = new LocalStore(db, options.store ?? {});
    blobs = new BlobStore(path.join(absolute, BLOBS_DIR), blobKey);
    blobs.encryptLegacy();
  } catch (error) {
    db.close();
    blobKey.fill(0);
    throw error;
  }
  const secrets = new SecretBox(db);
  const profile: Profile = {
    dir: absolute,
    db,
    store,
    blobs,
    secrets,
    clonedFrom,
    close: () => {
      openProfiles.get(absolute)?.delete(profile);
      if (openProfiles.get(absolute)?.size === 0) openProfiles.delete(absolute);
      if (db.open) db.close();
      // The keys this process derived for the profile leave memory with it (the caller owns the
      // profile key itself: services/vault/session.ts zeroes it once the services are open).
      secrets.forget();
      blobKey.fill(0);
    },
  };
  const here = openProfiles.get(absolute) ?? new Set<Profile>();
  here.add(profile);
  openProfiles.set(absolute, here);
  return profile;
}

/** The profiles this process has open, by folder. */
const openProfiles = new Map<string, Set<Profile>>();

/**
 * A profile this process has open in a folder, or null: for code that is handed only the folder
 * (the LAN identity, services/lan/identity.ts) and keeps its secret inside the database.
 */
export function openProfileAt(dir: string): Profile | null {
  for (const profile of openProfiles.get(path.resolve(dir)) ?? []) if (profile.db.open) return profile;
  return null;
}
