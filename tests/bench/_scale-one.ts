// One size of the scale benchmark (tests/bench/scale.ts), run as its own process so that its peak
// memory (`maxRSS`) is its own: `tsx tests/bench/_scale-one.ts PHASE DIR SCALE`, one JSON line out.
//   prepare  writes the demo season at SCALE into DIR/source, exports its duo file (streamed) and
//            bulk-inserts the same domain rows with raw better-sqlite3 (the baseline).
//   import   imports DIR/duo.bundle into a fresh profile (streamed) and reports time and peak memory.
//   screens  times what the screens ask of that profile through the real services: sync.status,
//            swot.board of the largest scope, swot.capture of the largest conversation, note
//            autosave (p50/p99) against a raw insert, and campaign search against raw FTS5.
//   sync     uploads that profile to a sync server on 127.0.0.1 (SQLite store) and first-syncs it
//            into an empty profile (run before screens, whose autosaves are signed by nobody of the team).
import path from 'node:path';
import { openDatabase } from '../../db/connection';
import { saveNote } from '../../db/repositories/fieldwork';
import { exportBundle, importBundle } from '../../db/store/bundle';
import { generateDemo } from '../../db/demo/demo';
import { startServices } from '../../services/runtime';
import { createTestStoreLocation, seed, startTestServer } from '../integration/server-support';
import { engineFor } from './server';
import { ftsQuery } from '../../services/search/query';
import { call } from '../support/services';
import { openTestProfile, testProfileKey } from '../support/profile';
import { median, round } from '../support/stats';
import { domainRows, rawBulkInserter } from './store';

const [phase, dirArgument, scaleText] = process.argv.slice(2);
if (!phase || !dirArgument || !scaleText) throw new Error('usage: _scale-one.ts prepare|import|screens DIR SCALE');
const dir: string = dirArgument;
const scale = Number(scaleText);
const bundleFile = path.join(dir, 'duo.bundle');
const sourceDir = path.join(dir, 'source');
const peakMiB = (): number => round(process.resourceUsage().maxRSS / 1024, 0);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Medians of `runs` timings of each function, interleaved so that they share the machine's state. */
async function interleaved(runs: number, fns: readonly (() => unknown)[]): Promise<number[][]> {
  const times = fns.map((): number[] => []);
  for (let index = 0; index < runs; index += 1)
    for (const [which, fn] of fns.entries()) {
      const started = performance.now();
      await fn();
      times[which]!.push(performance.now() - started);
    }
  return times;
}

async function prepare(): Promise<Record<string, unknown>> {
  const source = openTestProfile(sourceDir);
  try {
    const demoStarted = performance.now();
    const demo = generateDemo(source.store, { size: 'season', seed: 2015, scale, laptopSigned: true });
    const demoMs = performance.now() - demoStarted;
    const exportStarted = performance.now();
    const header = await exportBundle(source.store, bundleFile);
    const exportMs = performance.now() - exportStarted;
    const exportPeak = peakMiB();
    const rows = domainRows(source.db);
    const rawTimes: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const raw = openTestProfile(path.join(dir, `raw-${index}`));
      const insert = rawBulkInserter(raw.db, rows);
      const started = performance.now();
      insert();
      rawTimes.push(performance.now() - started);
      raw.close();
    }
    return {
      demo: {
        campaignId: demo.campaignId,
        conversations: demo.conversations,
        swotItems: demo.swotItems,
        notes: demo.notes,
      },
      demoWriteMs: round(demoMs, 0),
      changes: header.count,
      domainRows: rows.reduce((sum, table) => sum + table.rows.length, 0),
      exportMs: round(exportMs, 0),
      exportPeakRssMiB: exportPeak,
      rawBulkInsertMedianMs: round(median(rawTimes), 1),
    };
  } finally {
    source.close();
  }
}

async function importOnce(): Promise<Record<string, unknown>> {
  const target = openTestProfile(path.join(dir, `import-${process.pid}`));
  try {
    const started = performance.now();
    const result = await importBundle(target.store, bundleFile);
    return { importMs: round(performance.now() - started, 0), applied: result.applied, peakRssMiB: peakMiB() };
  } finally {
    target.close();
  }
}

/** Search words as the notes have them: common, middling and rare words, a prefix, and one typed without accents. */
function queriesOf(texts: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of texts.slice(0, 400))
    for (const word of text.toLocaleLowerCase('nl-BE').match(/\p{L}{6,}/gu) ?? [])
      counts.set(word, (counts.get(word) ?? 0) + 1);
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const at = (fraction: number): string => byCount[Math.floor(fraction * (byCount.length - 1))]![0];
  const accented = byCount.find(([word]) => /[éèëïöü]/u.test(word))?.[0];
  return [
    at(0),
    at(0.02),
    at(0.1),
    at(0.3),
    at(0.7),
    `${at(0.05)} ${at(0.2)}`,
    `${at(0.01).slice(0, 4)}*`,
    ...(accented ? [accented.normalize('NFD').replace(/\p{M}/gu, '')] : []),
  ];
}

async function screens(): Promise<Record<string, unknown>> {
  const services = startServices({
    profileDir: sourceDir,
    key: testProfileKey(sourceDir),
    transport: 'http',
    backgroundSync: false,
  });
  const raw = openDatabase(path.join(dir, 'raw-autosave.sqlite'));
  try {
    const { store, db } = services.profile;
    const campaignId = store.list('campaigns')[0]!.id;
    const scopes = await call(services, 'swot.scopes', { campaignId });
    const largest = [...scopes].sort((a, b) => b.itemCount - a.itemCount)[0]!;
    const scope = { campaignId, sectorId: largest.sectorId, groupId: largest.groupId };
    const perConversation = new Map<string, number>();
    for (const item of store.list('swot_items'))
      perConversation.set(String(item.conversation_id), (perConversation.get(String(item.conversation_id)) ?? 0) + 1);
    const [conversationId, conversationItems] = [...perConversation.entries()].sort((a, b) => b[1] - a[1])[0]!;

    const [status, board, capture] = await interleaved(15, [
      () => call(services, 'sync.status', {}),
      () => call(services, 'swot.board', scope),
      () => call(services, 'swot.capture', { conversationId }),
    ]);

    // Note autosave: the store's save of a growing note vs one raw insert of the same text, both synchronous=FULL.
    raw.exec('CREATE TABLE edits (id INTEGER PRIMARY KEY, note TEXT NOT NULL, text TEXT NOT NULL) STRICT');
    const insert = raw.prepare('INSERT INTO edits (note, text) VALUES (?, ?)');
    const note = store.list('notes')[0]!;
    let text = String(note.text ?? '');
    let word = 0;
    const [autosave, rawInsert] = await interleaved(200, [
      () =>
        saveNote(store, {
          conversationId: String(note.conversation_id),
          guidingQuestionId: (note.guiding_question_id as string | null) ?? null,
          authorId: 'bench',
          text: (text = `${text} woord${(word += 1)}`),
        }),
      () => insert.run('note', text),
    ]);

    // Search: the services' campaign search against raw FTS5 on the same index with the same MATCH expression.
    const queries = queriesOf(store.list('notes').map((row) => String(row.text ?? '')));
    const rawFts = db.prepare('SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rank LIMIT 51');
    const search: number[] = [];
    const rawSearch: number[] = [];
    const hits: Record<string, number> = {};
    for (const query of queries) {
      const match = ftsQuery(query)!;
      hits[query] = (await call(services, 'search.query', { campaignId, query })).hits.length;
      const [ours, bare] = await interleaved(10, [
        () => call(services, 'search.query', { campaignId, query }),
        () => rawFts.all(match),
      ]);
      search.push(...ours!);
      rawSearch.push(...bare!);
    }
    return {
      syncStatusMedianMs: round(median(status!), 2),
      board: { items: largest.itemCount, lemmas: largest.lemmaCount, medianMs: round(median(board!), 1) },
      capture: { items: conversationItems, medianMs: round(median(capture!), 1) },
      autosave: {
        p50Ms: round(median(autosave!), 2),
        p99Ms: round(percentile(autosave!, 99), 2),
        rawInsertP50Ms: round(median(rawInsert!), 2),
      },
      search: { queries: hits, medianMs: round(median(search), 2), rawFts5MedianMs: round(median(rawSearch), 2) },
    };
  } finally {
    raw.close();
    await services.close();
  }
}

async function sync(): Promise<Record<string, unknown>> {
  const handle = await createTestStoreLocation('sqlite');
  const server = await startTestServer(handle.location);
  const source = openTestProfile(sourceDir);
  const target = openTestProfile(path.join(dir, 'first-sync'));
  try {
    const campaignId = source.store.list('campaigns')[0]!.id;
    // The uploading laptop is the team lead's: it set the campaign up (its team list included).
    const team = [
      { email: 'a@bench.org', roles: [{ role: 'team-lead' as const }] },
      { email: 'b@bench.org', roles: [{ role: 'inspector' as const }] },
    ];
    await seed(server.store, [campaignId], team);
    let started = performance.now();
    await (await engineFor(source, server.url, 'a@bench.org')).syncOnce();
    const uploadMs = performance.now() - started;
    const engine = await engineFor(target, server.url, 'b@bench.org');
    started = performance.now();
    await engine.syncOnce();
    const firstSyncMs = performance.now() - started;
    if (target.store.list('notes').length !== source.store.list('notes').length)
      throw new Error('the first sync did not bring every note');
    return { uploadMs: round(uploadMs, 0), firstSyncMs: round(firstSyncMs, 0) };
  } finally {
    target.close();
    source.close();
    await server.close();
    await handle.destroy();
  }
}

const phases: Record<string, () => Promise<Record<string, unknown>>> = {
  prepare,
  import: importOnce,
  screens,
  sync,
};
const run = phases[phase];
if (!run) throw new Error(`unknown phase ${phase}`);
process.stdout.write(`${JSON.stringify(await run())}\n`);
