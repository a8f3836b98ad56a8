import { X509Certificate, createHash } from 'node:crypto';
import { chmodSync, existsSync, linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';
import { z } from 'zod';

/*
 * A laptop's long-lived TLS identity for duo sync over the local network: a self-signed
 * certificate (made with `selfsigned`, EC P-256, SHA-256) and its key, kept in the profile
 * folder with mode 0600. A peer is known by its certificate's SHA-256 fingerprint, like
 * Syncthing's device ids. The certificate names nobody: its common name is a fixed word.
 * (Until the profile is encrypted at rest — issue 12's other half — the key file is protected
 * by its file mode only.)
 */

export const IDENTITY_FILE = 'lan-identity.json';

const identityFileSchema = z
  .object({ version: z.literal(1), cert: z.string().min(1), key: z.string().min(1) })
  .strict();

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

/** Writes a file readable by its owner only, atomically (temporary file, then rename). */
export function writePrivateFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** Identities being read or made, per profile folder: every caller of one process gets the same one. */
const pending = new Map<string, Promise<LanIdentity>>();

/**
 * The profile's identity, made on first use. Callers that ask at the same time (the sync dialog's
 * fingerprint and the LAN controller) share one answer, and a new identity is linked into place
 * only if none exists (another process may have made one meanwhile: then that one is kept): a
 * signature must always be made with the key of the certificate the partner pinned.
 */
export function loadOrCreateIdentity(profileDir: string, now = new Date()): Promise<LanIdentity> {
  const file = path.join(profileDir, IDENTITY_FILE);
  const running = pending.get(file);
  if (running) return running;
  const made = readOrCreate(file, now).finally(() => pending.delete(file));
  pending.set(file, made);
  return made;
}

function readIdentity(file: string): LanIdentity {
  const parsed = identityFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file} is not a Veldwerk network identity; move it away to make a new one (the duo partner then has to pair again).`,
    );
  return { cert: parsed.data.cert, key: parsed.data.key, fingerprint: fingerprintOfPem(parsed.data.cert) };
}

async function readOrCreate(file: string, now: Date): Promise<LanIdentity> {
  if (existsSync(file)) return readIdentity(file);
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
  const temporary = `${file}.${process.pid}.new`;
  writeFileSync(temporary, JSON.stringify({ version: 1, cert: pems.cert, key: pems.private }), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, file); // fails if the file exists: the identity already made wins
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return readIdentity(file);
}
