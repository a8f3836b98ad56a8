import type { Change, JsonValue } from '../../shared/sync/change';
import { placeholders, toNumber, type SqlDriver, type SqlExecutor, type SqlParam } from './sql';

/**
 * The append-only change log per campaign, with its server sequence number (the pull cursor),
 * and the changes held aside for a coordinator (edits of approved visits).
 */

export interface LoggedServerChange {
  readonly seq: number;
  readonly change: Change;
}

export type HeldState = 'pending' | 'accepted' | 'rejected';

export interface HeldChange {
  readonly change: Change;
  readonly visitId: string;
  readonly reason: string;
  readonly state: HeldState;
  readonly pushedBy: string;
  readonly receivedAt: number;
  readonly decidedBy: string | null;
}

/** A held edit as its author's laptop is told about it: its state, and who decided it. */
export interface OwnHeldChange {
  readonly change: Change;
  readonly visitId: string;
  readonly state: HeldState;
  readonly receivedAt: number;
  /** The deciding account's e-mail address (null while pending). */
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  /** For a rejected edit: the field as its author wrote it (plain text of a shared text). */
  readonly editedText: string | null;
}

const CHANGE_COLUMNS = 'change_id, hlc, node, author, table_name, row_id, column_name, value, prev, schema_version';

interface ChangeRow {
  [key: string]: unknown;
  seq?: unknown;
  change_id: string;
  hlc: string;
  node: string;
  author: string;
  table_name: string;
  row_id: string;
  column_name: string;
  value: string;
  prev: string | null;
  schema_version: unknown;
}

interface HeldRow {
  [key: string]: unknown;
  body: string;
  visit_id: string;
  reason: string;
  state: string;
  pushed_by: string;
  received_at: unknown;
  decided_by: string | null;
}

const HELD_COLUMNS = 'body, visit_id, reason, state, pushed_by, received_at, decided_by';

function rowToChange(campaign: string, row: ChangeRow): Change {
  return {
    id: row.change_id,
    hlc: row.hlc,
    node: row.node,
    author: row.author,
    campaign,
    table: row.table_name,
    rowId: row.row_id,
    column: row.column_name,
    value: JSON.parse(row.value) as JsonValue,
    prev: row.prev,
    schema: toNumber(row.schema_version),
  };
}

function rowToHeld(row: HeldRow): HeldChange {
  return {
    change: JSON.parse(row.body) as Change,
    visitId: row.visit_id,
    reason: row.reason,
    state: row.state as HeldState,
    pushedBy: row.pushed_by,
    receivedAt: toNumber(row.received_at),
    decidedBy: row.decided_by,
  };
}

/** The payload of a notification that a campaign's log grew to seq: "campaign seq" (campaign ids have no spaces). */
export function campaignNews(campaign: string, seq: number): string {
  return `${campaign} ${seq}`;
}

/** The campaign and sequence number of a notification's payload; null for anything else. */
export function parseCampaignNews(payload: string): { readonly campaign: string; readonly seq: number } | null {
  const match = /^(\S{1,200}) (0|[1-9][0-9]{0,15})$/.exec(payload);
  return match ? { campaign: match[1] as string, seq: Number(match[2]) } : null;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

export class ChangeLogRepository {
  constructor(private readonly driver: SqlDriver) {}

  /** Takes the campaign's write lock for the rest of the transaction; returns its last sequence number (null: no such campaign). */
  async lockCampaign(tx: SqlExecutor, campaign: string): Promise<number | null> {
    const rows = await tx.query<{ last_seq: unknown }>(
      'UPDATE campaigns SET last_seq = last_seq WHERE id = $1 RETURNING last_seq',
      [campaign],
    );
    return rows[0] ? toNumber(rows[0].last_seq) : null;
  }

  /** The changes with these ids that the campaign already has, in its log or held aside (to tell a replay from a different change under a used id). */
  async knownChanges(tx: SqlExecutor, campaign: string, ids: readonly string[]): Promise<Map<string, Change>> {
    const known = new Map<string, Change>();
    for (const part of chunks(ids, 500)) {
      const list = placeholders(part.length, 2);
      // One query for both places (a round trip less inside the campaign's lock on PostgreSQL).
      const rows = await tx.query<ChangeRow & { body: string | null }>(
        `SELECT ${CHANGE_COLUMNS}, NULL AS body FROM changes WHERE campaign_id = $1 AND change_id IN (${list})
         UNION ALL
         SELECT change_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, body FROM held_changes WHERE campaign_id = $1 AND change_id IN (${list})`,
        [campaign, ...part],
      );
      for (const row of rows) if (row.body === null) known.set(row.change_id, rowToChange(campaign, row));
      for (const row of rows)
        if (row.body !== null && !known.has(row.change_id)) known.set(row.change_id, JSON.parse(row.body) as Change);
    }
    return known;
  }

  /** Binds a node id to an account if it is not bound yet; answers the account it is bound to. */
  async bindNode(tx: SqlExecutor, node: string, userId: string): Promise<string> {
    await tx.execute(
      'INSERT INTO node_owners (node, user_id, bound_at) VALUES ($1, $2, $3) ON CONFLICT (node) DO NOTHING',
      [node, userId, new Date().toISOString()],
    );
    const rows = await tx.query<{ user_id: string }>('SELECT user_id FROM node_owners WHERE node = $1', [node]);
    return rows[0]?.user_id ?? userId;
  }

  /** The accounts these node ids are bound to (unbound ones are absent). */
  async nodeOwners(tx: SqlExecutor, nodes: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const part of chunks([...new Set(nodes)], 400)) {
      const rows = await tx.query<{ node: string; user_id: string }>(
        `SELECT node, user_id FROM node_owners WHERE node IN (${placeholders(part.length, 1)})`,
        part,
      );
      for (const row of rows) found.set(row.node, row.user_id);
    }
    return found;
  }

  /** Of these rows of a table, those that another campaign's log already has: row id → that campaign. */
  async rowsOfOtherCampaigns(
    tx: SqlExecutor,
    campaign: string,
    table: string,
    rowIds: readonly string[],
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const part of chunks([...new Set(rowIds)], 400)) {
      const rows = await tx.query<{ row_id: string; campaign_id: string }>(
        `SELECT DISTINCT row_id, campaign_id FROM changes WHERE table_name = $1 AND campaign_id <> $2 AND row_id IN (${placeholders(part.length, 3)})`,
        [table, campaign, ...part],
      );
      for (const row of rows) found.set(row.row_id, row.campaign_id);
    }
    return found;
  }

  /** Appends changes to the campaign's log after lastSeq (the caller holds the campaign lock). Returns the new last sequence number. */
  async append(
    tx: SqlExecutor,
    campaign: string,
    lastSeq: number,
    changes: readonly Change[],
    pushedBy: string,
  ): Promise<number> {
    let seq = lastSeq;
    const now = Date.now();
    for (const part of chunks(changes, 200)) {
      const params: SqlParam[] = [];
      const rows: string[] = [];
      for (const change of part) {
        seq += 1;
        const base = params.length;
        rows.push(`(${placeholders(14, base + 1)})`);
        params.push(
          campaign,
          seq,
          change.id,
          change.hlc,
          change.node,
          change.author,
          change.table,
          change.rowId,
          change.column,
          JSON.stringify(change.value),
          change.prev,
          change.schema,
          pushedBy,
          now,
        );
      }
      await tx.execute(
        `INSERT INTO changes (campaign_id, seq, ${CHANGE_COLUMNS}, pushed_by, received_at) VALUES ${rows.join(', ')}`,
        params,
      );
    }
    if (seq !== lastSeq) {
      await tx.execute('UPDATE campaigns SET last_seq = $1 WHERE id = $2', [seq, campaign]);
      // Connected laptops hear that the campaign has news once this commits (server/change-feed.ts).
      await tx.notify(campaignNews(campaign, seq));
    }
    return seq;
  }

  /**
   * A page of the log after afterSeq with the campaign's last sequence number, read by one
   * statement (one snapshot, one round trip); a second only when the page is empty.
   */
  async pageAfter(
    campaign: string,
    afterSeq: number,
    limit: number,
  ): Promise<{ changes: LoggedServerChange[]; lastSeq: number }> {
    const rows = await this.driver.query<ChangeRow & { last_seq: unknown }>(
      `SELECT seq, ${CHANGE_COLUMNS}, (SELECT last_seq FROM campaigns WHERE id = $1) AS last_seq
       FROM changes WHERE campaign_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [campaign, afterSeq, limit],
    );
    const first = rows[0];
    return {
      changes: rows.map((row) => ({ seq: toNumber(row.seq), change: rowToChange(campaign, row) })),
      lastSeq: first ? toNumber(first.last_seq) : await this.lastSeq(campaign),
    };
  }

  async changesAfter(campaign: string, afterSeq: number, limit: number): Promise<LoggedServerChange[]> {
    const rows = await this.driver.query<ChangeRow>(
      `SELECT seq, ${CHANGE_COLUMNS} FROM changes WHERE campaign_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [campaign, afterSeq, limit],
    );
    return rows.map((row) => ({ seq: toNumber(row.seq), change: rowToChange(campaign, row) }));
  }

  /** Every change of a campaign's log in order, inside a transaction (a report's frozen values are resolved from it). */
  async allChanges(tx: SqlExecutor, campaign: string): Promise<Change[]> {
    const rows = await tx.query<ChangeRow>(
      `SELECT seq, ${CHANGE_COLUMNS} FROM changes WHERE campaign_id = $1 ORDER BY seq`,
      [campaign],
    );
    return rows.map((row) => rowToChange(campaign, row));
  }

  async lastSeq(campaign: string): Promise<number> {
    const rows = await this.driver.query<{ last_seq: unknown }>('SELECT last_seq FROM campaigns WHERE id = $1', [
      campaign,
    ]);
    return rows[0] ? toNumber(rows[0].last_seq) : 0;
  }

  /** The last sequence number of each of these campaigns (those that exist). */
  async lastSeqs(campaigns: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks(campaigns, 500)) {
      const rows = await this.driver.query<{ id: string; last_seq: unknown }>(
        `SELECT id, last_seq FROM campaigns WHERE id IN (${placeholders(part.length)})`,
        part,
      );
      for (const row of rows) out.set(row.id, toNumber(row.last_seq));
    }
    return out;
  }

  /** The newest timestamp in any log: the server clock starts after it. */
  async newestHlc(): Promise<string | null> {
    const rows = await this.driver.query<{ hlc: string | null }>('SELECT max(hlc) AS hlc FROM changes');
    return rows[0]?.hlc ?? null;
  }

  /**
   * The current value and timestamp of one column for many rows of a table: the change with the
   * greatest timestamp in the log (held and rejected changes are not in the log).
   */
  async latestValues(
    tx: SqlExecutor,
    campaign: string,
    table: string,
    column: string,
    rowIds: readonly string[],
  ): Promise<Map<string, { value: JsonValue; hlc: string }>> {
    const found = new Map<string, { value: JsonValue; hlc: string }>();
    for (const part of chunks([...new Set(rowIds)], 400)) {
      const rows = await tx.query<{ row_id: string; value: string; hlc: string }>(
        `SELECT c.row_id, c.value, c.hlc FROM changes c
         WHERE c.campaign_id = $1 AND c.table_name = $2 AND c.column_name = $3 AND c.row_id IN (${placeholders(part.length, 4)})
           AND c.hlc = (SELECT max(m.hlc) FROM changes m WHERE m.campaign_id = c.campaign_id AND m.table_name = c.table_name AND m.row_id = c.row_id AND m.column_name = c.column_name)`,
        [campaign, table, column, ...part],
      );
      for (const row of rows) found.set(row.row_id, { value: JSON.parse(row.value) as JsonValue, hlc: row.hlc });
    }
    return found;
  }

  /**
   * Every row of a table that is not deleted, with the current value of some columns (the change
   * with the greatest timestamp per field). For looking up names (regions, sectors), not hot paths.
   */
  async currentRows(
    campaign: string,
    table: string,
    columns: readonly string[],
  ): Promise<Array<{ id: string; values: Record<string, JsonValue> }>> {
    const wanted = [...new Set([...columns, 'deleted'])];
    const rows = await this.driver.query<{ row_id: string; column_name: string; value: string; hlc: string }>(
      `SELECT row_id, column_name, value, hlc FROM changes WHERE campaign_id = $1 AND table_name = $2 AND column_name IN (${placeholders(wanted.length, 3)})`,
      [campaign, table, ...wanted],
    );
    const latest = new Map<string, Map<string, { value: JsonValue; hlc: string }>>();
    for (const row of rows) {
      const fields = latest.get(row.row_id) ?? new Map<string, { value: JsonValue; hlc: string }>();
      const seen = fields.get(row.column_name);
      if (!seen || row.hlc > seen.hlc)
        fields.set(row.column_name, { value: JSON.parse(row.value) as JsonValue, hlc: row.hlc });
      latest.set(row.row_id, fields);
    }
    return [...latest]
      .filter(([, fields]) => fields.get('deleted')?.value !== true)
      .map(([id, fields]) => ({
        id,
        values: Object.fromEntries([...fields].map(([column, field]) => [column, field.value])),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  // ---- held changes (edits of approved visits) ------------------------------------------

  async hold(
    tx: SqlExecutor,
    campaign: string,
    held: readonly { change: Change; visitId: string; reason: string }[],
    pushedBy: string,
  ): Promise<void> {
    const now = Date.now();
    for (const item of held) {
      await tx.execute(
        `INSERT INTO held_changes (campaign_id, change_id, body, visit_id, reason, state, pushed_by, received_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7)
         ON CONFLICT (campaign_id, change_id) DO NOTHING`,
        [campaign, item.change.id, JSON.stringify(item.change), item.visitId, item.reason, pushedBy, now],
      );
    }
  }

  async listHeld(campaign: string, state?: HeldState): Promise<HeldChange[]> {
    const params: SqlParam[] = [campaign];
    let sql = `SELECT ${HELD_COLUMNS} FROM held_changes WHERE campaign_id = $1`;
    if (state) {
      sql += ' AND state = $2';
      params.push(state);
    }
    const rows = await this.driver.query<HeldRow>(`${sql} ORDER BY received_at, change_id`, params);
    return rows.map(rowToHeld);
  }

  async findHeld(tx: SqlExecutor, campaign: string, changeId: string): Promise<HeldChange | null> {
    const rows = await tx.query<HeldRow>(
      `SELECT ${HELD_COLUMNS} FROM held_changes WHERE campaign_id = $1 AND change_id = $2`,
      [campaign, changeId],
    );
    const row = rows[0];
    return row ? rowToHeld(row) : null;
  }

  async decideHeld(
    tx: SqlExecutor,
    campaign: string,
    changeId: string,
    state: 'accepted' | 'rejected',
    decidedBy: string,
    editedText: string | null = null,
  ): Promise<void> {
    await tx.execute(
      'UPDATE held_changes SET state = $1, decided_by = $2, decided_at = $3, edited_text = $4 WHERE campaign_id = $5 AND change_id = $6',
      [state, decidedBy, Date.now(), editedText, campaign, changeId],
    );
  }

  /** The held edits one account pushed, newest first (at most `limit`), with the decider's address. */
  async listOwnHeld(campaign: string, pushedBy: string, limit: number): Promise<OwnHeldChange[]> {
    const rows = await this.driver.query<{
      body: string;
      visit_id: string;
      state: string;
      received_at: unknown;
      decided_at: unknown;
      edited_text: string | null;
      email: string | null;
    }>(
      `SELECT h.body, h.visit_id, h.state, h.received_at, h.decided_at, h.edited_text, u.email
       FROM held_changes h LEFT JOIN users u ON u.id = h.decided_by
       WHERE h.campaign_id = $1 AND h.pushed_by = $2 ORDER BY h.received_at DESC, h.change_id LIMIT $3`,
      [campaign, pushedBy, limit],
    );
    return rows.map((row) => ({
      change: JSON.parse(row.body) as Change,
      visitId: row.visit_id,
      state: row.state as HeldState,
      receivedAt: toNumber(row.received_at),
      decidedBy: row.email,
      decidedAt: row.decided_at === null || row.decided_at === undefined ? null : toNumber(row.decided_at),
      editedText: row.edited_text,
    }));
  }

  /** The pending held changes of a campaign, inside a transaction. */
  async pendingHeld(tx: SqlExecutor, campaign: string): Promise<Change[]> {
    const rows = await tx.query<{ body: string }>(
      "SELECT body FROM held_changes WHERE campaign_id = $1 AND state = 'pending' ORDER BY received_at, change_id",
      [campaign],
    );
    return rows.map((row) => JSON.parse(row.body) as Change);
  }

  /** Every logged value of one field, in log order (a shared text's updates). */
  async fieldValues(
    tx: SqlExecutor,
    campaign: string,
    table: string,
    rowId: string,
    column: string,
  ): Promise<JsonValue[]> {
    const rows = await tx.query<{ value: string }>(
      'SELECT value FROM changes WHERE campaign_id = $1 AND table_name = $2 AND row_id = $3 AND column_name = $4 ORDER BY seq',
      [campaign, table, rowId, column],
    );
    return rows.map((row) => JSON.parse(row.value) as JsonValue);
  }

  /** Whether the campaign's log has any change of this row. */
  async rowLogged(tx: SqlExecutor, campaign: string, table: string, rowId: string): Promise<boolean> {
    const rows = await tx.query<{ one: unknown }>(
      'SELECT 1 AS one FROM changes WHERE campaign_id = $1 AND table_name = $2 AND row_id = $3 LIMIT 1',
      [campaign, table, rowId],
    );
    return rows.length > 0;
  }
}
