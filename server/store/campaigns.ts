import type { SqlDriver } from './sql';

/** The campaigns the server knows (the change log of each is in change-log.ts). */

export class CampaignExistsError extends Error {
  override readonly name = 'CampaignExistsError';
}

export class CampaignRepository {
  constructor(private readonly driver: SqlDriver) {}

  async create(id: string, name: string): Promise<void> {
    const inserted = await this.driver.execute(
      'INSERT INTO campaigns (id, name, last_seq, created_at) VALUES ($1, $2, 0, $3) ON CONFLICT (id) DO NOTHING',
      [id, name, new Date().toISOString()],
    );
    if (inserted === 0) throw new CampaignExistsError(`Campaign ${id} already exists.`);
  }

  async list(): Promise<Array<{ id: string; name: string }>> {
    return this.driver.query<{ id: string; name: string }>('SELECT id, name FROM campaigns ORDER BY id', []);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.driver.query('SELECT 1 AS one FROM campaigns WHERE id = $1', [id])).length > 0;
  }
}
