import { readFileSync } from 'node:fs';
import { WrongPassphraseError } from '../db/crypto/passphrase';
import { obtainProfileKey, profileKeyState } from '../db/crypto/vault';
import { passphraseWrapper } from '../db/crypto/wrappers';
import { openProfile, type OpenProfileOptions, type Profile } from '../db/profile';
import { defaultProfileDir } from '../services/paths';
import { UsageError, type CliIo } from './io';
import { watchMigrationMoves } from '../services/reports/moves';

/** The option every command that opens a profile takes (parseArgs shape). The passphrase is never an argument. */
export const passphraseOption = { 'passphrase-stdin': { type: 'boolean' } } as const;

export const PASSPHRASE_USAGE = `  --passphrase-stdin  read the profile's passphrase from the first line of standard input
                      (or name a file holding it in $VELDWERK_PASSPHRASE_FILE)`;

/**
 * The passphrase that unlocks (or, for a new or older plaintext profile, will lock) a profile:
 * the first line of standard input with --passphrase-stdin, else the first line of the file named
 * by VELDWERK_PASSPHRASE_FILE. `stdinLines` lets a command that reads more from standard input
 * (the sync password) share it: the passphrase is its first line.
 */
export async function readPassphrase(
  io: CliIo,
  values: { 'passphrase-stdin'?: boolean | undefined },
  stdinLines?: readonly string[],
): Promise<string> {
  if (values['passphrase-stdin']) {
    if (stdinLines) return stdinLines[0] ?? '';
    // One line only where the command reads more later (the pairing's confirmation).
    if (io.readLine) return (await io.readLine()) ?? '';
    return (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  }
  const file = io.env.VELDWERK_PASSPHRASE_FILE;
  if (file) {
    try {
      return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
    } catch (error) {
      throw new UsageError(`VELDWERK_PASSPHRASE_FILE names ${file}, which cannot be read: ${(error as Error).message}`);
    }
  }
  throw new UsageError(
    'the profile is encrypted: give its passphrase with --passphrase-stdin (first line of standard input) or in a file named by VELDWERK_PASSPHRASE_FILE',
  );
}

/**
 * The duo file's passphrase (bundle export encrypts under it, import of an encrypted file needs
 * it): a line of standard input with --duo-passphrase-stdin (the second when the profile's
 * passphrase is the first), else the first line of the file named by VELDWERK_DUO_PASSPHRASE_FILE.
 */
export async function readDuoPassphrase(
  io: CliIo,
  values: { 'passphrase-stdin'?: boolean | undefined; 'duo-passphrase-stdin'?: boolean | undefined },
  stdinLines: readonly string[] | undefined,
): Promise<string | null> {
  if (values['duo-passphrase-stdin']) return (stdinLines ?? [])[values['passphrase-stdin'] ? 1 : 0] ?? '';
  const file = io.env.VELDWERK_DUO_PASSPHRASE_FILE;
  if (!file) return null;
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  } catch (error) {
    throw new UsageError(
      `VELDWERK_DUO_PASSPHRASE_FILE names ${file}, which cannot be read: ${(error as Error).message}`,
    );
  }
}

/**
 * Opens a profile for a command: unlocks its key with the passphrase (a new profile, or an older
 * plaintext one, is locked with it and encrypted), then the one openProfile every caller uses.
 */
/** The profile folder a command works on: --profile, else $VELDWERK_PROFILE or the desktop app's profile. */
export function cliProfileDir(io: CliIo, values: { profile?: string | undefined }): string {
  return values.profile ?? defaultProfileDir(io.env);
}

/** Opens the profile of `cliProfileDir`, unlocked with the passphrase of `readPassphrase`. */
export async function openCliProfile(
  io: CliIo,
  values: { profile?: string | undefined; 'passphrase-stdin'?: boolean | undefined },
  options: Omit<OpenProfileOptions, 'key'> & { readonly stdinLines?: readonly string[] } = {},
): Promise<Profile> {
  const dir = cliProfileDir(io, values);
  const { stdinLines, ...open } = options;
  const passphrase = await readPassphrase(io, values, stdinLines);
  const state = profileKeyState(dir);
  let key: Buffer;
  try {
    key = await obtainProfileKey(dir, passphraseWrapper(passphrase));
  } catch (error) {
    if (error instanceof WrongPassphraseError) throw new Error(`${error.message} (profile ${dir})`, { cause: error });
    throw error;
  }
  if (state.kind === 'plaintext')
    io.stderr(`Encrypting the profile in ${dir} (made by an older, unencrypted version)…\n`);
  if (state.kind === 'new') io.stderr(`A new profile in ${dir}, encrypted; its key is locked with your passphrase.\n`);
  const profile = openProfile(dir, { ...open, key });
  // What a command imports (a duo file) is repaired like in the app (services/reports/moves.ts).
  watchMigrationMoves(profile.store);
  return profile;
}
