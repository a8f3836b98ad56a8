import type { Profile } from '../../db/profile';
import { importBundleSource, type ImportOptions, type ImportResult } from '../../db/store/bundle';
import { bufferSource, type ByteSource } from '../../db/store/byte-stream';
import type { DuoFileView } from '../../shared/contract/sync';
import { currentMemberId } from '../identity';
import { loadOrCreateIdentity, shortFingerprint } from '../lan/identity';
import {
  checkSignedContent,
  DuoFileError,
  openSignedBundle,
  openSignedSource,
  signSource,
  type Maker,
  type SignedHeader,
} from './signed-file';
import { SignerList } from './signers';

/**
 * The duo file as the app and the CLI make and take it: a bundle signed with this laptop's key
 * (services/duo/signed-file.ts), whose maker is shown before import and trusted on first use
 * (services/duo/signers.ts).
 */

/** Who makes a duo file on this laptop: the member chosen as "Ik ben" in each of its campaigns. */
function makerOf(profile: Profile, campaigns: readonly string[]): Maker {
  const members: Record<string, string> = {};
  for (const campaign of campaigns) {
    const member = currentMemberId(profile, campaign);
    if (member) members[campaign] = member;
  }
  const first = Object.values(members)[0];
  const name = first ? (profile.store.get('members', first)?.name ?? null) : null;
  return { name, members, node: profile.store.node };
}

/** Signs a bundle of these campaigns as this laptop (a stream: the bundle is read to hash it, then behind the header). */
export async function signDuoSource(
  profile: Profile,
  bundle: ByteSource,
  campaigns: readonly string[],
): Promise<ByteSource> {
  const identity = await loadOrCreateIdentity(profile.dir);
  return signSource(bundle, identity, makerOf(profile, campaigns));
}

function view(profile: Profile, header: SignedHeader): DuoFileView {
  return {
    maker: {
      name: header.maker.name,
      node: header.maker.node,
      fingerprint: header.fingerprint,
      fingerprintShort: shortFingerprint(header.fingerprint),
      createdAt: header.createdAt,
    },
    trust: new SignerList(profile.dir).trustOf(header),
  };
}

function refuseOwn(profile: Profile, header: SignedHeader): void {
  if (header.maker.node === profile.store.node)
    throw new DuoFileError(
      'This file was made on this laptop (or claims to be); import it on the other laptop.',
      'own-node',
    );
}

/** Who made a duo file and whether this laptop knows that maker; refuses a forged or changed file. */
export function inspectDuoFile(profile: Profile, bytes: Uint8Array): DuoFileView {
  const { header } = openSignedBundle(bytes);
  refuseOwn(profile, header);
  return view(profile, header);
}

/**
 * Imports a signed duo file, read as a stream. A maker this laptop does not know yet (or whose
 * members changed) is accepted only when `trustSigner` is the fingerprint the person was shown;
 * the maker is then pinned. The signature is checked before anything is read, the signed content
 * (and the bundle's hash) while the whole file is verified, before anything is applied.
 */
export async function importDuoSource(
  profile: Profile,
  source: ByteSource,
  trustSigner: string | null,
  options: Omit<ImportOptions, 'check'> = {},
): Promise<ImportResult & { readonly maker: DuoFileView['maker'] }> {
  const { header, bundle } = await openSignedSource(source);
  refuseOwn(profile, header);
  const shown = view(profile, header);
  if (shown.trust !== 'known' && trustSigner !== header.fingerprint)
    throw new DuoFileError(
      `This file was made by ${header.maker.name ?? 'an unnamed member'} on laptop ${shortFingerprint(header.fingerprint)}, which this laptop does not know yet: confirm that laptop first.`,
      'unknown-maker',
    );
  const result = await importBundleSource(profile.store, bundle, {
    ...options,
    check: (bundleHeader, changes) => checkSignedContent(header, bundleHeader, changes, profile.store.node),
  });
  if (shown.trust !== 'known') new SignerList(profile.dir).pin(header);
  return { ...result, maker: shown.maker };
}

/** Imports a signed duo file held in memory (see importDuoSource). */
export function importDuoFile(
  profile: Profile,
  bytes: Uint8Array,
  trustSigner: string | null,
  options: Omit<ImportOptions, 'check'> = {},
): Promise<ImportResult & { readonly maker: DuoFileView['maker'] }> {
  return importDuoSource(profile, bufferSource(bytes), trustSigner, options);
}
