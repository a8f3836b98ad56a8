import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionJson } from '../../shared/report/document';
import { plainTextUpdate, seedVersion3 as seedSections } from '../support/report-version3';
import { openDatabase, type SqliteDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { LocalStore } from '../../db/store/store';
import { migrations } from '../../db/migrations';

/** Migration 004 from a version-3 profile holding report sections as schema 1 wrote them. */
function seedVersion3(db: SqliteDatabase, sections: Record<string, string>): void {
  let client = 1000;
  seedSections(
    db,
    Object.fromEntries(Object.entries(sections).map(([id, text]) => [id, [plainTextUpdate(text, (client += 1))]])),
  );
}

describe('migration 004 (reports)', () => {
  let dir: string;
  let db: SqliteDatabase;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-m004-'));
    db = openDatabase(path.join(dir, 'test.sqlite'));
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves each plain-text body into paragraphs of the fragment, as a change of this node', () => {
    seedVersion3(db, { s1: 'De centra werken samen.\nZe delen kennis.', s2: 'Eén zin.', s3: '' });
    // From version 3 on: 004 and every later migration.
    expect(migrate(db, migrations)).toEqual(migrations.slice(3).map((migration) => migration.version));
    const store = new LocalStore(db);
    const state = store.textState('report_sections', 's1', 'body');
    expect(sectionJson(state)).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'De centra werken samen.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Ze delen kennis.' }] },
      ],
    });
    expect(store.get('report_sections', 's1')?.body).toBe('De centra werken samen.\nZe delen kennis.');
    expect(store.get('report_sections', 's2')?.body).toBe('Eén zin.');
    // The old Y.Text is still there: nothing was deleted.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    expect(doc.getText('text').toString()).toBe('De centra werken samen.\nZe delen kennis.');
    const moves = db
      .prepare(
        "SELECT row_id, schema, source FROM changes WHERE tbl = 'report_sections' AND schema = 2 ORDER BY row_id",
      )
      .all();
    expect(moves).toEqual([
      { row_id: 's1', schema: 2, source: 'local' },
      { row_id: 's2', schema: 2, source: 'local' },
    ]);
    // New columns exist and read as not yet known / false.
    expect(store.get('report_sections', 's1')).toMatchObject({ owner_id: null, template_key: null });
    expect(store.list('report_comments', {})).toEqual([]);
  });

  it('makes the same move on two laptops, so merging their moves does not double the text', () => {
    seedVersion3(db, { s1: 'Alleen dit.' });
    migrate(db, migrations);
    const otherDir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-m004b-'));
    const other = openDatabase(path.join(otherDir, 'test.sqlite'));
    try {
      seedVersion3(other, { s1: 'Alleen dit.' });
      migrate(other, migrations);
      const mine = new LocalStore(db);
      const theirs = new LocalStore(other);
      const theirMoves = theirs
        .changesAfter(0, 1000)
        .map((logged) => logged.change)
        .filter((change) => change.schema === 2);
      expect(theirMoves).toHaveLength(1);
      mine.applyRemote(theirMoves, 'peer');
      expect(mine.get('report_sections', 's1')?.body).toBe('Alleen dit.');
      expect(sectionJson(mine.textState('report_sections', 's1', 'body')).content).toHaveLength(1);
    } finally {
      other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
