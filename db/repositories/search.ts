import type { SqliteDatabase } from '../connection';

/**
 * The local full-text index (migration 003): searches of notes and documents, and the text
 * extracted from document files that feeds it. Queries take an FTS5 MATCH expression (see
 * services/search/query.ts, which builds one from what the user typed).
 */

export interface NoteMatch {
  readonly id: string;
  readonly visit_id: string | null;
  readonly conversation_id: string | null;
  readonly guiding_question_id: string | null;
  readonly author_id: string | null;
  readonly snippet: string;
  readonly score: number;
}

export interface DocumentMatch {
  readonly id: string;
  readonly visit_id: string | null;
  readonly title: string | null;
  readonly snippet: string;
  readonly score: number;
}

/** Notes of a campaign matching, best first (snippets mark hits with [[ ]]). */
export function searchNotes(db: SqliteDatabase, match: string, campaignId: string, limit: number): NoteMatch[] {
  return db
    .prepare(
      `SELECT n.id, n.visit_id, n.conversation_id, n.guiding_question_id, n.author_id,
              snippet(notes_fts, 0, '[[', ']]', '…', 16) AS snippet, bm25(notes_fts) AS score
       FROM notes_fts JOIN notes n ON n.rowid = notes_fts.rowid
       WHERE notes_fts MATCH ? AND n.campaign_id = ? AND n.deleted = 0
       ORDER BY rank LIMIT ?`,
    )
    .all(match, campaignId, limit) as NoteMatch[];
}

/** Documents of a campaign matching in title (weighted 4) or extracted text, best first. */
export function searchDocuments(db: SqliteDatabase, match: string, campaignId: string, limit: number): DocumentMatch[] {
  return db
    .prepare(
      `SELECT d.id, d.visit_id, d.title, snippet(documents_fts, -1, '[[', ']]', '…', 16) AS snippet, bm25(documents_fts, 4.0, 1.0) AS score
       FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
       WHERE documents_fts MATCH ? AND d.campaign_id = ? AND d.deleted = 0
       ORDER BY rank LIMIT ?`,
    )
    .all(match, campaignId, limit) as DocumentMatch[];
}

/** Documents of one visit matching, best first, with a short snippet. */
export function searchVisitDocuments(
  db: SqliteDatabase,
  match: string,
  visitId: string,
  limit: number,
): Array<{ documentId: string; snippet: string }> {
  return db
    .prepare(
      `SELECT d.id AS documentId, snippet(documents_fts, -1, '[[', ']]', '…', 12) AS snippet
       FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
       WHERE documents_fts MATCH ? AND d.visit_id = ? AND d.deleted = 0
       ORDER BY rank LIMIT ?`,
    )
    .all(match, visitId, limit) as Array<{ documentId: string; snippet: string }>;
}

/** The length of the text extracted from a blob, or null when it was not extracted yet. */
export function documentTextLength(db: SqliteDatabase, hash: string): number | null {
  const row = db.prepare('SELECT length(text) AS n FROM document_texts WHERE blob_hash = ?').get(hash) as
    { n: number } | undefined;
  return row ? row.n : null;
}

/** Keeps the text extracted from a blob (a pure function of it: the first one stays). */
export function saveDocumentText(db: SqliteDatabase, hash: string, text: string): void {
  db.prepare('INSERT INTO document_texts (blob_hash, text) VALUES (?, ?) ON CONFLICT (blob_hash) DO NOTHING').run(
    hash,
    text,
  );
}
