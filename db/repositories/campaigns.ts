import type { Campaign } from '../../shared/domain/campaign';
import type { SqliteDatabase } from '../connection';
import { createCampaign } from '../store/campaigns';
import type { LocalStore } from '../store/store';

interface CampaignRow {
  readonly id: string;
  readonly name: string | null;
  readonly working_year: string | null;
  readonly created_at: string | null;
}

function toCampaign(row: CampaignRow): Campaign {
  return { id: row.id, name: row.name ?? '', workingYear: row.working_year ?? '', createdAt: row.created_at ?? '' };
}

const COLUMNS = 'id, name, working_year, created_at';

/** Campaigns as the home screen lists them: not deleted, and complete (every field has arrived). */
export class CampaignRepository {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly store?: LocalStore,
  ) {}

  list(): Campaign[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM campaigns WHERE deleted = 0 AND name IS NOT NULL AND working_year IS NOT NULL
         ORDER BY working_year DESC, name COLLATE NOCASE`,
      )
      .all() as CampaignRow[];
    return rows.map(toCampaign);
  }

  get(id: string): Campaign | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM campaigns WHERE id = ? AND deleted = 0`).get(id) as
      CampaignRow | undefined;
    return row ? toCampaign(row) : undefined;
  }

  /** Creates a campaign through the change log (with its default lists and guiding questions). */
  create(input: { name: string; workingYear: string }, now: Date = new Date()): Campaign {
    if (!this.store) throw new Error('CampaignRepository.create needs the store: construct it with (db, store)');
    return createCampaign(this.store, input, { now });
  }
}
