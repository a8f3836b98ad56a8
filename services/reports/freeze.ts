import { openMemoryStore } from '../../db/store/memory';
import type { Change, JsonValue } from '../../shared/sync/change';
import { resolveReportBlocks } from './blocks';

/**
 * A report's frozen block values as the server records them at finalise: the campaign's change
 * log is replayed into a store in memory (the way a new laptop's first pull applies it) and every
 * live block of the report is resolved there with the board's own code (resolveReportBlocks).
 * Handed to the server as its ReportFreezer (server/report-rules.ts), which cannot import this.
 */
export function freezeReportFromLog(
  campaign: string,
  reportId: string,
  changes: readonly Change[],
): Record<string, JsonValue> {
  const store = openMemoryStore();
  try {
    store.applyRemote(changes, 'server');
    const report = store.get('reports', reportId);
    if (!report || report.campaign_id !== campaign) return {};
    return resolveReportBlocks(store, reportId) as unknown as Record<string, JsonValue>;
  } finally {
    store.close();
  }
}
