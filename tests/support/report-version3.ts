import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase, type SqliteDatabase } from '../../db/connection';
import { DATABASE_FILE } from '../../db/crypto/vault';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';

/**
 * Profiles of the version before migration 004 (schema 3): report sections whose body is a plain
 * Y.Text, as sync schema 1 wrote them (the state in text_states, its plain text in
 * report_sections.body, each update in the log as a change of this node).
 */

/** The Yjs update that writes `text` into a plain Y.Text as one client. */
export function plainTextUpdate(text: string, client: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getText('text').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** A section of the old version: the Yjs updates its body is made of (several laptops' edits, merged). */
export type Version3Sections = Record<string, readonly Uint8Array[]>;

/** Migrates an empty database to version 3 and fills it with one campaign, one report and the given sections. */
export function seedVersion3(db: SqliteDatabase, sections: Version3Sections): void {
  migrate(db, migrations.slice(0, 3));
  const node = (db.prepare("SELECT value FROM meta WHERE key = 'node_id'").get() as { value: string }).value;
  db.prepare(
    "INSERT INTO campaigns (id, name, working_year, created_at) VALUES ('c1', 'Campagne', '2026-2027', '2026-09-01T00:00:00Z')",
  ).run();
  db.prepare(
    "INSERT INTO reports (id, campaign_id, kind, scope_id, title, status) VALUES ('r1', 'c1', 'sector', 'sc1', 'Jeugdhulp', 'draft')",
  ).run();
  let n = 0;
  for (const [id, updates] of Object.entries(sections)) {
    n += 1;
    const state = Y.mergeUpdates([...updates]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const text = doc.getText('text').toString();
    doc.destroy();
    db.prepare(
      'INSERT INTO report_sections (id, campaign_id, report_id, sort_order, title, body) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(id, 'c1', 'r1', n, `Deel ${n}`, text);
    db.prepare("INSERT INTO text_states (tbl, row_id, col, state) VALUES ('report_sections', ?, 'body', ?)").run(
      id,
      state,
    );
    updates.forEach((update, index) => {
      const hlc = `${String(1_790_000_000_000 + n * 100 + index).padStart(15, '0')}-0000-${node}`;
      db.prepare(
        "INSERT INTO changes (id, node, author, campaign, tbl, row_id, col, value, prev, schema, source) VALUES (?, ?, ?, 'c1', 'report_sections', ?, 'body', ?, NULL, 1, 'local')",
      ).run(hlc, node, node, id, JSON.stringify(Buffer.from(update).toString('base64')));
    });
  }
}

/** A profile folder of the old version (unencrypted, as that version wrote it), with the given sections. */
export function writeVersion3Profile(dir: string, sections: Version3Sections): void {
  const db = openDatabase(path.join(dir, DATABASE_FILE));
  try {
    seedVersion3(db, sections);
  } finally {
    db.close();
  }
}
