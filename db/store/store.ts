import type { Change, JsonValue } from '../../shared/sync/change';
import type {
  ApplyReport,
  ChangeSourceKind,
  HeldOutcome,
  LoggedChange,
  SetAsideChange,
  SyncReplica,
} from '../../shared/sync/replica';
import type { ReasonCode } from '../../shared/sync/reasons';
import type { RecordOf, TableName, ValuesOf } from '../../shared/sync/schema';
import type { SqliteDatabase } from '../connection';
import { ChangeApplier } from './apply';
import type { CommitListener } from './commits';
import { compactTexts } from './compaction';
import { listConflicts, type Conflict, type ConflictChoice } from './conflicts';
import { StoreCore, type Durability, type StoreOptions } from './core';
import * as exchange from './exchange';
import * as heldOutcomes from './held-outcomes';
import * as logReads from './log-reads';
import { campaignOf, getRecord, listRecords, textState } from './reads';
import { RemoteChanges, type ApplyOptions, type Numbering, type RemoteSource } from './remote';
import * as setAside from './set-aside';
import { LocalWrites, type InsertOptions, type WriteOptions } from './writes';

export { decodeRecord, rowToChange } from './codec';
export type { ApplyOptions, Numbering } from './remote';
export type { StoredHeldOutcome } from './held-outcomes';
export type { DiscardedChange, RetryOutcome, StoredSetAside } from './set-aside';
export type { Conflict, ConflictChoice } from './conflicts';
export type { Durability, StoreOptions } from './core';
export type { InsertOptions, WriteOptions } from './writes';

/**
 * The local store: every edit is a change in the log, written in the same transaction as the
 * domain table it materializes. Local writes and remote changes go through one apply path, so
 * merging is the same code for the UI, bundles, the duo peer link and the server client.
 *
 * This class is the facade; each concern lives in its module:
 * - writes.ts: local edits (insert, update, delete/restore, text updates, resolving a conflict);
 * - apply.ts: the one apply path (checking, the log, merging fields, materializing rows);
 * - remote.ts: changes made elsewhere, and deferring those of a newer schema;
 * - conflicts.ts: the open conflicts of judgement fields;
 * - exchange.ts: the log in order, version vectors, sync state;
 * - compaction.ts: folding a text's synced updates into one snapshot;
 * - reads.ts: the domain tables and text states.
 */
export class LocalStore implements SyncReplica {
  readonly node: string;
  readonly schemaVersion: number;
  readonly author: string;
  private readonly core: StoreCore;
  private readonly applier: ChangeApplier;
  private readonly writes: LocalWrites;
  private readonly remote: RemoteChanges;

  constructor(
    private readonly db: SqliteDatabase,
    options: StoreOptions = {},
  ) {
    this.core = new StoreCore(db, options);
    this.node = this.core.node;
    this.schemaVersion = this.core.schemaVersion;
    this.author = this.core.author;
    this.applier = new ChangeApplier(this.core);
    this.writes = new LocalWrites(this.core, this.applier);
    this.remote = new RemoteChanges(this.core, this.applier);
    this.applyDeferred();
  }

  /** Runs fn in one transaction (nested calls join the outer one): a batch of writes, one commit; see StoreCore.transaction for `durability`. */
  transaction<T>(fn: () => T, durability: Durability = 'full'): T {
    return this.core.transaction(fn, durability);
  }

  /** Observes committed writes: one event per source and transaction, after its commit (db/store/commits.ts). Answers the unsubscribe. */
  onCommit(listener: CommitListener): () => void {
    return this.core.commits.subscribe(listener);
  }

  // ---------------------------------------------------------------- local writes

  /** Creates a row (with `deleted: false`) and returns its id. */
  insert<T extends TableName>(table: T, campaign: string, values: ValuesOf<T>, options: InsertOptions = {}): string {
    return this.writes.insert(table, campaign, values, options);
  }

  /** Changes some fields of an existing row. Fields whose value is unchanged make no change. */
  update<T extends TableName>(table: T, id: string, values: ValuesOf<T>, options: WriteOptions = {}): Change[] {
    return this.writes.update(table, id, values, options);
  }

  /** Deletes a row (a tombstone: its fields stay, so a restore brings everything back). */
  remove(table: TableName, id: string, options: WriteOptions = {}): Change[] {
    return this.writes.setDeleted(table, id, true, options);
  }

  restore(table: TableName, id: string, options: WriteOptions = {}): Change[] {
    return this.writes.setDeleted(table, id, false, options);
  }

  /** Applies a Yjs update made by an editor bound to the text (see textState) as a local change. */
  applyTextUpdate(
    table: TableName,
    id: string,
    column: string,
    update: Uint8Array,
    options: WriteOptions = {},
  ): Change {
    return this.writes.applyTextUpdate(table, id, column, update, options);
  }

  // ---------------------------------------------------------------- reads

  /** The merged Yjs state of a text field (empty when none), for an editor binding. */
  textState(table: TableName, id: string, column: string): Uint8Array {
    return textState(this.core, table, id, column);
  }

  /** The campaign a row belongs to; throws when the row does not exist. */
  campaignOf(table: TableName, id: string): string {
    return campaignOf(this.core, table, id);
  }

  get<T extends TableName>(table: T, id: string, options: { includeDeleted?: boolean } = {}): RecordOf<T> | undefined {
    return getRecord(this.core, table, id, options);
  }

  /**
   * Rows of a table matching every given column value (null matches NULL), not deleted unless
   * asked, ordered by the given columns (default: id).
   */
  list<T extends TableName>(
    table: T,
    where: Readonly<Record<string, string | number | boolean | null>> = {},
    options: { includeDeleted?: boolean; orderBy?: readonly string[] } = {},
  ): RecordOf<T>[] {
    return listRecords(this.core, table, where, options);
  }

  // ---------------------------------------------------------------- conflicts

  listConflicts(filter: { campaign?: string; table?: TableName; rowId?: string } = {}): Conflict[] {
    return listConflicts(this.core, filter);
  }

  /**
   * Resolves a conflict with a new local change that has seen the current winner, so the
   * conflict closes on every replica. 'mine' keeps this node's version (the winner when neither
   * side is this node's), 'theirs' the other; 'winner'/'loser' name a side directly.
   */
  resolveConflict(conflictId: string, choice: ConflictChoice, options: WriteOptions = {}): Change {
    return this.writes.resolveConflict(conflictId, choice, options);
  }

  // ---------------------------------------------------------------- remote changes (SyncReplica)

  changesAfter(
    afterSeq: number,
    limit: number,
    filter: { readonly sources?: readonly ChangeSourceKind[]; readonly campaign?: string } = {},
  ): LoggedChange[] {
    return exchange.changesAfter(this.core, afterSeq, limit, filter);
  }

  changesById(ids: readonly string[]): LoggedChange[] {
    return exchange.changesById(this.core, ids);
  }

  /**
   * Applies changes made elsewhere, all or nothing (see remote.ts): one bad change refuses the
   * whole call with ChangeRejectedError (or ClockSkewError) and nothing is written.
   */
  applyRemote(changes: readonly Change[], source: RemoteSource, options: ApplyOptions = {}): ApplyReport {
    return this.remote.applyRemote(changes, source, options);
  }

  /** Every check applyRemote runs, writing nothing (throws what applyRemote would refuse with). */
  checkRemote(changes: readonly Change[], source: RemoteSource, numbering?: Numbering): void {
    this.remote.checkRemote(changes, source, numbering);
  }

  /** Changes set aside because they could not be applied here, newest first, with their reasons. */
  listSetAside(limit?: number): SetAsideChange[] {
    return this.remote.listSetAside(limit);
  }

  /** Applies deferred changes this build now understands (called at open, e.g. after an upgrade). */
  applyDeferred(): ApplyReport & { stillDeferred: number } {
    return this.remote.applyDeferred();
  }

  getSyncState(key: string): string | null {
    return exchange.getSyncState(this.core, key);
  }

  setSyncState(key: string, value: string): void {
    exchange.setSyncState(this.core, key, value);
  }

  // ---------------------------------------------------------------- held edits' outcomes

  recordHeldOutcomes(campaign: string, outcomes: readonly HeldOutcome[]): void {
    heldOutcomes.recordHeldOutcomes(this.core, campaign, outcomes);
  }

  awaitsHeldDecision(campaign: string): boolean {
    return heldOutcomes.awaitsHeldDecision(this.core, campaign);
  }

  /** The pending and rejected (not yet dismissed) held edits of a visit, newest first. */
  listHeldOutcomes(visitId: string): heldOutcomes.StoredHeldOutcome[] {
    return heldOutcomes.listHeldOutcomes(this.core, visitId);
  }

  dismissHeldOutcome(campaign: string, changeId: string): boolean {
    return heldOutcomes.dismissHeldOutcome(this.core, campaign, changeId);
  }

  // ---------------------------------------------------------------- set-aside changes (see set-aside.ts)

  /** A campaign's changes set aside because they could not be applied here, newest first, with where they came from. */
  listSetAsideOf(campaign: string, limit?: number): setAside.StoredSetAside[] {
    return setAside.listSetAsideOf(this.core, campaign, limit);
  }

  countSetAside(campaign: string): number {
    return setAside.countSetAside(this.core, campaign);
  }

  /** How many changes are set aside, per campaign that has any. */
  countSetAsideByCampaign(): Array<{ campaign: string; count: number }> {
    return setAside.countSetAsideByCampaign(this.core);
  }

  /** Tries a set-aside change again through the apply path; null when the campaign has no such change. */
  retrySetAside(campaign: string, id: string): setAside.RetryOutcome | null {
    return setAside.retrySetAside(
      this.core,
      (changes, source, options) => this.applyRemote(changes, source, options),
      campaign,
      id,
    );
  }

  /** Sets aside changes of this laptop the server refused for good; they stay applied here (see set-aside.ts). */
  setAsidePushed(
    refused: readonly { readonly change: Change; readonly code: ReasonCode; readonly reason: string }[],
  ): number {
    return setAside.setAsidePushed(this.core, refused);
  }

  /** Discards a set-aside change for good, recorded with who did it; false when there is no such change. */
  discardSetAside(campaign: string, id: string, by: string): boolean {
    return setAside.discardSetAside(this.core, campaign, id, by);
  }

  /**
   * Takes back here a change of this laptop the server refused for good, through this laptop's
   * own writes (signed by the laptop), and records the card as discarded by `by` (set-aside.ts).
   */
  undoPushedSetAside(campaign: string, id: string, by: string): setAside.UndoOutcome | null {
    return setAside.undoPushedSetAside(
      this.core,
      {
        currentValue: (table, rowId, column) =>
          (this.get(table, rowId, { includeDeleted: true }) as Record<string, unknown> | undefined)?.[column],
        setValue: (table, rowId, column, value) =>
          void this.writes.update(table, rowId, { [column]: value } as ValuesOf<typeof table>),
        removeRow: (table, rowId) => void this.writes.setDeleted(table, rowId, true),
        applyTextUpdate: (table, rowId, column, update) =>
          void this.writes.applyTextUpdate(table, rowId, column, update),
      },
      campaign,
      id,
      by,
    );
  }

  listDiscarded(campaign: string, limit?: number): setAside.DiscardedChange[] {
    return setAside.listDiscarded(this.core, campaign, limit);
  }

  // ---------------------------------------------------------------- exchange helpers

  /** Campaigns this replica holds changes of. */
  knownCampaigns(): string[] {
    return exchange.knownCampaigns(this.core);
  }

  /** For one campaign: per node, the newest hlc this replica holds (it holds every older change of that node too). */
  versionVector(campaign: string): Record<string, string> {
    return exchange.versionVector(this.core, campaign);
  }

  /** One page of the changes of a campaign that a replica with version vector `known` lacks (exchange.ts). */
  changesBeyondPage(
    campaign: string,
    known: Readonly<Record<string, string>>,
    afterSeq: number,
    limit: number,
  ): { changes: Change[]; next: number | null } {
    return exchange.changesBeyondPage(this.core, campaign, known, afterSeq, limit);
  }

  /** How many changes of a campaign the log holds. */
  countCampaignChanges(campaign: string): number {
    return exchange.countCampaignChanges(this.core, campaign);
  }

  // ---------------------------------------------------------------- questions of the log (see log-reads.ts)

  /** When each of these rows of a table was created: the id (hlc) of its first change, by row id. */
  firstChangeIds(table: TableName, campaign: string, rowIds: readonly string[]): Map<string, string> {
    return logReads.firstChangeIds(this.core, table, campaign, rowIds);
  }

  /** Per row, the value of a column that one author set last (their own latest choice). */
  latestValuesByAuthor(
    table: TableName,
    column: string,
    author: string,
    campaign: string,
  ): Array<{ rowId: string; value: JsonValue }> {
    return logReads.latestValuesByAuthor(this.core, table, column, author, campaign);
  }

  /** How many changes of a campaign from these sources came after a local seq (a push cursor). */
  countChangesAfter(campaign: string, afterSeq: number, sources: readonly ChangeSourceKind[]): number {
    return logReads.countChangesAfter(this.core, campaign, afterSeq, sources);
  }

  /** How many changes this laptop still has to push to its server, all campaigns (stored, not scanned: migration 012). */
  unpushedCount(): number {
    return logReads.unpushedCount(this.core);
  }

  /** The same per campaign, leaving out campaigns with nothing to push. */
  unpushedCounts(): Map<string, number> {
    return logReads.unpushedCounts(this.core);
  }

  /** The newest change of any of these rows: its id (hlc) and author. */
  newestChangeOf(
    rows: readonly { readonly table: string; readonly id: string }[],
  ): { id: string; author: string } | null {
    return logReads.newestChangeOf(this.core, rows);
  }

  /** The distinct authors of a node's newest changes (at most `limit` looked at). */
  recentAuthorsOfNode(node: string, limit: number): string[] {
    return logReads.recentAuthorsOfNode(this.core, node, limit);
  }
  /** Per node, the authors of the changes this laptop received from the server (see log-reads.ts). */
  serverAuthorsOfNodes(nodes: readonly string[]): Map<string, Set<string>> {
    return logReads.serverAuthorsOfNodes(this.core, nodes);
  }

  /** Which of these campaigns this laptop received changes of from the server. */
  campaignsFromServer(campaigns: readonly string[]): Set<string> {
    return logReads.campaignsFromServer(this.core, campaigns);
  }

  /** Which of these change ids the log holds already. */
  loggedChangeIds(ids: readonly string[]): Set<string> {
    return logReads.loggedChangeIds(this.core, ids);
  }

  /** Sync-state entries whose key starts with a prefix, by key. */
  syncStateByPrefix(prefix: string): Array<{ key: string; value: string }> {
    return logReads.syncStateByPrefix(this.core, prefix);
  }

  /** Closes the database under the store (tests and tools that opened the store themselves). */
  close(): void {
    this.db.close();
  }

  // ---------------------------------------------------------------- compaction

  /** Replaces the synced Yjs update changes of each text field by one snapshot change (see compaction.ts). */
  compactTexts(options: { throughSeq: number; campaign?: string }): number {
    return compactTexts(this.core, this.applier, options);
  }
}
