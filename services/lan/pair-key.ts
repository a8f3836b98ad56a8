import { X509Certificate, createHash, createPrivateKey, diffieHellman, hkdfSync } from 'node:crypto';
import { fingerprintOfPem, type LanIdentity } from './identity';

/*
 * The duo's pairing key: the key a duo file is encrypted under for the paired partner, so that
 * neither inspector has to agree on or type a passphrase (issue 12). Both laptops derive the same
 * key with no extra exchange: static-static ECDH between this laptop's P-256 identity key and the
 * partner's certificate (pinned when the two people compared the pairing code), through HKDF-SHA256
 * salted with both fingerprints in a fixed order. Only the two paired laptops can compute it.
 * Node's own crypto does this well (diffieHellman, hkdfSync): no library is needed.
 */

const INFO = Buffer.from('veldwerk duo file key v1', 'utf8');

/** The 32-byte key this laptop shares with the partner whose certificate it pinned. */
export function pairKey(identity: LanIdentity, peerCertPem: string): Buffer {
  const peerFingerprint = fingerprintOfPem(peerCertPem);
  if (peerFingerprint === identity.fingerprint) throw new Error('A laptop has no pairing key with itself.');
  const shared = diffieHellman({
    privateKey: createPrivateKey(identity.key),
    publicKey: new X509Certificate(peerCertPem).publicKey,
  });
  const salt = Buffer.from([identity.fingerprint, peerFingerprint].sort().join(':'), 'utf8');
  return Buffer.from(hkdfSync('sha256', shared, salt, INFO, 32));
}

/**
 * Names a pairing key in a file's header without revealing it or who the duo is: the importer
 * finds which of its partners' keys opens the file; anyone else learns nothing.
 */
export function pairKeyId(key: Uint8Array): string {
  return createHash('sha256').update(key).update('veldwerk duo key id').digest().subarray(0, 16).toString('base64');
}
