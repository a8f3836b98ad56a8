import type { Migration } from '../migrate';

export const migration001: Migration = {
  version: 1,
  name: 'campaigns',
  up: (db) => {
    db.exec(`
      CREATE TABLE campaigns (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        working_year TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
