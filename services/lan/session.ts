import { X509Certificate, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Profile } from '../../db/profile';
import { createBundle, type ImportResult } from '../../db/store/bundle';
import type { BlobStore } from '../../db/store/blobs';
import type { LocalStore } from '../../db/store/store';
import {
  CHUNK_BYTES,
  FrameReader,
  LanError,
  PROTOCOL_VERSION,
  encodeChunk,
  encodeMessage,
  type LanMessage,
} from './frames';
import { LAN_REFUSALS, type LanReason, type LanRefusal } from '../../shared/contract/lan';
import { importLanPayload, signDuoBytes } from '../duo/duo-files';
import { fingerprintOf } from './identity';
import type { PeerList } from './peers';

/*
 * One duo session over an established TLS connection, the same code on both laptops (the one
 * that connects is the "initiator"). Pairing compares a short code instead of trusting the
 * network: the initiator commits to its nonce before it sees the responder's, so neither side
 * (nor anyone in the middle, who would present other certificates) can choose the code; both
 * people compare the six digits, and only if both accept are the fingerprints pinned.
 * Syncing is the duo exchange of files, over the wire: each side sends a bundle of what the
 * partner lacks (its documents' files included), signed with its laptop key like a duo file
 * (services/duo/signed-file.ts), and imports the partner's through the duo file's own path
 * (services/duo/duo-files.ts importLanPayload): the signer must be the TLS peer, and the maker's
 * and relayed authors are checked as in a file, so a forged author is treated the same both ways. A bundle is imported only once it arrived whole and its hash
 * matches; a dropped transfer resumes from the received offset when the same bundle is offered
 * again.
 */

export const MESSAGE_TIMEOUT_MS = 30_000;
/** Bundles larger than this are refused (a season is ~30 MB). */
export const MAX_BUNDLE_BYTES = 2 * 1024 * 1024 * 1024;

export interface LanProgress {
  readonly phase: 'pairing' | 'sending' | 'receiving' | 'importing' | 'done';
  readonly done: number;
  readonly total: number;
}

export interface SessionContext {
  /** The profile whose key signs what is sent and whose duo-file path imports what comes in. */
  readonly profile: Profile;
  readonly store: LocalStore;
  readonly blobs?: BlobStore;
  readonly peers: PeerList;
  /** Asked with the six-digit code during pairing; answer whether the person accepted it. */
  readonly confirm?: (code: string, peer: { readonly fingerprint: string; readonly node: string }) => Promise<boolean>;
  readonly onProgress?: (progress: LanProgress) => void;
  /** Bytes received of an interrupted bundle, by its hash, kept across connections of one run. */
  readonly partials?: Map<string, Buffer[]>;
  /** The bundle last offered to each partner, so an interrupted transfer can resume with the same bytes. */
  readonly offered?: Map<string, { bytes: Buffer; sha256: string; at: number }>;
  readonly now?: () => number;
  /** Bytes per chunk on the wire. Default CHUNK_BYTES. */
  readonly chunkBytes?: number;
}

export interface SessionResult {
  readonly mode: 'pair' | 'sync';
  readonly peerFingerprint: string;
  readonly peerNode: string;
  readonly code?: string;
  readonly received?: Received;
  readonly sent?: { readonly count: number; readonly applied: number };
}

/** What came in: the partner's changes, how many were new here, and where an interrupted transfer resumed. */
export interface Received {
  readonly count: number;
  readonly applied: number;
  readonly resumedFrom: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The six-digit code both screens show: from both fingerprints (initiator's first) and both nonces. */
export function pairingCode(
  initiatorFingerprint: string,
  responderFingerprint: string,
  initiatorNonce: string,
  responderNonce: string,
): string {
  const digest = createHash('sha256')
    .update(`veldwerk-pair:${initiatorFingerprint}:${responderFingerprint}:${initiatorNonce}:${responderNonce}`)
    .digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function peerFingerprint(socket: TLSSocket): string {
  const certificate = socket.getPeerCertificate(false);
  if (!certificate || !('raw' in certificate) || !certificate.raw)
    throw new LanError('unknown-peer', 'The other laptop presented no certificate.');
  return fingerprintOf(certificate.raw);
}

/** The partner's certificate as PEM (what pairing pins beside its fingerprint). */
export function peerCertificatePem(socket: TLSSocket): string {
  const certificate = socket.getPeerCertificate(false);
  if (!certificate || !('raw' in certificate) || !certificate.raw)
    throw new LanError('unknown-peer', 'The other laptop presented no certificate.');
  return new X509Certificate(certificate.raw).toString();
}

export function ownFingerprint(socket: TLSSocket): string {
  const certificate = socket.getCertificate();
  if (!certificate || !('raw' in certificate) || !certificate.raw)
    throw new LanError('protocol', 'This laptop presented no certificate.');
  return fingerprintOf(certificate.raw);
}

/** Waits until the socket takes more bytes, or fails when it closes first (a dropped connection). */
function drained(socket: TLSSocket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      socket.off('drain', onDrain);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new LanError('closed', 'The connection closed while sending.'));
    socket.on('drain', onDrain);
    socket.on('close', onClose);
    if (socket.destroyed) onClose();
  });
}

function send(socket: TLSSocket, message: LanMessage): void {
  if (!socket.destroyed) socket.write(encodeMessage(message));
}

/** What the partner is told when this side ends a session (nothing when the connection is gone). */
function refusalFor(reason: LanReason): LanRefusal | null {
  if (reason === 'closed' || reason === 'timeout' || reason === 'unreachable') return null;
  // From the partner's side, a certificate this laptop does not accept is an unknown peer.
  if (reason === 'fingerprint-changed') return 'unknown-peer';
  return (LAN_REFUSALS as readonly string[]).includes(reason) ? (reason as LanRefusal) : 'protocol';
}

export function refuse(socket: TLSSocket, reason: LanRefusal, message: string): void {
  if (!socket.destroyed) socket.end(encodeMessage({ t: 'refused', reason, message }));
}

async function pair(
  socket: TLSSocket,
  reader: FrameReader,
  context: SessionContext,
  initiator: boolean,
  peer: { fingerprint: string; node: string },
): Promise<string> {
  if (!context.confirm)
    throw new LanError(
      'pairing-closed',
      'This laptop is not pairing now: open the duo dialog and choose “Koppelen” on both laptops.',
    );
  const own = ownFingerprint(socket);
  const nonce = randomBytes(32).toString('hex');
  let code: string;
  if (initiator) {
    send(socket, { t: 'pair-commit', commitment: sha256(Buffer.from(nonce, 'hex')) });
    const theirs = await reader.expect('pair-nonce', MESSAGE_TIMEOUT_MS);
    send(socket, { t: 'pair-reveal', nonce });
    code = pairingCode(own, peer.fingerprint, nonce, theirs.nonce);
  } else {
    const commit = await reader.expect('pair-commit', MESSAGE_TIMEOUT_MS);
    send(socket, { t: 'pair-nonce', nonce });
    const reveal = await reader.expect('pair-reveal', MESSAGE_TIMEOUT_MS);
    const expected = Buffer.from(commit.commitment, 'hex');
    if (!timingSafeEqual(expected, Buffer.from(sha256(Buffer.from(reveal.nonce, 'hex')), 'hex')))
      throw new LanError('protocol', 'The other laptop changed its pairing nonce.');
    code = pairingCode(peer.fingerprint, own, reveal.nonce, nonce);
  }
  context.onProgress?.({ phase: 'pairing', done: 0, total: 1 });
  // Both people answer at the same time; each side learns the other's answer, and a "no" on
  // either screen ends the pairing at once (nobody waits for an answer that no longer matters).
  const mine = context.confirm(code, peer).then((accepted) => {
    send(socket, { t: 'pair-confirm', accepted });
    return accepted;
  });
  const theirs = reader.expect('pair-confirm', 5 * 60_000).then((message) => message.accepted);
  mine.catch(() => undefined);
  theirs.catch(() => undefined);
  const first = await Promise.race([
    mine.then((accepted) => ({ mine: true, accepted })),
    theirs.then((accepted) => ({ mine: false, accepted })),
  ]);
  if (!first.accepted)
    throw new LanError(
      'not-confirmed',
      first.mine ? 'You did not confirm the code.' : 'The other person did not confirm the code.',
    );
  if (!(await mine) || !(await theirs))
    throw new LanError('not-confirmed', 'The code was not confirmed on both laptops.');
  context.peers.add({
    fingerprint: peer.fingerprint,
    node: peer.node,
    pairedAt: new Date(context.now?.() ?? Date.now()).toISOString(),
    cert: peerCertificatePem(socket),
  });
  return code;
}

async function sendBundle(
  socket: TLSSocket,
  reader: FrameReader,
  context: SessionContext,
  peer: { fingerprint: string; node: string },
): Promise<{ count: number; applied: number }> {
  const now = context.now?.() ?? Date.now();
  const cached = context.offered?.get(peer.fingerprint);
  let offer = cached && now - cached.at < 10 * 60_000 ? cached : undefined;
  if (!offer) {
    const bundle = await createBundle(context.store, {
      forPeer: peer.node,
      ...(context.blobs ? { blobs: context.blobs } : {}),
    });
    const bytes = await signDuoBytes(context.profile, bundle.bytes, bundle.header.campaigns);
    offer = { bytes, sha256: sha256(bytes), at: now };
    context.offered?.set(peer.fingerprint, offer);
  }
  send(socket, { t: 'offer', size: offer.bytes.length, sha256: offer.sha256 });
  const { offset } = await reader.expect('resume', MESSAGE_TIMEOUT_MS);
  if (offset > offer.bytes.length)
    throw new LanError('protocol', 'The partner asked to resume past the end of the bundle.');
  const size = context.chunkBytes ?? CHUNK_BYTES;
  for (let at = offset; at < offer.bytes.length; at += size) {
    const chunk = offer.bytes.subarray(at, Math.min(at + size, offer.bytes.length));
    if (!socket.write(encodeChunk(chunk))) await drained(socket);
    context.onProgress?.({ phase: 'sending', done: at + chunk.length, total: offer.bytes.length });
  }
  send(socket, { t: 'end' });
  const imported = await reader.expect('imported', 10 * 60_000);
  context.offered?.delete(peer.fingerprint);
  return { count: imported.count, applied: imported.applied };
}

async function receiveBundle(
  socket: TLSSocket,
  reader: FrameReader,
  context: SessionContext,
  peer: { fingerprint: string },
): Promise<Received> {
  const offer = await reader.expect('offer', 10 * 60_000);
  if (offer.size > MAX_BUNDLE_BYTES)
    throw new LanError('too-large', `The partner offered ${offer.size} bytes; at most ${MAX_BUNDLE_BYTES} are taken.`);
  const chunks = context.partials?.get(offer.sha256) ?? [];
  context.partials?.set(offer.sha256, chunks);
  let received = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const resumedFrom = received;
  send(socket, { t: 'resume', offset: received });
  for (;;) {
    const frame = await reader.next(MESSAGE_TIMEOUT_MS);
    if (frame.kind === 'chunk') {
      received += frame.bytes.length;
      if (received > offer.size) throw new LanError('protocol', 'The partner sent more bytes than it offered.');
      chunks.push(frame.bytes);
      context.onProgress?.({ phase: 'receiving', done: received, total: offer.size });
      continue;
    }
    if (frame.message.t === 'refused') throw new LanError(frame.message.reason, frame.message.message);
    if (frame.message.t !== 'end') throw new LanError('protocol', `Expected bundle bytes, got ${frame.message.t}.`);
    break;
  }
  const bytes = Buffer.concat(chunks);
  context.partials?.delete(offer.sha256);
  if (bytes.length !== offer.size || sha256(bytes) !== offer.sha256)
    throw new LanError('protocol', 'The bundle did not arrive intact.');
  context.onProgress?.({ phase: 'importing', done: 0, total: 1 });
  let result: ImportResult;
  try {
    result = await importLanPayload(context.profile, bytes, peer.fingerprint);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    refuse(socket, 'import-failed', message);
    throw new LanError('import-failed', message);
  }
  send(socket, { t: 'imported', count: result.count, applied: result.applied });
  return { count: result.count, applied: result.applied, resumedFrom };
}

/** Runs a session on a connected socket; the initiator chose the mode. */
export async function runSession(
  socket: TLSSocket,
  context: SessionContext,
  role: { initiator: true; mode: 'pair' | 'sync' } | { initiator: false },
): Promise<SessionResult> {
  const reader = new FrameReader(socket);
  const fingerprint = peerFingerprint(socket);
  try {
    if (role.initiator)
      send(socket, { t: 'hello', protocol: PROTOCOL_VERSION, node: context.store.node, mode: role.mode });
    const hello = await reader.expect('hello', MESSAGE_TIMEOUT_MS);
    if (hello.protocol !== PROTOCOL_VERSION)
      throw new LanError(
        'protocol',
        `The other laptop speaks duo protocol ${hello.protocol}, this one ${PROTOCOL_VERSION}: update both to the same version.`,
      );
    const mode = role.initiator ? role.mode : hello.mode;
    if (!role.initiator) {
      if (mode === 'sync' && !context.peers.find(fingerprint))
        throw new LanError(
          'unknown-peer',
          'This laptop is not paired with yours: pair first, with the code on both screens.',
        );
      send(socket, { t: 'hello', protocol: PROTOCOL_VERSION, node: context.store.node, mode });
    } else if (mode === 'sync' && !context.peers.find(fingerprint))
      throw new LanError(
        'fingerprint-changed',
        'The laptop at that address is not the partner you paired with (another laptop, or its certificate changed): pair again only if your partner confirms the code.',
      );
    const peer = { fingerprint, node: hello.node };
    if (mode === 'pair') {
      const code = await pair(socket, reader, context, role.initiator, peer);
      socket.end();
      return { mode, peerFingerprint: fingerprint, peerNode: hello.node, code };
    }
    // The initiator sends first, then receives what the partner has (after it took in ours).
    const sent = role.initiator ? await sendBundle(socket, reader, context, peer) : undefined;
    const received = await receiveBundle(socket, reader, context, peer);
    const sentAfter = role.initiator ? sent : await sendBundle(socket, reader, context, peer);
    context.onProgress?.({ phase: 'done', done: 1, total: 1 });
    socket.end();
    return {
      mode,
      peerFingerprint: fingerprint,
      peerNode: hello.node,
      received,
      ...(sentAfter ? { sent: sentAfter } : {}),
    };
  } catch (error) {
    const told = error instanceof LanError ? refusalFor(error.reason) : null;
    if (told && !socket.destroyed) refuse(socket, told, error instanceof Error ? error.message : String(error));
    else socket.destroy();
    throw error;
  }
}
