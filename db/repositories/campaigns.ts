import { randomUUID } from 'node:crypto';
import type { Campaign } from '../../shared/domain/campaign';
import type { SqliteDatabase } from '../connection';

interface CampaignRow {
  readonly id: string;
  readonly name: string;
  readonly working_year: string;
  readonly created_at: string;
}

function toCampaign(row: CampaignRow): Campaign {
  return { id: row.id, name: row.name, workingYear: row.working_year, createdAt: row.created_at };
}

export class CampaignRepository {
  constructor(private readonly db: SqliteDatabase) {}

  list(): Campaign[] {
    const rows = this.db
      .prepare('SELECT id, name, working_year, created_at FROM campaigns ORDER BY working_year DESC, name COLLATE NOCASE')
      .all() as CampaignRow[];
    return rows.map(toCampaign);
  }

  get(id: string): Campaign | undefined {
    const row = this.db.prepare('SELECT id, name, working_year, created_at FROM campaigns WHERE id = ?').get(id) as
      | CampaignRow
      | undefined;
    return row ? toCampaign(row) : undefined;
  }

  create(input: { name: string; workingYear: string }, now: Date = new Date()): Campaign {
    const campaign: Campaign = { id: randomUUID(), name: input.name, workingYear: input.workingYear, createdAt: now.toISOString() };
    this.db
      .prepare('INSERT INTO campaigns (id, name, working_year, created_at) VALUES (?, ?, ?, ?)')
      .run(campaign.id, campaign.name, campaign.workingYear, campaign.createdAt);
    return campaign;
  }
}
