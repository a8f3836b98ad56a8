import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fingerprintOfPem, writePrivateFile } from './identity';

/*
 * The duo partners this laptop has paired with over the network, by certificate fingerprint,
 * kept in the profile folder (0600). Only a listed fingerprint may sync; pairing (a six-digit
 * code compared by both people) is the only way onto the list.
 */

export const PEERS_FILE = 'lan-peers.json';

const fingerprintSchema = z.string().regex(/^[0-9a-f]{64}$/u);
const peerSchema = z
  .object({
    fingerprint: fingerprintSchema,
    node: z.string().min(1).max(64),
    pairedAt: z.string().min(1),
    // The partner's certificate as pinned at pairing (its fingerprint is `fingerprint`): its public
    // key gives the duo's pairing key (./pair-key.ts). Partners paired by an older version have none.
    cert: z.string().max(8192).optional(),
  })
  .strict()
  .refine((peer) => peer.cert === undefined || fingerprintOfPem(peer.cert) === peer.fingerprint, {
    message: 'the certificate is not the one of this fingerprint',
  });
const peersFileSchema = z.object({ version: z.literal(1), peers: z.array(peerSchema) }).strict();

export type LanPeer = z.output<typeof peerSchema>;

export class PeerList {
  private readonly file: string;

  constructor(profileDir: string) {
    this.file = path.join(profileDir, PEERS_FILE);
  }

  list(): LanPeer[] {
    if (!existsSync(this.file)) return [];
    const parsed = peersFileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`${this.file} is damaged; move it away and pair again.`);
    return parsed.data.peers;
  }

  find(fingerprint: string): LanPeer | undefined {
    return this.list().find((peer) => peer.fingerprint === fingerprint);
  }

  /** The paired partner on that laptop (sync node) whose certificate is pinned, newest pairing first. */
  withCertificateOf(node: string): (LanPeer & { readonly cert: string }) | undefined {
    return this.list()
      .filter((peer): peer is LanPeer & { cert: string } => peer.node === node && peer.cert !== undefined)
      .sort((a, b) => b.pairedAt.localeCompare(a.pairedAt))[0];
  }

  /** Pins a partner (again: a new pairing replaces the old entry of that fingerprint). */
  add(peer: LanPeer): void {
    const parsed = peerSchema.parse(peer);
    const peers = [...this.list().filter((known) => known.fingerprint !== parsed.fingerprint), parsed];
    writePrivateFile(this.file, JSON.stringify({ version: 1, peers }));
  }

  remove(fingerprint: string): void {
    writePrivateFile(
      this.file,
      JSON.stringify({ version: 1, peers: this.list().filter((known) => known.fingerprint !== fingerprint) }),
    );
  }
}
