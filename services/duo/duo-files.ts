import type { Profile } from '../../db/profile';
import { importBundleSource, readBundle, type ImportOptions, type ImportResult } from '../../db/store/bundle';
import { bufferSource, type ByteSource } from '../../db/store/byte-stream';
import { normalizeEmail } from '../../shared/domain/email';
import type { DuoFileCampaign, DuoFileView, DuoMakerView } from '../../shared/contract/sync';
import type { Change } from '../../shared/sync/change';
import type { SetAsideChange } from '../../shared/sync/replica';
import { currentMemberId } from '../identity';
import { loadOrCreateIdentity, shortFingerprint } from '../lan/identity';
import {
  checkSignedContent,
  DuoFileError,
  openSignedBundle,
  openSignedSource,
  signBundle,
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

/**
 * The addresses this profile's person goes by: the members chosen as "Ik ben" in its campaigns and
 * the account it syncs with. A duo partner's file may bring a campaign this profile does not hold
 * yet when that campaign's team has one of them (`mayAddCampaign`); any other new campaign stays
 * refused as foreign.
 */
export function ownAddresses(profile: Profile): Set<string> {
  const out = new Set<string>();
  for (const campaign of profile.store.knownCampaigns()) {
    const member = currentMemberId(profile, campaign);
    const email = member ? profile.store.get('members', member)?.email : null;
    if (email) out.add(normalizeEmail(email));
  }
  const account = profile.store.getSyncState('sync:email');
  if (account) out.add(normalizeEmail(account));
  return out;
}

/** A campaign of a duo file this profile may take in: one whose team (in the file) has this profile's person. */
export function mayAddCampaignOf(profile: Profile): (campaign: string, team: ReadonlySet<string>) => boolean {
  const mine = ownAddresses(profile);
  return (_campaign, team) => [...team].some((address) => mine.has(address));
}

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

/**
 * Signs a bundle held in memory as this laptop: the LAN exchange's payload is a duo file without
 * the file around it (services/lan/session.ts), signed and checked the same way.
 */
export async function signDuoBytes(
  profile: Profile,
  bundle: Uint8Array,
  campaigns: readonly string[],
): Promise<Buffer> {
  const identity = await loadOrCreateIdentity(profile.dir);
  return signBundle(bundle, identity, makerOf(profile, campaigns));
}

/**
 * Imports what the paired LAN partner sent (signDuoBytes) through the duo file's path: the same
 * signature, maker and relayed-author checks. The signer must be the laptop at the other end of
 * the TLS connection (its pinned certificate); a paired partner may bring a new campaign (the
 * pairing, with its code on both screens, is the person's deliberate trust).
 */
export async function importLanPayload(
  profile: Profile,
  bytes: Uint8Array,
  peerFingerprint: string,
): Promise<ImportResult & { readonly maker: DuoMakerView['maker'] }> {
  const { header } = openSignedBundle(bytes);
  if (header.fingerprint !== peerFingerprint)
    throw new DuoFileError(
      'The exchange is signed by another laptop than the partner it came from; it was not imported.',
      'not-maker',
    );
  return importDuoSource(profile, bufferSource(bytes), peerFingerprint, {
    blobs: profile.blobs,
    allowNewCampaign: true,
  });
}

/**
 * The maker's name as this laptop knows the member they chose as "Ik ben" (a member of a campaign
 * held here), else as the file names them: the importer sees the name from its own team list.
 */
function makerName(profile: Profile, header: SignedHeader): string | null {
  for (const [campaign, member] of Object.entries(header.maker.members)) {
    const row = profile.store.get('members', member);
    if (row && row.campaign_id === campaign && row.name) return row.name;
  }
  return header.maker.name;
}

/**
 * The check of the changes a duo file (or the LAN partner) passes on from laptops other than its
 * maker's: who may they be signed by? The same rule the server applies to pushes
 * (server/authorship.ts), as far as this laptop can tell. A relayed change passes when this
 * laptop holds it already, when it is signed by its own laptop (no person), or when this laptop
 * ties its laptop to its author through something it already trusts: changes of that laptop it
 * received from the server signed by that author, or the laptop's own signed file whose maker
 * this laptop pinned (services/duo/signers.ts) with that author as its member in the campaign;
 * an author with the same address (the team lists here and in the file) counts as the same.
 *
 * What does not pass is refused (`refused`: the whole file) in a campaign this laptop has from
 * the server, where the server's record would have tied that laptop to its author; in a campaign
 * the server never gave this laptop (a new partner's file, taken before its first sync) it is set
 * aside instead (`unverified`, RELAYED_UNVERIFIED), visibly, and applied by nobody: the maker's
 * signature proves only what the maker made. It leaves the set-aside list once the same change
 * arrives from the server or from its author's own file (db/store/remote.ts). Stateful across
 * the file's batches (member addresses seen).
 */
export function relayChecks(profile: Profile): {
  readonly refused: (changes: readonly Change[]) => Change | null;
  readonly unverified: (makerNode: string, changes: readonly Change[]) => SetAsideChange[];
} {
  const store = profile.store;
  const fileAddresses = new Map<string, string>();
  const addressOf = (author: string): string | null => {
    if (author.includes('@')) return normalizeEmail(author);
    const row = store.get('members', author, { includeDeleted: true });
    const address = fileAddresses.get(author) ?? row?.email ?? null;
    return address ? normalizeEmail(address) : null;
  };
  // Laptops this one pinned as duo-file makers, with the member each named per campaign.
  const pinned = new SignerList(profile.dir).list();
  const seen = (changes: readonly Change[]) => {
    for (const change of changes)
      if (change.table === 'members' && change.column === 'email' && typeof change.value === 'string')
        fileAddresses.set(change.rowId, change.value);
  };
  /** The relayed changes signed by a person that nothing this laptop trusts ties to their laptop. */
  const untied = (changes: readonly Change[]): Change[] => {
    const people = changes.filter((change) => change.author !== change.node);
    if (people.length === 0) return [];
    const logged = store.loggedChangeIds(people.map((change) => change.id));
    const pending = people.filter((change) => !logged.has(change.id));
    const known = store.serverAuthorsOfNodes([...new Set(pending.map((change) => change.node))]);
    return pending.filter((change) => {
      const authors = new Set(known.get(change.node) ?? []);
      for (const signer of pinned)
        if (signer.node === change.node) for (const member of Object.values(signer.members)) authors.add(member);
      if (authors.has(change.author)) return false;
      const address = addressOf(change.author);
      const addresses = new Set([...authors].map(addressOf).filter((value) => value !== null));
      return !(address !== null && addresses.has(address));
    });
  };
  return {
    refused: (changes) => {
      seen(changes);
      const campaigns = store.campaignsFromServer([...new Set(changes.map((change) => change.campaign))]);
      return untied(changes.filter((change) => campaigns.has(change.campaign)))[0] ?? null;
    },
    unverified: (makerNode, changes) => {
      seen(changes);
      const relayed = changes.filter((change) => change.node !== makerNode);
      const campaigns = store.campaignsFromServer([...new Set(relayed.map((change) => change.campaign))]);
      return untied(relayed.filter((change) => !campaigns.has(change.campaign))).map((change) => ({
        change,
        code: 'RELAYED_UNVERIFIED' as const,
        reason:
          `Change ${change.id} was passed on from laptop ${change.node}, signed as ${change.author}; nothing this laptop ` +
          'trusts (the server, a file of that laptop) ties that laptop to that person, so it was set aside, not applied.',
      }));
    },
  };
}

function view(profile: Profile, header: SignedHeader): DuoMakerView {
  return {
    maker: {
      name: makerName(profile, header),
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

/** Who made a file whose signature was verified (openSignedSource), as this laptop names them and trusts them. */
export function describeDuoSigner(profile: Profile, header: SignedHeader): DuoMakerView {
  refuseOwn(profile, header);
  return view(profile, header);
}

/**
 * What a duo file brings, as the import would take it with no campaign chosen (the app's dialog
 * and the CLI without --campaign): its campaigns (name, new here, whether their team has this
 * person), whether one of them is refused as foreign unless the person allows it explicitly, and
 * how many relayed changes would be set aside as unverified (relayChecks).
 */
export async function previewDuoBundle(
  profile: Profile,
  header: SignedHeader,
  bundle: Uint8Array,
): Promise<Pick<DuoFileView, 'campaigns' | 'needsNewCampaignConsent' | 'unverifiedRelayed' | 'changeCount'>> {
  const store = profile.store;
  const read = await readBundle(bundle);
  const known = new Set(store.knownCampaigns());
  const names = new Map<string, { hlc: string; name: string }>();
  const teams = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const change of read.changes) {
    counts.set(change.campaign, (counts.get(change.campaign) ?? 0) + 1);
    if (change.table === 'campaigns' && change.column === 'name' && typeof change.value === 'string') {
      const before = names.get(change.rowId);
      if (!before || before.hlc < change.hlc) names.set(change.rowId, { hlc: change.hlc, name: change.value });
    }
    if (change.table === 'members' && change.column === 'email' && typeof change.value === 'string') {
      const team = teams.get(change.campaign) ?? new Set<string>();
      team.add(normalizeEmail(change.value));
      teams.set(change.campaign, team);
    }
  }
  const mayAdd = mayAddCampaignOf(profile);
  const campaigns: DuoFileCampaign[] = read.header.campaigns.map((id) => ({
    id,
    name: store.get('campaigns', id)?.name ?? names.get(id)?.name ?? null,
    isNew: !known.has(id),
    teamHasYou: mayAdd(id, teams.get(id) ?? new Set()),
    changes: counts.get(id) ?? 0,
  }));
  return {
    campaigns,
    // As importDuoSource decides without allowNewCampaign (services/sync/handlers.ts): a profile
    // with no campaign takes any; one with campaigns takes a new one only when its team has you.
    needsNewCampaignConsent: known.size > 0 && campaigns.some((campaign) => campaign.isNew && !campaign.teamHasYou),
    unverifiedRelayed: relayChecks(profile).unverified(header.maker.node, read.changes).length,
    changeCount: read.changes.length,
  };
}

/** Who made a duo file, whether this laptop knows that maker and what it brings; refuses a forged or changed file. */
export async function inspectDuoFile(profile: Profile, bytes: Uint8Array): Promise<DuoFileView> {
  const { header, bundle } = openSignedBundle(bytes);
  refuseOwn(profile, header);
  return { ...view(profile, header), ...(await previewDuoBundle(profile, header, bundle)) };
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
): Promise<ImportResult & { readonly maker: DuoMakerView['maker'] }> {
  const { header, bundle } = await openSignedSource(source);
  refuseOwn(profile, header);
  const shown = view(profile, header);
  if (shown.trust !== 'known' && trustSigner !== header.fingerprint)
    throw new DuoFileError(
      `This file was made by ${header.maker.name ?? 'an unnamed member'} on laptop ${shortFingerprint(header.fingerprint)}, which this laptop does not know yet: confirm that laptop first.`,
      'unknown-maker',
    );
  const relayed = relayChecks(profile);
  const result = await importBundleSource(profile.store, bundle, {
    ...options,
    check: (bundleHeader, changes) =>
      checkSignedContent(header, bundleHeader, changes, profile.store.node, relayed.refused),
    setAside: (_bundleHeader, changes) => relayed.unverified(header.maker.node, changes),
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
): Promise<ImportResult & { readonly maker: DuoMakerView['maker'] }> {
  return importDuoSource(profile, bufferSource(bytes), trustSigner, options);
}
