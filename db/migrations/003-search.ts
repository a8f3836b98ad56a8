import type { Migration } from '../migrate';

/**
 * Full-text search over the notes and documents of a campaign (issue 5), local to each profile:
 * derived data, never synced. FTS5 with the unicode61 tokenizer folding case and removing
 * diacritics, so "coördinatie", "Coordinatie" and "COORDINATIE" find each other.
 *
 * Triggers on the materialized domain tables keep the index current whatever wrote the row (a
 * local edit, a bundle, the duo link or the server), because every path ends in the same upsert.
 * The FTS rowid is the domain row's rowid, so an update replaces exactly one index row.
 *
 * document_texts holds the text extracted from a document's file (plain text or PDF), keyed by
 * the blob hash: files are content-addressed, so the text is a pure function of the blob and can
 * be rebuilt from it on any laptop.
 */
const SQL = `
CREATE TABLE document_texts (
  blob_hash TEXT PRIMARY KEY,
  text TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE notes_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes WHEN new.deleted = 0 BEGIN
  INSERT INTO notes_fts (rowid, text) VALUES (new.rowid, coalesce(new.text, ''));
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF text, deleted ON notes BEGIN
  DELETE FROM notes_fts WHERE rowid = old.rowid;
  INSERT INTO notes_fts (rowid, text) SELECT new.rowid, coalesce(new.text, '') WHERE new.deleted = 0;
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
  DELETE FROM notes_fts WHERE rowid = old.rowid;
END;

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents WHEN new.deleted = 0 BEGIN
  INSERT INTO documents_fts (rowid, title, body)
  VALUES (new.rowid, coalesce(new.title, ''), coalesce((SELECT text FROM document_texts WHERE blob_hash = new.blob_hash), ''));
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, blob_hash, deleted ON documents BEGIN
  DELETE FROM documents_fts WHERE rowid = old.rowid;
  INSERT INTO documents_fts (rowid, title, body)
  SELECT new.rowid, coalesce(new.title, ''), coalesce((SELECT text FROM document_texts WHERE blob_hash = new.blob_hash), '') WHERE new.deleted = 0;
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  DELETE FROM documents_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER document_texts_fts AFTER INSERT ON document_texts BEGIN
  UPDATE documents_fts SET body = new.text
  WHERE rowid IN (SELECT rowid FROM documents WHERE blob_hash = new.blob_hash AND deleted = 0);
END;

INSERT INTO notes_fts (rowid, text) SELECT rowid, coalesce(text, '') FROM notes WHERE deleted = 0;
INSERT INTO documents_fts (rowid, title, body) SELECT rowid, coalesce(title, ''), '' FROM documents WHERE deleted = 0;
`;

export const migration003: Migration = {
  version: 3,
  name: 'search',
  up: (db) => {
    db.exec(SQL);
  },
};
