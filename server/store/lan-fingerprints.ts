import { toNumber, type SqlDriver } from './sql';

/**
 * The LAN certificate fingerprints of the accounts' laptops (services/lan/identity.ts): a laptop
 * that syncs tells the server its own, and a member of a campaign reads those of the campaign's
 * other members, so that a pairing over the local network can be checked against what the
 * server knows (a code compared by two people stays the way without a server).
 */
export interface MemberFingerprint {
  readonly email: string;
  readonly fingerprint: string;
  readonly updatedAt: number;
}

export class LanFingerprintRepository {
  constructor(private readonly driver: SqlDriver) {}

  async record(userId: string, fingerprint: string, now: number): Promise<void> {
    await this.driver.execute(
      `INSERT INTO lan_fingerprints (user_id, fingerprint, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, fingerprint) DO UPDATE SET updated_at = excluded.updated_at`,
      [userId, fingerprint, now],
    );
  }

  /** The laptops of the campaign's other active members (enabled accounts with an unrevoked role). */
  async ofCampaign(campaign: string, exceptUserId: string): Promise<MemberFingerprint[]> {
    const rows = await this.driver.query<{ email: string; fingerprint: string; updated_at: unknown }>(
      `SELECT u.email, f.fingerprint, f.updated_at FROM lan_fingerprints f JOIN users u ON u.id = f.user_id
       WHERE u.disabled = 0 AND f.user_id <> $2 AND EXISTS (
         SELECT 1 FROM memberships m WHERE m.campaign_id = $1 AND m.user_id = f.user_id AND m.revoked_at IS NULL)
       ORDER BY u.email, f.updated_at DESC`,
      [campaign, exceptUserId],
    );
    return rows.map((row) => ({ email: row.email, fingerprint: row.fingerprint, updatedAt: toNumber(row.updated_at) }));
  }
}
