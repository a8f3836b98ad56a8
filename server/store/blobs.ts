import { toNumber, type SqlDriver } from './sql';

/** Document files of a campaign, by content hash, uploaded in chunks so an upload can resume. */

export interface BlobRecord {
  readonly sha256: string;
  readonly size: number;
  readonly received: number;
  readonly complete: boolean;
}

export class BlobRepository {
  constructor(private readonly driver: SqlDriver) {}

  async find(campaign: string, sha256: string): Promise<BlobRecord | null> {
    const rows = await this.driver.query<{ size: unknown; received: unknown; complete: unknown }>(
      'SELECT size, received, complete FROM blobs WHERE campaign_id = $1 AND sha256 = $2',
      [campaign, sha256],
    );
    const row = rows[0];
    return row
      ? { sha256, size: toNumber(row.size), received: toNumber(row.received), complete: toNumber(row.complete) === 1 }
      : null;
  }

  /** Stores bytes at offset start of a blob being uploaded; the caller checked start against what was received. */
  async appendChunk(campaign: string, sha256: string, size: number, start: number, data: Buffer): Promise<BlobRecord> {
    return this.driver.transaction(async (tx) => {
      await tx.execute(
        'INSERT INTO blobs (campaign_id, sha256, size, received, complete) VALUES ($1, $2, $3, 0, 0) ON CONFLICT (campaign_id, sha256) DO NOTHING',
        [campaign, sha256, size],
      );
      const rows = await tx.query<{ size: unknown; received: unknown; complete: unknown }>(
        'UPDATE blobs SET received = received WHERE campaign_id = $1 AND sha256 = $2 RETURNING size, received, complete',
        [campaign, sha256],
      );
      const row = rows[0];
      if (!row) throw new Error('blob row vanished');
      const current = {
        sha256,
        size: toNumber(row.size),
        received: toNumber(row.received),
        complete: toNumber(row.complete) === 1,
      };
      if (current.complete || current.received !== start || current.size !== size) return current;
      await tx.execute('INSERT INTO blob_chunks (campaign_id, sha256, start, data) VALUES ($1, $2, $3, $4)', [
        campaign,
        sha256,
        start,
        data,
      ]);
      await tx.execute('UPDATE blobs SET received = $1 WHERE campaign_id = $2 AND sha256 = $3', [
        start + data.length,
        campaign,
        sha256,
      ]);
      return { ...current, received: start + data.length };
    });
  }

  async readChunks(campaign: string, sha256: string): Promise<Buffer[]> {
    const rows = await this.driver.query<{ data: Buffer }>(
      'SELECT data FROM blob_chunks WHERE campaign_id = $1 AND sha256 = $2 ORDER BY start',
      [campaign, sha256],
    );
    return rows.map((row) => row.data);
  }

  async markComplete(campaign: string, sha256: string): Promise<void> {
    await this.driver.execute('UPDATE blobs SET complete = 1 WHERE campaign_id = $1 AND sha256 = $2', [
      campaign,
      sha256,
    ]);
  }

  async discard(campaign: string, sha256: string): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.execute('DELETE FROM blob_chunks WHERE campaign_id = $1 AND sha256 = $2', [campaign, sha256]);
      await tx.execute('DELETE FROM blobs WHERE campaign_id = $1 AND sha256 = $2', [campaign, sha256]);
    });
  }
}
