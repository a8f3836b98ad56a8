import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '../lan/identity';
import { PeerList } from '../lan/peers';
import { DuoFileError, type SignedHeader } from './signed-file';

/*
 * Which makers of duo files this laptop trusts (issue 10): trust on first use, like SSH's
 * known_hosts. The first file of a laptop shows its maker's name, laptop and fingerprint, and is
 * imported only when the person confirms that fingerprint; it is then pinned here (profile folder,
 * 0600) with the maker's laptop and members. A later file is "known" when its key, laptop and
 * members are the pinned ones; a file that claims a pinned laptop under another key is refused
 * (someone else made it); a pinned key that now names other members is asked about again.
 * Partners paired over the network (services/lan/peers.ts) are trusted for their laptop too.
 */

export const SIGNERS_FILE = 'duo-signers.json';

const signerSchema = z
  .object({
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    node: z.string().min(1).max(64),
    name: z.string().max(200).nullable(),
    members: z.record(z.string(), z.string()),
    pinnedAt: z.string(),
  })
  .strict();
const signersFileSchema = z.object({ version: z.literal(1), signers: z.array(signerSchema) }).strict();

export type PinnedSigner = z.output<typeof signerSchema>;
export type SignerTrust = 'known' | 'new' | 'changed';

export class SignerList {
  private readonly file: string;

  constructor(private readonly profileDir: string) {
    this.file = path.join(profileDir, SIGNERS_FILE);
  }

  list(): PinnedSigner[] {
    if (!existsSync(this.file)) return [];
    const parsed = signersFileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`${this.file} is damaged; move it away (duo files then ask again).`);
    return parsed.data.signers;
  }

  /**
   * How far this file's maker is trusted; refuses (DuoFileError) a file that claims a laptop this
   * profile knows under another key.
   */
  trustOf(header: SignedHeader): SignerTrust {
    const { fingerprint, maker } = header;
    const pinned = this.list();
    const sameNode = pinned.filter((signer) => signer.node === maker.node);
    const paired = new PeerList(this.profileDir).list().filter((peer) => peer.node === maker.node);
    const keys = new Set([...sameNode, ...paired].map((entry) => entry.fingerprint));
    if (keys.size > 0 && !keys.has(fingerprint))
      throw new DuoFileError(
        `This file claims to come from laptop ${maker.node}, which this laptop knows under another key: someone else made it. It was not imported.`,
        'bad-signature',
      );
    const mine = pinned.find((signer) => signer.fingerprint === fingerprint);
    if (!mine) return paired.some((peer) => peer.fingerprint === fingerprint) ? 'known' : 'new';
    const sameMembers = Object.entries(maker.members).every(([campaign, member]) => {
      const before = mine.members[campaign];
      return before === undefined || before === member;
    });
    return mine.node === maker.node && sameMembers ? 'known' : 'changed';
  }

  /** Pins (or re-pins) this file's maker, after the person confirmed its fingerprint. */
  pin(header: SignedHeader, now = new Date()): void {
    const before = this.list().find((signer) => signer.fingerprint === header.fingerprint);
    const signer = signerSchema.parse({
      fingerprint: header.fingerprint,
      node: header.maker.node,
      name: header.maker.name,
      members: { ...(before?.members ?? {}), ...header.maker.members },
      pinnedAt: now.toISOString(),
    });
    const signers = [...this.list().filter((known) => known.fingerprint !== signer.fingerprint), signer];
    writePrivateFile(this.file, JSON.stringify({ version: 1, signers }));
  }
}
