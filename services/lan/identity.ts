import { X509Certificate, createHash } from 'node:crypto';
import { chmodSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';
import type { SqliteDatabase } from '../../db/connection';
import { DATABASE_FILE, openProfileAt } from '../../db/profile';
import {
  LEGACY_LAN_IDENTITY_FILE,
  SECRET_LAN_IDENTITY,
  lanIdentitySchema,
  readProfileSecret,
  storeProfileSecretOnce,
} from '../../db/profile-secrets';

/*
 * A laptop's long-lived TLS identity for duo sync over the local network: a self-signed
 * certificate (made with `selfsigned`, EC P-256, SHA-256) and its key, kept inside the encrypted
 * profile database (db/profile-secrets.ts; older versions wrote the plain file
 * `lan-identity.json`, which the profile moves in when it opens). A peer is known by its
 * certificate's SHA-256 fingerprint, like Syncthing's device ids. The certificate names nobody:
 * its common name is a fixed word.
 */

/** The plain file of older versions (moved into the database on open). */
export const IDENTITY_FILE = LEGACY_LAN_IDENTITY_FILE;

export interface LanIdentity {
  readonly cert: string;
  readonly key: string;
  /** SHA-256 of the certificate's DER bytes, lower-case hex. */
  readonly fingerprint: string;
}

/** The SHA-256 fingerprint of a certificate's DER bytes, lower-case hex. */
export function fingerprintOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** The fingerprint of a PEM certificate. */
export function fingerprintOfPem(pem: string): string {
  return fingerprintOf(new X509Certificate(pem).raw);
}

/** Groups a fingerprint for people to read ("3f2a 9c01 …"), first 16 bytes. */
export function shortFingerprint(fingerprint: string): string {
  return (fingerprint.slice(0, 32).match(/.{4}/g) ?? []).join(' ');
}

/** Writes a file readable by its owner only, atomically (temporary file, then rename). Not for secrets. */
export function writePrivateFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** Identities of folders that hold no profile (tests, benchmarks): kept in this process only. */
const throwaway = new Map<string, Promise<LanIdentity>>();

async function generateIdentity(now: Date): Promise<{ cert: string; key: string }> {
  const notAfter = new Date(now.getTime() + 20 * 365 * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'veldwerk-laptop' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 86_400_000),
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

function fromStored(text: string, where: string): LanIdentity {
  let parsed: ReturnType<typeof lanIdentitySchema.safeParse>;
  try {
    parsed = lanIdentitySchema.safeParse(JSON.parse(text));
  } catch {
    parsed = lanIdentitySchema.safeParse(null);
  }
  if (!parsed.success) throw new Error(`${where} holds no valid Veldwerk network identity.`);
  return { cert: parsed.data.cert, key: parsed.data.key, fingerprint: fingerprintOfPem(parsed.data.cert) };
}

async function identityIn(db: SqliteDatabase, dir: string, now: Date): Promise<LanIdentity> {
  const stored = readProfileSecret(db, SECRET_LAN_IDENTITY);
  if (stored !== null) return fromStored(stored, `The profile ${dir}`);
  if (existsSync(path.join(dir, IDENTITY_FILE)))
    // An older version's file the profile could not take in (db/profile-secrets.ts leaves a bad one).
    throw new Error(
      `${path.join(dir, IDENTITY_FILE)} is not a Veldwerk network identity; move it away to make a new one (the duo partner then has to pair again).`,
    );
  const made = await generateIdentity(now);
  // Two first calls at once both generate; the first stored one is the laptop's.
  const text = storeProfileSecretOnce(db, SECRET_LAN_IDENTITY, JSON.stringify({ version: 1, ...made }));
  return fromStored(text, `The profile ${dir}`);
}

/**
 * The profile's identity, made on first use and kept in its encrypted database. Give the open
 * profile, or its folder while this process has it open (db/profile.ts openProfileAt). A folder
 * that holds no profile at all (a test's or benchmark's stand-in laptop) gets an identity that
 * lives in this process only and is never written anywhere.
 */
export async function loadOrCreateIdentity(
  target: string | { readonly dir: string; readonly db: SqliteDatabase },
  now = new Date(),
): Promise<LanIdentity> {
  const dir = path.resolve(typeof target === 'string' ? target : target.dir);
  const profile = typeof target === 'string' ? openProfileAt(dir) : target;
  if (profile) return identityIn(profile.db, dir, now);
  if (existsSync(path.join(dir, DATABASE_FILE)))
    throw new Error(`The profile ${dir} is not open: its network identity is inside the encrypted database.`);
  let made = throwaway.get(dir);
  if (!made) {
    made = generateIdentity(now).then((pems) => ({ ...pems, fingerprint: fingerprintOfPem(pems.cert) }));
    throwaway.set(dir, made);
  }
  return made;
}
