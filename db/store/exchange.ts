import type { Change } from '../../shared/sync/change';
import type { ChangeSourceKind, LoggedChange } from '../../shared/sync/replica';
import { CHANGE_COLUMNS, rowToChange, type ChangeRow } from './codec';
import type { StoreCore } from './core';

/** What replicas exchange: the log in order, version vectors, and the sync state that remembers the other sides. */

export function changesAfter(
  core: StoreCore,
  afterSeq: number,
  limit: number,
  filter: { readonly sources?: readonly ChangeSourceKind[]; readonly campaign?: string } = {},
): LoggedChange[] {
  const sources = filter.sources ? JSON.stringify(filter.sources) : null;
  const rows = core
    .stmt(
      `SELECT ${CHANGE_COLUMNS} FROM changes
       WHERE seq > @after AND (@campaign IS NULL OR campaign = @campaign) AND (@sources IS NULL OR source IN (SELECT value FROM json_each(@sources)))
       ORDER BY seq LIMIT @limit`,
    )
    .all({ after: afterSeq, campaign: filter.campaign ?? null, sources, limit }) as ChangeRow[];
  return rows.map((row) => ({ seq: row.seq, source: row.source, change: rowToChange(row) }));
}

/** Campaigns this replica holds changes of. */
export function knownCampaigns(core: StoreCore): string[] {
  return (
    core.stmt('SELECT DISTINCT campaign FROM node_clock ORDER BY campaign').all() as Array<{ campaign: string }>
  ).map((row) => row.campaign);
}

/** For one campaign: per node, the newest hlc this replica holds (it holds every older change of that node too). */
export function versionVector(core: StoreCore, campaign: string): Record<string, string> {
  const rows = core.stmt('SELECT node, hlc FROM node_clock WHERE campaign = ?').all(campaign) as Array<{
    node: string;
    hlc: string;
  }>;
  return Object.fromEntries(rows.map((row) => [row.node, row.hlc]));
}

/**
 * One page of the changes of a campaign that a replica with version vector `known` lacks, in log
 * order, after log position `afterSeq`; `next` is where the following page starts (null at the
 * end). Paged rather than iterated so that a long export never keeps the connection busy while it
 * waits for the disk: every page is one short query and the app's own writes go on in between.
 */
export function changesBeyondPage(
  core: StoreCore,
  campaign: string,
  known: Readonly<Record<string, string>>,
  afterSeq: number,
  limit: number,
): { changes: Change[]; next: number | null } {
  const rows = core
    .stmt(`SELECT ${CHANGE_COLUMNS} FROM changes WHERE campaign = ? AND seq > ? ORDER BY seq LIMIT ?`)
    .all(campaign, afterSeq, limit) as ChangeRow[];
  const changes: Change[] = [];
  for (const row of rows) {
    const seen = known[row.node];
    if (seen === undefined || row.id > seen) changes.push(rowToChange(row));
  }
  return { changes, next: rows.length < limit ? null : (rows[rows.length - 1]?.seq ?? null) };
}

/** How many changes of a campaign the log holds (for a progress bar's total). */
export function countCampaignChanges(core: StoreCore, campaign: string): number {
  return (core.stmt('SELECT count(*) AS n FROM changes WHERE campaign = ?').get(campaign) as { n: number }).n;
}

export function getSyncState(core: StoreCore, key: string): string | null {
  const row = core.stmt('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSyncState(core: StoreCore, key: string, value: string): void {
  core
    .stmt('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, value);
}
