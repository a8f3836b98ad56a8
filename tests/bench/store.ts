import path from 'node:path';
import fc from 'fast-check';
import { openDatabase, type SqliteDatabase } from '../../db/connection';
import { saveNote } from '../../db/repositories/fieldwork';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import { generateDemo } from '../../db/demo/demo';
import { TABLE_NAMES } from '../../shared/sync/schema';
import { convergenceProperty } from '../integration/store-convergence-model';
import type { Profile } from '../../db/profile';
import { pushCursorKey } from '../../services/sync/client/engine';
import { SyncController } from '../../services/sync/controller';
import { tempDir, openTestProfile } from '../support/profile';
import { median, medianMs, round } from '../support/stats';

/**
 * The local store against raw better-sqlite3, measured in the same run on the same disk:
 * (a) one autosaved note edit vs one raw insert, both with WAL and synchronous=FULL;
 * (b) importing a season bundle into an empty profile vs bulk-inserting the same domain rows;
 * (c) exporting that bundle; (d) `sync.status` over that season (1x), everything still to push
 * and then all pushed, against a trivial SELECT and the log scan it replaced. With --full also
 * 10,000 convergence schedules (pass/fail, time).
 */
export async function run(options: { full: boolean }): Promise<Record<string, unknown>> {
  const work = tempDir('veldwerk-bench-store-');
  try {
    const edit = await noteEdit(work.dir, options.full ? 1000 : 200);
    const season = await seasonBundle(work.dir, options.full ? 5 : 3, options.full ? 2000 : 500);
    return {
      noteEdit: edit,
      seasonBundle: season.bundle,
      syncStatus: season.syncStatus,
      ...(options.full ? { convergence: await convergence(10_000) } : {}),
    };
  } finally {
    work.remove();
  }
}

async function noteEdit(dir: string, runs: number): Promise<Record<string, unknown>> {
  const profile = openTestProfile(path.join(dir, 'note-edit'));
  const raw = openDatabase(path.join(dir, 'raw-note.sqlite'));
  try {
    const store = profile.store;
    store.insert('campaigns', 'bench', { name: 'Bench', working_year: '2014-2015', created_at: null });
    store.insert(
      'visits',
      'bench',
      { organisation_id: 'org', date: '2015-01-01', status: 'in_progress' },
      { id: 'visit' },
    );
    store.insert('conversations', 'bench', { visit_id: 'visit', respondent_group_ids: [] }, { id: 'conversation' });
    // A note of realistic size (the season demo's notes are about 7,500 characters).
    let text = 'De coördinator beschrijft de werking van het onthaal en de samenwerking met de partners. '.repeat(80);
    saveNote(store, { conversationId: 'conversation', guidingQuestionId: null, authorId: 'm1', text });
    raw.exec('CREATE TABLE edits (id INTEGER PRIMARY KEY, note TEXT NOT NULL, text TEXT NOT NULL) STRICT');
    const insert = raw.prepare('INSERT INTO edits (note, text) VALUES (?, ?)');
    // The three are interleaved, one of each per round, so that they share the machine's
    // conditions (on a busy disk an fsync costs several times more from one second to the next).
    const noteId = store.list('notes')[0]!.id;
    const update = profile.db.prepare('UPDATE notes SET text = ? WHERE id = ?');
    const storeTimes: number[] = [];
    const rawTimes: number[] = [];
    const rawUpdateTimes: number[] = [];
    let word = 0;
    for (let round = 0; round < runs; round += 1) {
      text = `${text} woord${(word += 1)}`;
      let started = performance.now();
      saveNote(store, { conversationId: 'conversation', guidingQuestionId: null, authorId: 'm1', text });
      storeTimes.push(performance.now() - started);
      started = performance.now();
      insert.run('note', text);
      rawTimes.push(performance.now() - started);
      // The same edit without a change log: a raw UPDATE of the note row in the profile (its full-text index triggers included).
      const updated = `${text} woord${(word += 1)}`;
      started = performance.now();
      update.run(updated, noteId);
      rawUpdateTimes.push(performance.now() - started);
    }
    const storeMs = median(storeTimes);
    const rawMs = median(rawTimes);
    const rawUpdateMs = median(rawUpdateTimes);
    return {
      runs,
      synchronous: raw.pragma('synchronous', { simple: true }),
      noteCharacters: text.length,
      storeMedianMs: round(storeMs),
      rawInsertMedianMs: round(rawMs),
      ratio: round(storeMs / rawMs, 2),
      goalRatio: 2,
      rawNoteUpdateMedianMs: round(rawUpdateMs),
      ratioVsRawNoteUpdate: round(storeMs / rawUpdateMs, 2),
    };
  } finally {
    profile.close();
    raw.close();
  }
}

async function seasonBundle(
  dir: string,
  runs: number,
  statusRuns: number,
): Promise<{ bundle: Record<string, unknown>; syncStatus: Record<string, unknown> }> {
  const source = openTestProfile(path.join(dir, 'season'));
  try {
    const demoStarted = performance.now();
    const summary = generateDemo(source.store, { size: 'season', seed: 2015 });
    const demoMs = performance.now() - demoStarted;
    const syncStatus = syncStatusRow(source, statusRuns);
    let bytes: Uint8Array = new Uint8Array(0);
    let count = 0;
    const exportMs = await medianMs(runs, async () => {
      const bundle = await createBundle(source.store);
      bytes = bundle.bytes;
      count = bundle.header.count;
    });

    const importTimes: number[] = [];
    const rawTimes: number[] = [];
    const rawWithLogTimes: number[] = [];
    const logRows = source.db
      .prepare(
        'SELECT id, node, author, campaign, tbl, row_id, col, value, prev, schema, source FROM changes ORDER BY seq',
      )
      .raw()
      .all() as unknown[][];
    const rows = domainRows(source.db);
    const rowCount = rows.reduce((sum, entry) => sum + entry.rows.length, 0);
    for (let index = 0; index < runs; index += 1) {
      const target = openTestProfile(path.join(dir, `import-${index}`));
      const started = performance.now();
      await importBundleBytes(target.store, bytes);
      importTimes.push(performance.now() - started);
      target.close();

      // The same domain rows, bulk-inserted with raw better-sqlite3 into the same schema.
      const rawProfile = openTestProfile(path.join(dir, `raw-${index}`));
      const insertRaw = rawBulkInserter(rawProfile.db, rows);
      const rawStarted = performance.now();
      insertRaw();
      rawTimes.push(performance.now() - rawStarted);
      rawProfile.close();

      // The same domain rows plus the same change-log rows: the bytes any log-keeping store writes.
      const logProfile = openTestProfile(path.join(dir, `raw-log-${index}`));
      const logDb = logProfile.db;
      const logStatements = rows.map(({ table, rows: tableRows }) => {
        const columns = Object.keys(tableRows[0] ?? {});
        return {
          tableRows,
          columns,
          insert: columns.length
            ? logDb.prepare(
                `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
              )
            : null,
        };
      });
      const insertLog = logDb.prepare(
        'INSERT INTO changes (id, node, author, campaign, tbl, row_id, col, value, prev, schema, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const logStarted = performance.now();
      logDb.transaction(() => {
        for (const row of logRows) insertLog.run(...row);
        for (const { tableRows, columns, insert } of logStatements)
          for (const row of tableRows) insert?.run(...columns.map((column) => row[column]));
      })();
      rawWithLogTimes.push(performance.now() - logStarted);
      logProfile.close();
    }
    const importMs = median(importTimes);
    const rawMs = median(rawTimes);
    const rawWithLogMs = median(rawWithLogTimes);
    const bundle = {
      runs,
      season: summary,
      demoWriteMs: round(demoMs, 0),
      changes: count,
      domainRows: rowCount,
      bundleBytes: bytes.length,
      exportMedianMs: round(exportMs, 1),
      importMedianMs: round(importMs, 1),
      rawBulkInsertMedianMs: round(rawMs, 1),
      importRatio: round(importMs / rawMs, 2),
      goalImportRatio: 3,
      rawBulkInsertWithLogRowsMedianMs: round(rawWithLogMs, 1),
      importRatioVsRawWithLogRows: round(importMs / rawWithLogMs, 2),
    };
    return { bundle, syncStatus };
  } finally {
    source.close();
  }
}

/**
 * (d) What the sync indicator costs (issue 13): `sync.status` of a season profile, answered by
 * the controller as the contract does, against a trivial SELECT on the same connection (the
 * floor of any call) and against the log scan it replaced (the changes after each push cursor),
 * interleaved so that they share the machine's conditions (the scan in 20 of the rounds only).
 * First with the whole season still to
 * push (a demo typed on this laptop: the scan's worst case), then with everything pushed.
 */
function syncStatusRow(profile: Profile, runs: number): Record<string, unknown> {
  const controller = new SyncController(profile);
  const trivial = profile.db.prepare('SELECT 1 AS one');
  const scan = () => {
    const serverId = profile.store.getSyncState('sync:server-id');
    let pending = 0;
    for (const campaign of profile.store.knownCampaigns()) {
      const cursor = serverId ? Number(profile.store.getSyncState(pushCursorKey(serverId, campaign)) ?? '0') : 0;
      pending += profile.store.countChangesAfter(campaign, cursor, ['local', 'bundle', 'peer']);
    }
    return pending;
  };
  const measure = () => {
    const status: number[] = [];
    const select: number[] = [];
    const scanned: number[] = [];
    let pending = 0;
    for (let index = 0; index < runs; index += 1) {
      let started = performance.now();
      pending = controller.status().pendingChanges;
      status.push(performance.now() - started);
      started = performance.now();
      trivial.get();
      select.push(performance.now() - started);
      // The scan costs a fifth of a second a time with the season waiting: a few runs tell.
      if (index % Math.ceil(runs / 20) !== 0) continue;
      started = performance.now();
      if (scan() !== pending) throw new Error('the stored count differs from the scan');
      scanned.push(performance.now() - started);
    }
    const statusMs = median(status);
    const selectMs = median(select);
    const scanMs = median(scanned);
    return {
      pendingChanges: pending,
      statusMedianMs: round(statusMs, 4),
      trivialSelectMedianMs: round(selectMs, 4),
      ratioVsTrivialSelect: round(statusMs / selectMs, 1),
      logScanRuns: scanned.length,
      logScanMedianMs: round(scanMs, 4),
      logScanVsStatus: round(scanMs / statusMs, 1),
    };
  };
  try {
    const changes = profile.store.countCampaignChanges.bind(profile.store);
    const campaigns = profile.store.knownCampaigns();
    const everythingWaiting = measure();
    // As after a first push: a server, and each campaign's cursor at the end of its log.
    const last = maxSeq(profile);
    profile.store.transaction(() => {
      profile.store.setSyncState('sync:server-id', 'bench-server');
      for (const campaign of campaigns)
        profile.store.setSyncState(pushCursorKey('bench-server', campaign), String(last));
    });
    const allPushed = measure();
    return {
      scale: '1x (demo --size season)',
      runs,
      logChanges: campaigns.reduce((sum, campaign) => sum + changes(campaign), 0),
      everythingWaiting,
      allPushed,
    };
  } finally {
    void controller.close();
  }
}

function maxSeq(profile: Profile): number {
  return (profile.db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM changes').get() as { seq: number }).seq;
}

export interface TableRows {
  readonly table: string;
  readonly rows: readonly Record<string, unknown>[];
}

/** Every domain row of a profile, per table (what a bulk insert of "the same rows" writes). */
export function domainRows(db: SqliteDatabase): TableRows[] {
  return TABLE_NAMES.map((table) => ({
    table,
    rows: db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[],
  }));
}

/**
 * The raw baseline of issue 3 (b) and issue 4 (a): the same domain rows bulk-inserted with raw
 * better-sqlite3 into a migrated profile (same schema, indexes and full-text triggers), in one
 * transaction. The statements are prepared here; time only the returned function.
 */
export function rawBulkInserter(db: SqliteDatabase, tables: readonly TableRows[]): () => void {
  const statements = tables.map(({ table, rows }) => {
    const columns = Object.keys(rows[0] ?? {});
    return {
      rows,
      columns,
      insert: columns.length
        ? db.prepare(
            `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          )
        : null,
    };
  });
  return db.transaction(() => {
    for (const { rows, columns, insert } of statements)
      for (const row of rows) insert?.run(...columns.map((column) => row[column]));
  });
}

async function convergence(runs: number): Promise<Record<string, unknown>> {
  const started = performance.now();
  const result = await fc.check(convergenceProperty(), { numRuns: runs });
  return {
    schedules: runs,
    passed: !result.failed,
    ...(result.failed
      ? { counterexample: fc.stringify(result.counterexample), error: String(result.errorInstance) }
      : {}),
    seconds: round((performance.now() - started) / 1000, 1),
  };
}
