import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import type { SqliteDatabase } from './connection';

/**
 * Which laptop a profile is: its node id (the `node` of every change it writes) is bound to the
 * identity of the database file it was first opened as, the file's inode. A copied profile folder
 * (a backup restored next to the original, a folder copied to a second laptop) has a new file
 * with another inode; left alone, both copies would write changes under one node id and their
 * hybrid-logical-clock ids could collide, so one copy's edit would be taken for the other's and
 * silently dropped in a merge. On open, before anything writes, a copy gets a new node id
 * (and with it a new Yjs client id, derived from the node: db/store/text.ts); the changes it
 * holds keep their authors' node ids. Moving or renaming the folder keeps the inode, and the id.
 * A false alarm (a file system whose inode numbers are not stable) only costs a new node id.
 */

const HOME_KEY = 'node_home';

export interface NodeBinding {
  readonly node: string;
  /** Set when this open found a copy and gave it a new node id: the id it had. */
  readonly clonedFrom: string | null;
}

function homeOf(file: string): string {
  const stat = statSync(file, { bigint: true });
  return `inode:${stat.ino.toString()}`;
}

export function bindNodeToProfile(db: SqliteDatabase, file: string): NodeBinding {
  const read = (key: string) =>
    (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  const write = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const home = homeOf(file);
  return db.transaction((): NodeBinding => {
    const node = read('node_id');
    if (!node) throw new Error('The profile has no node id: it was not migrated to the sync store.');
    const bound = read(HOME_KEY);
    if (bound === home) return { node, clonedFrom: null };
    if (bound === null) {
      write.run(HOME_KEY, home);
      return { node, clonedFrom: null };
    }
    const fresh = randomBytes(8).toString('hex');
    write.run('node_id', fresh);
    write.run(HOME_KEY, home);
    write.run('cloned_from', node);
    return { node: fresh, clonedFrom: node };
  })();
}
