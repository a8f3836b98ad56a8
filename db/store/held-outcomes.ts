import type { HeldOutcome } from '../../shared/sync/replica';
import type { StoreCore } from './core';

/**
 * What became of this account's held edits (migration 007): recorded from the server's answer
 * after each sync round, read by the visit page, dismissed by the author. Local only.
 */
export interface StoredHeldOutcome extends HeldOutcome {
  readonly campaign: string;
  readonly dismissed: boolean;
}

interface Row {
  campaign: string;
  change_id: string;
  visit_id: string;
  tbl: string;
  row_id: string;
  col: string;
  state: HeldOutcome['state'];
  received_at: number;
  decided_by: string | null;
  decided_at: number | null;
  edited_text: string | null;
  dismissed: number;
}

function fromRow(row: Row): StoredHeldOutcome {
  return {
    campaign: row.campaign,
    changeId: row.change_id,
    visitId: row.visit_id,
    table: row.tbl,
    rowId: row.row_id,
    column: row.col,
    state: row.state,
    receivedAt: row.received_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    editedText: row.edited_text,
    dismissed: row.dismissed === 1,
  };
}

/** Stores the server's answer; a decision already dismissed stays dismissed. */
export function recordHeldOutcomes(core: StoreCore, campaign: string, outcomes: readonly HeldOutcome[]): void {
  const upsert = core.stmt(
    `INSERT INTO held_outcomes (campaign, change_id, visit_id, tbl, row_id, col, state, received_at, decided_by, decided_at, edited_text)
     VALUES (@campaign, @changeId, @visitId, @table, @rowId, @column, @state, @receivedAt, @decidedBy, @decidedAt, @editedText)
     ON CONFLICT (campaign, change_id) DO UPDATE SET state = excluded.state, decided_by = excluded.decided_by,
       decided_at = excluded.decided_at, edited_text = excluded.edited_text,
       dismissed = CASE WHEN held_outcomes.state = excluded.state THEN held_outcomes.dismissed ELSE 0 END`,
  );
  core.transaction(() => {
    for (const outcome of outcomes) upsert.run({ campaign, ...outcome });
  });
}

export function awaitsHeldDecision(core: StoreCore, campaign: string): boolean {
  return (
    core.stmt("SELECT 1 FROM held_outcomes WHERE campaign = ? AND state = 'pending' LIMIT 1").get(campaign) !==
    undefined
  );
}

/** The outcomes of one visit's held edits that are not dismissed, newest first. */
export function listHeldOutcomes(core: StoreCore, visitId: string): StoredHeldOutcome[] {
  const rows = core
    .stmt(
      "SELECT * FROM held_outcomes WHERE visit_id = ? AND dismissed = 0 AND state <> 'accepted' ORDER BY received_at DESC, change_id",
    )
    .all(visitId) as Row[];
  return rows.map(fromRow);
}

/** Marks a decision as read; answers whether there was one. */
export function dismissHeldOutcome(core: StoreCore, campaign: string, changeId: string): boolean {
  return (
    core.stmt('UPDATE held_outcomes SET dismissed = 1 WHERE campaign = ? AND change_id = ?').run(campaign, changeId)
      .changes > 0
  );
}
