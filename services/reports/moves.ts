import * as Y from 'yjs';
import { moveRepairVersionId } from '../../db/store/ids';
import type { LocalStore } from '../../db/store/store';
import type { ChangesEvent } from '../../shared/contract/events';
import { MOVES_KEY, resolveMoves } from '../../shared/report/migration-moves';
import { createVersion } from './history';

/** The version's name, in the report's language (Dutch: the team's), like the workflow steps' versions. */
const VERSION_NAME = 'Voor het samenvoegen van de migratie';

/** The migration moves a repair replaces: the registered clients with live content, for the version's id. */
function registeredMoves(update: Uint8Array, state: Uint8Array): number[] {
  const doc = new Y.Doc({ gc: true, guid: 'veldwerk-text' });
  try {
    Y.applyUpdate(doc, state);
    Y.applyUpdate(doc, update);
    return [...doc.getMap(MOVES_KEY).keys()].map(Number);
  } finally {
    doc.destroy();
  }
}

/**
 * Repairs one section whose document holds two laptops' migration moves (shared/report/migration-moves.ts):
 * the repair is a local change like an edit, so it syncs; when the replaced moves held words typed
 * after the migration, the report first keeps a version of every section as it was (its id derived
 * from the section and the moves, so two laptops repairing the same state keep one version).
 */
export function repairMoves(store: LocalStore, sectionId: string): boolean {
  const section = store.get('report_sections', sectionId);
  if (!section?.report_id) return false;
  const state = store.textState('report_sections', sectionId, 'body');
  if (state.byteLength === 0) return false;
  const repair = resolveMoves(sectionId, state);
  if (!repair) return false;
  store.transaction(() => {
    if (repair.lostWords.length > 0) {
      const id = moveRepairVersionId(sectionId, registeredMoves(repair.update, state));
      if (!store.get('report_versions', id, { includeDeleted: true }))
        createVersion(store, section.report_id ?? '', VERSION_NAME, 'manual', null, { id });
    }
    store.applyTextUpdate('report_sections', sectionId, 'body', repair.update);
  });
  return true;
}

function touchedSections(store: LocalStore, event: ChangesEvent): string[] {
  if (!event.tables.includes('report_sections')) return [];
  if (!event.truncated) return event.rows.filter((row) => row.table === 'report_sections').map((row) => row.id);
  return event.campaigns.flatMap((campaign) =>
    store.list('report_sections', { campaign_id: campaign }).map((row) => row.id),
  );
}

/**
 * Watches what arrives from elsewhere (a duo file, the server, a LAN peer) and repairs the sections
 * it touched. Installed by every runtime that opens a profile for a person (services/runtime.ts,
 * the CLI's openCliProfile). Its own repair is a local write, which it does not watch.
 */
export function watchMigrationMoves(store: LocalStore): () => void {
  return store.onCommit((event) => {
    if (event.source === 'local') return;
    for (const sectionId of touchedSections(store, event)) {
      try {
        repairMoves(store, sectionId);
      } catch (error) {
        // The merged text is stored whatever happens here; a failed repair leaves it doubled, never lost.
        console.error(`repairing the migration of section ${sectionId} failed:`, error);
      }
    }
  });
}
