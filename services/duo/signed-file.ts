import { createHash, createPrivateKey, sign, verify, X509Certificate } from 'node:crypto';
import { z } from 'zod';
import type { BundleHeader } from '../../db/store/bundle';
import { ByteReader, bufferSource, concatSources, type ByteSource } from '../../db/store/byte-stream';
import type { Change } from '../../shared/sync/change';
import { fingerprintOfPem, type LanIdentity } from '../lan/identity';

/*
 * Signed duo files (issue 10). A duo file is a bundle (db/store/bundle.ts) in a signed envelope:
 *
 *   VWSIGNED1\n
 *   {"format":"veldwerk-signed-bundle","version":1,"maker":{...},"certificate":PEM,
 *    "fingerprint":hex,"createdAt":ISO,"contentSha256":hex,"signature":base64}\n
 *   <the bundle's bytes>
 *
 * The maker is the laptop's long-lived key: the LAN identity (services/lan/identity.ts, EC P-256)
 * that also pins duo partners on the network. The signature (ECDSA with SHA-256, Node's crypto)
 * covers the header's fields but the signature, canonical JSON, and so the hash of the bundle:
 * a changed byte anywhere, a swapped certificate or an edited maker name breaks it. Verifying
 * proves only that the holder of that key made the file; whether that key is the partner's is
 * decided by services/duo/signers.ts (pinned on first import, after the person saw the name and
 * the fingerprint). The envelope is its own layer, so encrypting the file (issue 12) can wrap it.
 */

export const SIGNED_MAGIC = 'VWSIGNED1\n';
export const SIGNED_FORMAT = 'veldwerk-signed-bundle' as const;
const MAX_HEADER_BYTES = 64 * 1024;

const makerSchema = z
  .object({
    /** The member's name as the maker's laptop knows it (shown before import). */
    name: z.string().max(200).nullable(),
    /** The member id the maker chose as "Ik ben", per campaign of the file. */
    members: z.record(z.string().max(200), z.string().max(200)),
    /** The maker laptop's node id: the bundle's sender. */
    node: z.string().regex(/^[a-z0-9]{8,32}$/),
  })
  .strict();

const headerSchema = z
  .object({
    format: z.literal(SIGNED_FORMAT),
    version: z.literal(1),
    maker: makerSchema,
    certificate: z.string().min(1).max(8192),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.string().max(40),
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
    signature: z.string().max(1024),
  })
  .strict();

export type SignedHeader = z.output<typeof headerSchema>;
export type Maker = z.output<typeof makerSchema>;

export type DuoFileRefusal =
  'unsigned' | 'bad-signature' | 'tampered' | 'forged-author' | 'own-node' | 'not-maker' | 'unknown-maker';

/** A duo file that must not be imported, with a reason for a message in the user's language. */
export class DuoFileError extends Error {
  override readonly name = 'DuoFileError';
  constructor(
    message: string,
    readonly reason: DuoFileRefusal,
  ) {
    super(message);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The bytes the signature covers: the header without its signature, keys in a fixed order. */
function signedPart(header: Omit<SignedHeader, 'signature'>): Buffer {
  const { format, version, maker, certificate, fingerprint, createdAt, contentSha256 } = header;
  const members = Object.fromEntries(Object.entries(maker.members).sort(([a], [b]) => (a < b ? -1 : 1)));
  return Buffer.from(
    JSON.stringify([
      format,
      version,
      [maker.name, members, maker.node],
      certificate,
      fingerprint,
      createdAt,
      contentSha256,
    ]),
  );
}

/** The envelope's first line and header for a bundle of this hash, signed with this laptop's identity. */
function envelopeHead(contentSha256: string, identity: LanIdentity, maker: Maker, now: Date): Buffer {
  const unsigned = {
    format: SIGNED_FORMAT,
    version: 1 as const,
    maker,
    certificate: identity.cert,
    fingerprint: identity.fingerprint,
    createdAt: now.toISOString(),
    contentSha256,
  };
  const signature = sign('sha256', signedPart(unsigned), createPrivateKey(identity.key)).toString('base64');
  const header: SignedHeader = { ...unsigned, signature };
  return Buffer.concat([Buffer.from(SIGNED_MAGIC), Buffer.from(`${JSON.stringify(header)}\n`)]);
}

/** Wraps a bundle in the signed envelope of this laptop's identity. */
export function signBundle(bundle: Uint8Array, identity: LanIdentity, maker: Maker, now = new Date()): Buffer {
  return Buffer.concat([envelopeHead(sha256(bundle), identity, maker, now), bundle]);
}

/** The same as a stream: the bundle is read once to hash it, and again behind the header. */
export async function signSource(
  bundle: ByteSource,
  identity: LanIdentity,
  maker: Maker,
  now = new Date(),
): Promise<ByteSource> {
  const hash = createHash('sha256');
  for await (const chunk of bundle()) hash.update(chunk);
  return concatSources(bufferSource(envelopeHead(hash.digest('hex'), identity, maker, now)), bundle);
}

const unsigned = () =>
  new DuoFileError(
    'This file is not signed by the laptop that made it (an older Veldwerk, or not a duo file); it was not imported.',
    'unsigned',
  );
const damagedSignature = () =>
  new DuoFileError('The signature of this file is damaged; it was not imported.', 'bad-signature');
const tampered = () =>
  new DuoFileError(
    'This file was changed after its maker signed it; it was not imported. Ask for a new file.',
    'tampered',
  );

/** The envelope's header line, parsed and its signature verified against its own certificate. */
function verifiedHeader(line: Buffer): SignedHeader {
  let header: SignedHeader;
  try {
    header = headerSchema.parse(JSON.parse(line.toString('utf8')));
  } catch {
    throw damagedSignature();
  }
  let valid = false;
  try {
    const certificate = new X509Certificate(header.certificate);
    valid =
      fingerprintOfPem(header.certificate) === header.fingerprint &&
      verify('sha256', signedPart(header), certificate.publicKey, Buffer.from(header.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid)
    throw new DuoFileError(
      'The signature of this file does not match its maker; it may have been forged. It was not imported.',
      'bad-signature',
    );
  return header;
}

/**
 * Opens a signed duo file: the header (maker, fingerprint, date) and the bundle inside, after
 * checking the signature and the bundle's hash. Refuses (DuoFileError) an unsigned file, a
 * signature that does not verify and a body that is not the one signed.
 */
export function openSignedBundle(bytes: Uint8Array): { header: SignedHeader; bundle: Buffer } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.subarray(0, SIGNED_MAGIC.length).equals(Buffer.from(SIGNED_MAGIC))) throw unsigned();
  const end = buffer.indexOf(0x0a, SIGNED_MAGIC.length);
  if (end < 0 || end - SIGNED_MAGIC.length > MAX_HEADER_BYTES) throw damagedSignature();
  const header = verifiedHeader(buffer.subarray(SIGNED_MAGIC.length, end));
  const bundle = buffer.subarray(end + 1);
  if (sha256(bundle) !== header.contentSha256) throw tampered();
  return { header, bundle };
}

/**
 * The same as a stream: the header is read and its signature verified here; each read of the
 * bundle hashes it on the way and throws 'tampered' at its end when it is not the one signed, so
 * a reader acts on the bytes only after a read that ended without an error (db/store/bundle.ts).
 */
export async function openSignedSource(source: ByteSource): Promise<{ header: SignedHeader; bundle: ByteSource }> {
  const reader = ByteReader.of(source);
  const magic = await reader.read(SIGNED_MAGIC.length);
  if (!magic.equals(Buffer.from(SIGNED_MAGIC))) throw unsigned();
  const line = await reader.readLine(MAX_HEADER_BYTES, damagedSignature);
  if (line === null) throw damagedSignature();
  const header = verifiedHeader(line);
  const skip = SIGNED_MAGIC.length + line.length + 1;
  const bundle: ByteSource = async function* () {
    const again = ByteReader.of(source);
    if ((await again.read(skip)).length < skip) throw tampered();
    const hash = createHash('sha256');
    for await (const chunk of again.rest()) {
      hash.update(chunk);
      yield chunk;
    }
    if (hash.digest('hex') !== header.contentSha256) throw tampered();
  };
  return { header, bundle };
}

/**
 * What the signed file may carry (run on the read bundle before anything is applied): its sender
 * is the maker's laptop; every change made on the maker's laptop is signed by the maker (their
 * member in that campaign, or the laptop itself before anyone chose "Ik ben"); no change claims
 * to be made on the importing laptop. Changes of other laptops (a duo file relays, for instance,
 * the team lead's set-up) pass only when `relayed` vouches for them: the importer knows their
 * laptop signing as that author from the server, which authenticated it (duo-files.ts
 * `relayChecks`); `relayed` answers the first change it cannot vouch for, or null.
 */
export function checkSignedContent(
  signed: SignedHeader,
  bundle: BundleHeader,
  changes: readonly Change[],
  importerNode: string,
  relayed: (changes: readonly Change[]) => Change | null = () => null,
): void {
  if (bundle.from !== signed.maker.node)
    throw new DuoFileError(
      `The file is signed for laptop ${signed.maker.node} but its changes come from ${bundle.from}; it was not imported.`,
      'not-maker',
    );
  if (changes.some((change) => change.node === importerNode))
    throw new DuoFileError(
      'The file holds changes that claim to be made on this laptop; it was forged and was not imported.',
      'own-node',
    );
  for (const change of changes) {
    if (change.node !== signed.maker.node || change.author === change.node) continue;
    if (signed.maker.members[change.campaign] !== change.author)
      throw new DuoFileError(
        `The file holds a change made on its maker's laptop but signed as someone else (${change.author}); it was not imported.`,
        'forged-author',
      );
  }
  const unvouched = relayed(changes.filter((change) => change.node !== signed.maker.node));
  if (unvouched)
    throw new DuoFileError(
      `The file passes on a change of laptop ${unvouched.node} signed as ${unvouched.author}, which this laptop does not know ` +
        "from the server as that laptop's; it may be forged and was not imported. Sync with the server first, or ask that person for a file of their own.",
      'forged-author',
    );
}
