import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/connection';
import { generateDemo } from '../../db/demo/demo';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { DATABASE_FILE } from '../../db/profile';
import { saveNote } from '../../db/repositories/fieldwork';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import { openMemoryStore } from '../../db/store/memory';
import { LocalStore } from '../../db/store/store';
import { openTestProfile, tempDir } from '../support/profile';
import { median, round } from '../support/stats';

/**
 * Issue 12: what encryption at rest costs, as a ratio to the same build unencrypted in the same
 * run on the same disk (goal ≤ 1.15×, medians). The encrypted side is a profile opened with its
 * key (openProfile: SQLite3 Multiple Ciphers, AEGIS); the plain side is the same
 * store on the same driver and the same connection settings (db/connection.ts) without a key.
 * The two run interleaved, one of each per round, so that they share the machine's moments.
 */
export async function run(options: { full: boolean }): Promise<Record<string, unknown>> {
  const work = tempDir('veldwerk-bench-encryption-');
  try {
    return {
      noteAutosave: await noteAutosave(work.dir, options.full ? 600 : 200),
      seasonBundleImport: await seasonImport(work.dir, options.full ? 5 : 3),
      goalRatio: 1.15,
    };
  } finally {
    work.remove();
  }
}

/** A plaintext store on the same driver and settings: the build unencrypted. */
function plainStore(dir: string): { store: LocalStore; close: () => void } {
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(path.join(dir, DATABASE_FILE));
  migrate(db, migrations);
  return { store: new LocalStore(db), close: () => db.close() };
}

function seedConversation(store: LocalStore): void {
  store.insert('campaigns', 'bench', { name: 'Bench', working_year: '2014-2015', created_at: null });
  store.insert(
    'visits',
    'bench',
    { organisation_id: 'org', date: '2015-01-01', status: 'in_progress' },
    { id: 'visit' },
  );
  store.insert('conversations', 'bench', { visit_id: 'visit', respondent_group_ids: [] }, { id: 'conversation' });
}

async function noteAutosave(dir: string, runs: number): Promise<Record<string, unknown>> {
  const encrypted = openTestProfile(path.join(dir, 'note-encrypted'));
  const plain = plainStore(path.join(dir, 'note-plain'));
  try {
    seedConversation(encrypted.store);
    seedConversation(plain.store);
    // A note of realistic size (the season demo's notes are about 7,500 characters), saved as
    // the conversation screen's autosave saves it: the whole text, after each pause in typing.
    let text = 'De coördinator beschrijft de werking van het onthaal en de samenwerking met de partners. '.repeat(80);
    const encryptedTimes: number[] = [];
    const plainTimes: number[] = [];
    for (let round = 0; round < runs; round += 1) {
      text = `${text} woord${round}`;
      const note = { conversationId: 'conversation', guidingQuestionId: null, authorId: 'm1', text };
      const first = round % 2 === 0;
      for (const side of first ? ['encrypted', 'plain'] : ['plain', 'encrypted']) {
        const started = performance.now();
        saveNote(side === 'encrypted' ? encrypted.store : plain.store, note);
        (side === 'encrypted' ? encryptedTimes : plainTimes).push(performance.now() - started);
      }
    }
    const encryptedMs = median(encryptedTimes);
    const plainMs = median(plainTimes);
    return {
      runs,
      noteCharacters: text.length,
      encryptedMedianMs: round(encryptedMs, 3),
      plainMedianMs: round(plainMs, 3),
      ratio: round(encryptedMs / plainMs, 3),
    };
  } finally {
    encrypted.close();
    plain.close();
  }
}

async function seasonImport(dir: string, runs: number): Promise<Record<string, unknown>> {
  const source = openMemoryStore();
  generateDemo(source, { size: 'season', seed: 2015 });
  const { bytes, header } = await createBundle(source);
  const encryptedTimes: number[] = [];
  const plainTimes: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    for (const side of index % 2 === 0 ? ['encrypted', 'plain'] : ['plain', 'encrypted']) {
      const target =
        side === 'encrypted'
          ? (() => {
              const profile = openTestProfile(path.join(dir, `import-encrypted-${index}`));
              return { store: profile.store, close: () => profile.close() };
            })()
          : plainStore(path.join(dir, `import-plain-${index}`));
      try {
        const started = performance.now();
        await importBundleBytes(target.store, bytes);
        (side === 'encrypted' ? encryptedTimes : plainTimes).push(performance.now() - started);
      } finally {
        target.close();
      }
    }
  }
  const encryptedMs = median(encryptedTimes);
  const plainMs = median(plainTimes);
  return {
    runs,
    changes: header.count,
    bundleBytes: bytes.length,
    encryptedMedianMs: round(encryptedMs),
    plainMedianMs: round(plainMs),
    ratio: round(encryptedMs / plainMs, 3),
  };
}
