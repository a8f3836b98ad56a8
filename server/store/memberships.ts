import type { SqlDriver, SqlParam } from './sql';

/** Who may do what in which campaign: a role, scoped to a region or sector for coordinators and leads. */

export type Role = 'inspector' | 'region-coordinator' | 'sector-lead' | 'team-lead';
export const ROLES: readonly Role[] = ['inspector', 'region-coordinator', 'sector-lead', 'team-lead'];

export interface Membership {
  readonly campaign: string;
  readonly role: Role;
  /** Region id for a region coordinator, sector id for a sector lead, '' otherwise. */
  readonly scope: string;
}

export class MembershipRepository {
  constructor(private readonly driver: SqlDriver) {}

  async add(campaign: string, userId: string, role: Role, scope: string): Promise<void> {
    await this.driver.execute(
      `INSERT INTO memberships (campaign_id, user_id, role, scope, revoked_at) VALUES ($1, $2, $3, $4, NULL)
       ON CONFLICT (campaign_id, user_id, role, scope) DO UPDATE SET revoked_at = NULL`,
      [campaign, userId, role, scope],
    );
  }

  /** Revokes a user's roles in a campaign (all of them, or one role). Returns how many were active. */
  async revoke(campaign: string, userId: string, role?: Role): Promise<number> {
    const params: SqlParam[] = [new Date().toISOString(), campaign, userId];
    let sql = 'UPDATE memberships SET revoked_at = $1 WHERE campaign_id = $2 AND user_id = $3 AND revoked_at IS NULL';
    if (role) {
      sql += ' AND role = $4';
      params.push(role);
    }
    return this.driver.execute(sql, params);
  }

  async active(userId: string, campaign?: string): Promise<Membership[]> {
    const params: SqlParam[] = [userId];
    let sql = 'SELECT campaign_id, role, scope FROM memberships WHERE user_id = $1 AND revoked_at IS NULL';
    if (campaign !== undefined) {
      sql += ' AND campaign_id = $2';
      params.push(campaign);
    }
    const rows = await this.driver.query<{ campaign_id: string; role: string; scope: string }>(
      `${sql} ORDER BY campaign_id, role, scope`,
      params,
    );
    return rows.map((row) => ({ campaign: row.campaign_id, role: row.role as Role, scope: row.scope }));
  }
}
