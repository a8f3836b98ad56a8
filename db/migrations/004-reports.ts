import * as Y from 'yjs';
import { sectionText } from '../../shared/report/document';
import { moveUpdate } from '../../shared/report/migration-moves';
import { formatHlc, parseHlc } from '../../shared/sync/hlc';
import type { Migration } from '../migrate';

/**
 * Reports as issue 16 drafts them (sync schema 2):
 * - reports: pen holder, the comment of the last send-back, the frozen block values;
 * - report_sections: template key, the visit a region report's section is about, owner, lock;
 * - report_comments, report_versions, report_version_sections, report_templates.
 *
 * A section's body was a plain Y.Text (schema 1); it becomes a Y.XmlFragment (the TipTap
 * editor's document) in the same Yjs document. Each old body is moved into paragraphs, one per
 * line, by a deterministic Yjs update (shared/report/document.ts): two laptops migrating the same
 * text produce the same Yjs items, so when their migration changes meet, the text is not
 * doubled; two laptops whose old texts differed made two moves, which every laptop replaces by
 * the move of the merged old text when they meet (shared/report/migration-moves.ts,
 * db/report-moves.ts). The move is entered in the log as a change of this node, so it syncs. The old Y.Text
 * stays in the document (nothing of it is deleted), so a laptop of schema 1 still merges.
 */
const SQL = `
ALTER TABLE reports ADD COLUMN pen_holder_id TEXT;
ALTER TABLE reports ADD COLUMN status_comment TEXT;
ALTER TABLE reports ADD COLUMN frozen_blocks TEXT;
ALTER TABLE report_sections ADD COLUMN template_key TEXT;
ALTER TABLE report_sections ADD COLUMN source_visit_id TEXT;
ALTER TABLE report_sections ADD COLUMN owner_id TEXT;
ALTER TABLE report_sections ADD COLUMN locked INTEGER;
CREATE TABLE report_comments (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, report_id TEXT, section_id TEXT, parent_id TEXT, author_id TEXT, text TEXT,
  anchor TEXT, quote TEXT, resolved INTEGER, created_at TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE report_versions (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, report_id TEXT, name TEXT, reason TEXT, author_id TEXT, created_at TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE report_version_sections (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, version_id TEXT, section_id TEXT, sort_order INTEGER, title TEXT, content TEXT,
  deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE report_templates (
  id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, kind TEXT, sections TEXT, deleted INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX report_comments_report ON report_comments (report_id);
CREATE INDEX report_versions_report ON report_versions (report_id);
CREATE INDEX report_version_sections_version ON report_version_sections (version_id, sort_order);
CREATE INDEX report_templates_campaign ON report_templates (campaign_id);
`;

/** The schema of the registry this migration writes changes for. */
const SCHEMA = 2;

export const migration004: Migration = {
  version: 4,
  name: 'reports',
  up: (db) => {
    db.exec(SQL);
    const bodies = db
      .prepare(
        `SELECT t.row_id AS id, t.state AS state, s.campaign_id AS campaign FROM text_states t JOIN report_sections s ON s.id = t.row_id
         WHERE t.tbl = 'report_sections' AND t.col = 'body' ORDER BY t.row_id`,
      )
      .all() as { id: string; state: Uint8Array; campaign: string }[];
    if (bodies.length === 0) return;
    const node = (db.prepare("SELECT value FROM meta WHERE key = 'node_id'").get() as { value: string }).value;
    const last = (db.prepare('SELECT max(id) AS last FROM changes').get() as { last: string | null }).last;
    let wallMs = Date.now();
    let counter = 0;
    if (last) {
      const parts = parseHlc(last);
      if (parts.wallMs >= wallMs) {
        wallMs = parts.wallMs;
        counter = parts.counter + 1;
      }
    }
    const insertChange = db.prepare(
      `INSERT INTO changes (id, node, author, campaign, tbl, row_id, col, value, prev, schema, source)
       VALUES (?, ?, ?, ?, 'report_sections', ?, 'body', ?, NULL, ?, 'local')`,
    );
    const putState = db.prepare(
      "UPDATE text_states SET state = ? WHERE tbl = 'report_sections' AND row_id = ? AND col = 'body'",
    );
    const putBody = db.prepare('UPDATE report_sections SET body = ? WHERE id = ?');
    const bumpClock = db.prepare(
      'INSERT INTO node_clock (campaign, node, hlc) VALUES (?, ?, ?) ON CONFLICT (campaign, node) DO UPDATE SET hlc = max(hlc, excluded.hlc)',
    );
    for (const body of bodies) {
      const doc = new Y.Doc({ gc: true });
      try {
        Y.applyUpdate(doc, new Uint8Array(body.state));
        const text = doc.getText('text').toString();
        if (text.trim().length === 0 || doc.getXmlFragment('doc').length > 0) continue;
        const update = moveUpdate(body.id, text);
        Y.applyUpdate(doc, update);
        const state = Y.encodeStateAsUpdate(doc);
        if (counter > 0xfff0) {
          wallMs += 1;
          counter = 0;
        }
        const hlc = formatHlc({ wallMs, counter, node });
        counter += 1;
        insertChange.run(
          hlc,
          node,
          node,
          body.campaign,
          body.id,
          JSON.stringify(Buffer.from(update).toString('base64')),
          SCHEMA,
        );
        putState.run(state, body.id);
        putBody.run(sectionText(state), body.id);
        bumpClock.run(body.campaign, node, hlc);
      } finally {
        doc.destroy();
      }
    }
  },
};
